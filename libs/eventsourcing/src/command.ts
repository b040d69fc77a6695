/** Metadata a command carries into `decide`. Time comes in here: deciders never read a clock. */
export type CommandMetadata = {
  now: Date;
  messageId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  /** The acting principal (user id, api key id, or `system:<service>`). */
  actor?: string;
};

/** An imperative request to an aggregate. `type` is PascalCase imperative (`LaunchCampaign`). */
export type Command<
  Type extends string = string,
  Data extends Record<string, unknown> = Record<string, unknown>,
  Metadata extends CommandMetadata = CommandMetadata,
> = Readonly<{ type: Type; data: Readonly<Data>; metadata: Metadata }>;
