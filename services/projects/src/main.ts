import './telemetry';
import { bootstrapService } from '@zvonar/platform';
import { projectsService } from './projects.service';

void bootstrapService(projectsService);
