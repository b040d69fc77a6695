export { identityService, createIdentityService } from './identity.service';
