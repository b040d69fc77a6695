// The campaign integration events (campaign_events.proto) are part of `campaignsV1`; this name
// keeps the mapping code reading as "the events", apart from the service's request messages.
export { campaignsV1 as campaignEventsV1 } from '@zvonar/proto-ts';
