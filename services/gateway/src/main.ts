import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { gatewayService } from './gateway.service';

void bootstrapService(gatewayService);
