import { InMemoryMailDomainResolver } from './in-memory.mail-domain-resolver';
import { CONTRACT_ZONE, mailDomainResolverContract } from './mail-domain-resolver.contract';

mailDomainResolverContract('in memory', () => ({ resolver: () => new InMemoryMailDomainResolver(CONTRACT_ZONE) }));
