export { campaignsService } from './campaigns.service';
