/**
 * Nest injection tokens shared by the campaign lifecycle (`campaign/`) and the dialer
 * (`dialing/`): both work on the same event-sourced campaigns in the `campaigns` schema.
 */

/** The `EventStore` (libs/eventsourcing port) holding every campaign's stream, `campaign-<id>`. */
export const CAMPAIGN_EVENT_STORE = Symbol('CAMPAIGN_EVENT_STORE');
