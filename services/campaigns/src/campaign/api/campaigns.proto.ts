// The generated code of zvonar.campaigns.v1 in one place: the API and (later) the integration
// events share the proto package.
export { campaignsV1, campaignsV1Package } from '@zvonar/proto-ts';
