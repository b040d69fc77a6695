/**
 * The campaign event store as the domain types describe it: the same store as
 * CAMPAIGN_EVENT_STORE, read through the revival of stored JSON instants into Dates. Deciders
 * and projections use this one; the raw token stays for adapters that need the PostgreSQL store
 * itself (appendInTransaction).
 */
export const CAMPAIGN_EVENTS = Symbol('CAMPAIGN_EVENTS');
