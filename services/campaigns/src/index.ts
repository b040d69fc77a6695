export * from './calling-window/domain';
export * from './dialing/domain';
export * from './campaign/domain';
export * from './templates/domain';
export { campaignsService } from './campaigns.service';
