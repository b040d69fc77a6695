import { Module } from '@nestjs/common';
import { IdentityChangeInterceptor } from './identity-change.interceptor';
import { IdentityHttpController } from './identity.http.controller';

/** The identity routes; their client is the core module's (authentication uses it too). */
@Module({ controllers: [IdentityHttpController], providers: [IdentityChangeInterceptor] })
export class IdentityRoutesModule {}
