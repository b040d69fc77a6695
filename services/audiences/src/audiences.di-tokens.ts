/** PostgresSegmentStore: segments and contacts in the audiences schema. */
export const SEGMENT_STORE = Symbol('SEGMENT_STORE');
/** `() => void`: wakes the outbox relay after a transaction that wrote to the outbox committed. */
export const OUTBOX_WRITTEN = Symbol('OUTBOX_WRITTEN');
/** DescribeNumber over the offline numbering data, loaded on first use. */
export const DESCRIBE_NUMBER = Symbol('DESCRIBE_NUMBER');
/** MailDomainResolver: the DNS port of e-mail validation (node:dns over EMAIL_DNS_SERVERS). */
export const MAIL_DOMAIN_RESOLVER = Symbol('MAIL_DOMAIN_RESOLVER');
/** DisposableDomains: the disposable-mail list of e-mail validation (the shipped list by default). */
export const DISPOSABLE_DOMAINS = Symbol('DISPOSABLE_DOMAINS');
