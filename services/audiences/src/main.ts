import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { audiencesService } from './audiences.service';

void bootstrapService(audiencesService);
