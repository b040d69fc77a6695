export { audiencesService } from './audiences.service';
