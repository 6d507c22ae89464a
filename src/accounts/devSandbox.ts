// Dev/test bootstrap: `RETRAC_DEV_SANDBOX_INFO` names the SandboxInfo JSON of a sandbox that
// already runs (`npm start`, the UI test harness). Its keys become session-only profiles (memory
// only, no network). Nothing else sets it.
import { readFileSync } from 'node:fs';
import type { Logger } from '../log';
import type { SandboxInfo } from '../sandbox/types';
import { profilesFromSandboxInfo } from './keyInput';
import type { ProfileStore } from './profileStore';

const DEV_SANDBOX_ENV = 'RETRAC_DEV_SANDBOX_INFO';

/** Imports the dev sandbox's keys; returns the owner-full profile's id. */
export function importDevSandbox(store: ProfileStore, redact: (profileId: string, key: string) => void, logger: Logger): string | undefined {
  const file = process.env[DEV_SANDBOX_ENV];
  if (!file) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as SandboxInfo;
    let owner: string | undefined;
    for (const { profile, key } of profilesFromSandboxInfo(info, (k) => `dev-sandbox-${k.name}`, { sessionOnly: true })) {
      store.addSession(profile, key);
      redact(profile.id, key);
      if (profile.sandboxKeyName === 'owner-full') owner = profile.id;
    }
    logger.info(`Imported ${info.keys.length} session-only sandbox profiles from ${DEV_SANDBOX_ENV}.`);
    return owner;
  } catch (e) {
    logger.warn(`${DEV_SANDBOX_ENV} is set but could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
