/** Upstream<identityV1.IdentityServiceClient>: authentication and the identity routes. */
export const IDENTITY_UPSTREAM = Symbol('IDENTITY_UPSTREAM');
/** Upstream<scenariosV1.ScenariosServiceClient>. */
export const SCENARIOS_UPSTREAM = Symbol('SCENARIOS_UPSTREAM');
/** Upstream<projectsV1.ProjectsServiceClient>. */
export const PROJECTS_UPSTREAM = Symbol('PROJECTS_UPSTREAM');
/** Upstream<campaignsV1.CampaignsServiceClient>. */
export const CAMPAIGNS_UPSTREAM = Symbol('CAMPAIGNS_UPSTREAM');
/** Upstream<campaignsV1.CampaignDialingServiceClient>. */
export const CAMPAIGN_DIALING_UPSTREAM = Symbol('CAMPAIGN_DIALING_UPSTREAM');
/** Upstream<callControlV1.CallsServiceClient>. */
export const CALLS_UPSTREAM = Symbol('CALLS_UPSTREAM');
/** IdempotencyStore. */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
/** The gateway's Clock: the platform's, or a TestClock in specs. */
export const GATEWAY_CLOCK = Symbol('GATEWAY_CLOCK');
/** Upstream<audiencesV1.AudiencesServiceClient>. */
export const AUDIENCES_UPSTREAM = Symbol('AUDIENCES_UPSTREAM');
/** PrincipalCache: identity's recent answers per credential, kept while CredentialsChanged events flow. */
export const PRINCIPAL_CACHE = Symbol('PRINCIPAL_CACHE');
