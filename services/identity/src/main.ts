import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { identityService } from './identity.service';

void bootstrapService(identityService);
