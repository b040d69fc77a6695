export { createProjectsService, projectsService } from './projects.service';
