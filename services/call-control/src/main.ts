import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { callControlService } from './call-control.service';

void bootstrapService(callControlService);
