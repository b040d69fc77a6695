import { knownSounds } from '../../../media/sounds';
import { notFound } from '../../ari-error';
import { pathParam, type Handler } from '../../handler';
import { ok } from '../../reply';

export const asteriskInfo: Handler = ({ core }) =>
  ok({
    build: { os: 'Linux', kernel: 'simulated', machine: 'x86_64', options: 'OPTIONAL_API', date: core.startupTime, user: 'zvonar' },
    system: { version: '22.10.1', entity_id: core.asteriskId },
    config: { name: '', default_language: 'en', setid: { user: '', group: '' } },
    status: { startup_time: core.startupTime, last_reload_time: core.startupTime },
  });

export const asteriskPing: Handler = ({ core }) => ok({ ping: 'pong', timestamp: core.ast.timestamp(), asterisk_id: core.asteriskId });

/** Global variables: the recorded system answered `{"value":""}` even for ASTERISK_VERSION. */
export const asteriskVariable: Handler = ({ params }) => {
  params.require('variable', 'Variable name is required');
  return ok({ value: '' });
};

const application = (name: string) => ({ name, channel_ids: [], bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] });

export const listApplications: Handler = ({ core }) => ok(core.hub.registeredApps().map(application));

export const getApplication: Handler = (ctx) => {
  const name = pathParam(ctx, 'applicationName');
  if (!ctx.core.hub.isRegistered(name)) throw notFound('Application');
  return ok(application(name));
};

export const listEndpoints: Handler = () => ok([{ technology: 'PJSIP', resource: 'loop', state: 'online', channel_ids: [] }]);

export const getSound: Handler = (ctx) => {
  const id = pathParam(ctx, 'soundId');
  if (!knownSounds().includes(id)) throw notFound('Sound');
  const formats = ['en_US_f_Allison', 'en_US', 'en'].map((language) => ({ language, format: 'slin' }));
  return ok({ id, formats });
};
