// The pure rules of the accounts part: what a pasted key may look like, which hosts a key may go
// to without asking, how profiles are named and what a profile's key may do. No vscode import,
// so all of it is unit-tested in plain Node. Messages never contain the key; they are built with
// the caller's `t` (vscode.l10n.t in the extension, English by default: the l10n seam ../api/l10n).
import { keyType, redactKey, RESTRICTED_PREFIX } from '../api/keys';
import { english, type Translate } from '../api/l10n';
import type { KeyType } from '../api/types';
import { DEFAULT_API_URL } from '../api/types';
import type { SandboxInfo, SandboxKeyInfo } from '../sandbox/types';
import type { Profile } from './connection';

export type KeyParse = { ok: true; key: string; keyType: KeyType } | { ok: false; message: string };

const KEY_BODY_LENGTH = 24;
const ALNUM = /^[0-9A-Za-z]+$/;

/**
 * Reads what the user pasted: trims it, strips a `Bearer ` / `Authorization:` prefix, an
 * `RETRAC_API_KEY=` assignment and surrounding quotes (pasted from a curl line or a .env file),
 * then checks the shape from the contract (§1): 24 letters and digits, or `retrac_` + 24.
 */
export function parseKeyInput(raw: string, t: Translate = english): KeyParse {
  let value = raw.trim();
  if (!value) return { ok: false, message: t('Paste a Retrac API key (Settings → API Keys in the dashboard).') };
  // Peel off the wrappers people paste along with the key, in any order.
  for (let previous = ''; previous !== value; ) {
    previous = value;
    value = value
      .replace(/^authorization\s*:\s*/i, '')
      .replace(/^(export\s+)?RETRAC_API_KEY\s*[=:]\s*/i, '')
      .replace(/^bearer(\s+|$)/i, '')
      .trim();
    const quoted = /^(["'`])([\s\S]*)\1$/.exec(value);
    if (quoted) value = quoted[2].trim();
  }
  if (!value) return { ok: false, message: t('Paste a Retrac API key (Settings → API Keys in the dashboard).') };
  if (/\s/.test(value)) return { ok: false, message: t('The key contains a space or line break: paste the key alone.') };
  const type = keyType(value);
  const body = type === 'restricted' ? value.slice(RESTRICTED_PREFIX.length) : value;
  if (type === 'full' && /^retrac[-_.]/i.test(value)) {
    return { ok: false, message: t('A restricted key starts with “retrac_” in lower case; check the prefix.') };
  }
  const bad = [...body].find((c) => !ALNUM.test(c));
  if (bad !== undefined) {
    return {
      ok: false,
      message: type === 'restricted'
        ? t('A Retrac key has only letters and digits after “retrac_”; this one contains “{0}”.', bad)
        : t('A Retrac key has only letters and digits; this one contains “{0}”.', bad),
    };
  }
  if (body.length !== KEY_BODY_LENGTH) {
    return {
      ok: false,
      message:
        type === 'restricted'
          ? t('A restricted key is “retrac_” followed by {0} letters and digits; this one has {1} after the prefix.', KEY_BODY_LENGTH, body.length)
          : t('A full-access key is {0} letters and digits (a restricted one starts with “retrac_”); this one has {1}.', KEY_BODY_LENGTH, body.length),
    };
  }
  return { ok: true, key: value, keyType: type };
}

/** The message for the key input box, or undefined when the key can be checked. */
export function keyInputProblem(raw: string, t: Translate = english): string | undefined {
  const parsed = parseKeyInput(raw, t);
  return parsed.ok ? undefined : parsed.message;
}

/** A workspace id as typed by the user: `ws_…`, or a bare slug (the API accepts both, §1). */
export function workspaceIdProblem(raw: string, t: Translate = english): string | undefined {
  const value = raw.trim();
  if (!value) return t('Type a workspace id (ws_…) or its slug.');
  if (/^ws_[0-9A-Za-z]+$/.test(value) || /^[a-z0-9][a-z0-9-]{0,47}$/.test(value)) return undefined;
  return t('A workspace id looks like “ws_” followed by letters and digits; a slug has lower-case letters, digits and dashes.');
}

export function profileNameProblem(raw: string, otherNames: readonly string[], t: Translate = english): string | undefined {
  const name = raw.trim();
  if (!name) return t('Give the profile a name.');
  if (name.length > 60) return t('Keep the name under 60 characters.');
  if (otherNames.some((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase())) return t('A profile named “{0}” exists already.', name);
  if (parseKeyInput(name).ok) return t('That looks like a key; choose a name you can show on screen.');
  return undefined;
}

/** Problem with an API base URL, or undefined. The API is HTTPS only (§1). */
export function apiUrlProblem(raw: string, t: Translate = english): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return t('“{0}” is not a URL; set retrac.apiUrl to e.g. {1}.', raw, DEFAULT_API_URL);
  }
  if (url.protocol !== 'https:') return t('The Retrac API is HTTPS only; retrac.apiUrl must start with https://.');
  if (url.username || url.password) return t('retrac.apiUrl must not contain a user name or password.');
  return undefined;
}

/** `host[:port]` of a URL, lower-cased, as remembered in the confirmed-hosts list. */
export function hostOf(apiUrl: string): string {
  return new URL(apiUrl).host.toLowerCase();
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Hosts a key may be sent to without asking: the real API, and the loopback interface where the
 * local sandbox listens (a key sent there does not leave the machine).
 */
export function isBuiltInTrustedHost(apiUrl: string): boolean {
  const url = new URL(apiUrl);
  return url.host.toLowerCase() === new URL(DEFAULT_API_URL).host || LOOPBACK.has(url.hostname.toLowerCase());
}

export function keyTypeLabel(type: KeyType, t: Translate = english): string {
  return type === 'full' ? t('full access') : t('restricted');
}

/** Default profile name: workspace name + key type, e.g. "Acme · full access". */
export function defaultProfileName(p: { workspaceName?: string; workspaceSlug?: string; keyType: KeyType; keyHint: string }): string {
  const ws = p.workspaceName ?? p.workspaceSlug;
  return ws ? `${ws} · ${keyTypeLabel(p.keyType)}` : `Retrac ${keyTypeLabel(p.keyType)} key ${p.keyHint}`;
}

/** A name that is not taken yet: "Name", "Name (2)", … */
export function uniqueName(name: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLocaleLowerCase()));
  if (!lower.has(name.toLocaleLowerCase())) return name;
  for (let i = 2; ; i++) if (!lower.has(`${name} (${i})`.toLocaleLowerCase())) return `${name} (${i})`;
}

