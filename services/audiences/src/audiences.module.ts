import { Module } from '@nestjs/common';
import { OutboxRelay, relayToIntegrationBus } from '@zvonar/outbox';
import { defaultNumberingDataFile, OfflinePhoneIntelligence } from '@zvonar/phone-intelligence';
import { LOGGER, PG_POOL, PostgresModule, SERVICE_CONFIG } from '@zvonar/platform';
import { projectAccessMigrations, ProjectAccessModule } from '@zvonar/project-access';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { DESCRIBE_NUMBER, DISPOSABLE_DOMAINS, MAIL_DOMAIN_RESOLVER, OUTBOX_WRITTEN, SEGMENT_STORE } from './audiences.di-tokens';
import type { AudiencesConfig } from './config/audiences.config';
import { IMPORT_JOBS, ImportJobs, UPLOADS } from './import-job/application/import-jobs';
import { PostgresImportJobs } from './import-job/infrastructure/postgres.import-jobs';
import { PostgresUploads } from './import-job/infrastructure/postgres.uploads';
import { AudiencesAccess } from './segment/api/audiences.access';
import { AudiencesGrpcController } from './segment/api/audiences.grpc.controller';
import { Blacklists } from './segment/application/blacklists';
import { Segments } from './segment/application/segments';
import type { DescribeNumber } from './segment/domain/new-contact';
import { audiencesMigrations } from './segment/infrastructure/audiences.migrations';
import { PostgresSegmentStore } from './segment/infrastructure/postgres.segment-store';
import { BlacklistInputsConsumer } from './segment/integration/blacklist-inputs.consumer';
import { BLACKLIST_TOPIC } from './segment/integration/blacklist-events.outbox';
import { EmailValidations } from './validation/application/email-validations';
import { PhoneValidations } from './validation/application/phone-validations';
import { ScoringRuns } from './validation/application/scoring-runs';
import { ListedDisposableDomains } from './validation/domain/disposable-domains';
import { WELL_KNOWN_DISPOSABLE_DOMAINS } from './validation/domain/well-known-disposable-domains';
import { DnsMailDomainResolver } from './validation/infrastructure/dns.mail-domain-resolver';

/** The relay of the audiences outbox to the bus chosen by BUS (a missing KAFKA_BROKERS fails the boot). */
const outboxRelay = (config: AudiencesConfig, pool: Pool, logger: Logger): OutboxRelay =>
  relayToIntegrationBus({ service: 'audiences', schema: 'audiences', BUS: config.BUS, KAFKA_BROKERS: config.KAFKA_BROKERS, pool, logger, topics: [BLACKLIST_TOPIC] });

/**
 * The numbering data (about 100 MiB, 0.35 s to load) is read on the first number described, so a
 * process that never imports pays nothing; a missing file fails that import with the command that
 * generates it.
 */
const lazyDescribeNumber = (config: AudiencesConfig): DescribeNumber => {
  let intelligence: OfflinePhoneIntelligence | undefined;
  return (e164) => {
    intelligence ??= OfflinePhoneIntelligence.fromFile(defaultNumberingDataFile({ ZVONAR_NUMBERING_DATA_DIR: config.ZVONAR_NUMBERING_DATA_DIR }));
    return intelligence.describe(e164);
  };
};

/**
 * The composition root of the audiences service: segments, contacts, imports and blacklists in the
 * `audiences` schema, the offline numbering data, the outbox relay of blacklist events, and the
 * consumers of call opt-outs and project accounts.
 */
@Module({
  imports: [
    PostgresModule.forService({ schema: 'audiences', migrations: [...audiencesMigrations, ...projectAccessMigrations] }),
    ProjectAccessModule.forService({ service: 'audiences', schema: 'audiences' }),
  ],
  controllers: [AudiencesGrpcController],
  providers: [
    { provide: OutboxRelay, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: outboxRelay },
    { provide: OUTBOX_WRITTEN, inject: [OutboxRelay], useFactory: (relay: OutboxRelay) => () => relay.announce() },
    { provide: SEGMENT_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresSegmentStore(pool) },
    { provide: UPLOADS, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresUploads(pool) },
    { provide: IMPORT_JOBS, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresImportJobs(pool) },
    { provide: DESCRIBE_NUMBER, inject: [SERVICE_CONFIG], useFactory: lazyDescribeNumber },
    {
      provide: MAIL_DOMAIN_RESOLVER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: AudiencesConfig) =>
        new DnsMailDomainResolver({ servers: config.EMAIL_DNS_SERVERS, timeoutMs: config.EMAIL_DNS_TIMEOUT_MS, concurrency: config.EMAIL_DNS_CONCURRENCY }),
    },
    { provide: DISPOSABLE_DOMAINS, useValue: new ListedDisposableDomains(WELL_KNOWN_DISPOSABLE_DOMAINS) },
    Blacklists,
    Segments,
    AudiencesAccess,
    ImportJobs,
    ScoringRuns,
    PhoneValidations,
    EmailValidations,
    BlacklistInputsConsumer,
  ],
})
export class AudiencesModule {}
