// What a Retrac key is and how it may be shown. Pure: used by the client, the scanner, the log
// redaction and the account commands.
import type { KeyType } from './types';

export const RESTRICTED_PREFIX = 'retrac_';

/** Key type is decided by the prefix alone (contract §1). */
export function keyType(key: string): KeyType {
  return key.startsWith(RESTRICTED_PREFIX) ? 'restricted' : 'full';
}

/**
 * The only form in which a key may appear in text a person reads: prefix + last 4.
 * `retrac_…Ab12` for restricted keys, `…Ab12` for full-access keys; short strings are fully masked.
 */
export function redactKey(key: string): string {
  const prefix = key.startsWith(RESTRICTED_PREFIX) ? RESTRICTED_PREFIX : '';
  const rest = key.slice(prefix.length);
  if (rest.length < 12) return `${prefix}…`;
  return `${prefix}…${rest.slice(-4)}`;
}

const KEYISH = /\b(retrac_[0-9A-Za-z]{8,})|(Bearer\s+)([^\s"',;]+)/g;

/**
 * Removes every key-shaped string from a text before it is logged or shown: `retrac_` tokens,
 * Bearer credentials, and any exact secrets the caller names (full-access keys have no prefix,
 * so the caller passes the ones it knows).
 */
export function redactText(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join(redactKey(secret));
  }
  return out.replace(KEYISH, (_m, restricted: string | undefined, bearer: string | undefined, cred: string | undefined) =>
    restricted ? redactKey(restricted) : `${bearer ?? ''}${redactKey(cred ?? '')}`,
  );
}