/** Writes only the owner may do whatever the key's scopes say (§1). `transfers.revert` is our name for reverting. */
export const OWNER_ONLY = new Set(['locations.write', 'workspaces.write', 'transfers.revert']);

/**
 * Whether a profile's key may do `scope` (`items.write`, …, or `transfers.revert`). Full-access
 * keys have their role's rights; restricted keys have the scopes found when the key was checked
 * (presets expanded), never more than the role allows when the role is known.
 */
export function profileCan(profile: Pick<Profile, 'keyType' | 'scopes' | 'role'>, scope: string): boolean {
  if (OWNER_ONLY.has(scope) && profile.role !== undefined && profile.role !== 'owner') return false;
  if (profile.keyType === 'full') return profile.role === undefined || profile.role === 'owner' || !OWNER_ONLY.has(scope);
  const wanted = scope === 'transfers.revert' ? 'transfers.write' : scope;
  const scopes = new Set(profile.scopes);
  if (scopes.has('apis.all') || scopes.has(wanted)) return true;
  // A write scope includes reading the same resource (as in Dub).
  return wanted.endsWith('.read') && (scopes.has('apis.read') || scopes.has(wanted.replace(/\.read$/, '.write')));
}

/** One line saying what a key can do, e.g. "restricted key · member in Acme (ws_1) · business · items.read, tags.read". */
export function describeProfile(p: Profile, t: Translate = english): string {
  const parts = [t('{0} key {1}', keyTypeLabel(p.keyType, t), p.keyHint)];
  const ws = p.workspaceName ?? p.workspaceSlug;
  const where = `${ws ?? ''}${p.workspaceId ? ` (${p.workspaceId})` : ''}`.trim();
  if (ws || p.workspaceId) parts.push(p.role ? t('{0} in {1}', p.role, where) : where);
  else if (p.role) parts.push(p.role);
  if (p.plan) parts.push(t('{0} plan', p.plan));
  if (p.keyType === 'restricted') parts.push(p.scopes.length ? t('scopes: {0}', p.scopes.join(', ')) : t('no scopes found'));
  return parts.join(' · ');
}

/** Profiles for the keys a sandbox printed, named "Sandbox · <key name>", built without a network call. */
export function profilesFromSandboxInfo(
  info: SandboxInfo,
  makeId: (k: SandboxKeyInfo) => string,
  extra: Pick<Profile, 'sessionOnly'> = {},
): { profile: Profile; key: string }[] {
  return info.keys.map((k) => {
    const ws = info.workspaces.find((w) => w.id === k.workspaceId);
    const profile: Profile = {
      id: makeId(k),
      name: `Sandbox · ${k.name}`,
      keyType: k.type,
      apiUrl: info.baseUrl,
      workspaceId: k.workspaceId,
      workspaceSlug: ws?.slug,
      plan: ws?.plan,
      role: k.role,
      scopes: [...k.scopes],
      sandbox: true,
      sandboxKeyName: k.name,
      caCertPath: info.caCertPath,
      keyHint: redactKey(k.key),
      ...extra,
    };
    return { profile, key: k.key };
  });
}
