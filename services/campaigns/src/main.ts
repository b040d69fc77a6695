import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { campaignsService } from './campaigns.service';

void bootstrapService(campaignsService);
