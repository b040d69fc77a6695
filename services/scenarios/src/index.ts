export { scenariosService } from './scenarios.service';
