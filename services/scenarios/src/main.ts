import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { scenariosService } from './scenarios.service';

void bootstrapService(scenariosService);
