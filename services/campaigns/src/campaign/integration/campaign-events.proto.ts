// The generated campaign_events.proto. libs/proto-ts does not re-export this file from
// `campaignsV1` yet (the lead adds it to zvonar.campaigns.v1.ts and to campaignsV1Package); until
// then it is imported from the generated path, in this one place.
export * as campaignEventsV1 from '@zvonar/proto-ts/src/generated/zvonar/campaigns/v1/campaign_events';
