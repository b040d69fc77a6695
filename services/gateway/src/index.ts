export { gatewayService, createGatewayService } from './gateway.service';
