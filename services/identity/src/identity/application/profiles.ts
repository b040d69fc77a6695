import { Inject, Injectable } from '@nestjs/common';
import { USERS_STORE } from '../../identity.di-tokens';
import { assertValid, invalidCredentials } from '../domain/identity.errors';
import { profileViolations, type Gender, type ProfileNames } from '../domain/profile';
import type { Principal } from './principal';
import type { UserRecord, UsersStore } from './users.port';

/** The signed-in user's own profile. Avatar upload waits for the materials service's media storage. */
@Injectable()
export class Profiles {
  constructor(@Inject(USERS_STORE) private readonly users: UsersStore) {}

  async get(principal: Principal): Promise<UserRecord> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw invalidCredentials();
    return user;
  }

  async update(principal: Principal, names: ProfileNames, gender: Gender | null): Promise<UserRecord> {
    assertValid(profileViolations(names));
    const trimmed = { lastName: names.lastName.trim(), firstName: names.firstName.trim(), middleName: names.middleName.trim() };
    await this.users.updateProfile(principal.userId, trimmed, gender);
    return this.get(principal);
  }
}
