import { Module } from '@nestjs/common';
import { IdentityHttpController } from './identity.http.controller';

/** The identity routes; their client is the core module's (authentication uses it too). */
@Module({ controllers: [IdentityHttpController] })
export class IdentityRoutesModule {}
