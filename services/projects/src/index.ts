export { projectsService } from './projects.service';
