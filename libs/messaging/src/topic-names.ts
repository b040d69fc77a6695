const segment = /^[a-z][a-z0-9-]*$/;

export type TopicParts = { service: string; category: string; version: number };

/**
 * `zvonar.<service>.<category>.v<N>`: one topic per category of a service's integration events.
 * A breaking change to the proto goes to a new version, so old consumers keep reading `.v1`.
 */
export function integrationTopic({ service, category, version }: TopicParts): string {
  if (!segment.test(service)) throw new TypeError(`Invalid service segment "${service}" for a topic name`);
  if (!segment.test(category)) throw new TypeError(`Invalid category segment "${category}" for a topic name`);
  if (!Number.isInteger(version) || version < 1) throw new TypeError(`Invalid topic version ${version}`);
  return `zvonar.${service}.${category}.v${version}`;
}

const deadLetterSuffix = '.dlq';

/** Messages that cannot be decoded or keep failing on `topic` go to `<topic>.dlq`. */
export const deadLetterTopic = (topic: string): string => `${topic}${deadLetterSuffix}`;

export const isDeadLetterTopic = (topic: string): boolean => topic.endsWith(deadLetterSuffix);
