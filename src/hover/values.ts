// Where Retrac values are in text, by shape and by context, before any request is made.
// - ids: the grammar of the contract and the sandbox (§6): `c` + 24 of [0-9a-z] for items,
//   locations and transfers (the kinds share it, so the kind comes from the words around it),
//   `ws_` + such a cuid for workspaces;
// - SKUs: only in Retrac context (a `sku` key or parameter, a Retrac API URL, or a file that
//   mentions Retrac), and then only SKU-shaped tokens unless a `sku` key names the value.
// Completion slots: where a SKU, item id or location id goes (URL parameters, JSON/object keys,
// `.http` bodies). Pure: no vscode import, unit-tested in Node.

export type ValueKind = 'item' | 'location' | 'transfer' | 'workspace' | 'sku';
/** What the words around an id say it is; `unknown` when nothing does. */
export type IdHint = 'item' | 'location' | 'transfer' | 'unknown';

export interface FoundValue {
  kind: ValueKind;
  /** For `item`/`location`/`transfer`: what the context says; lookups try the hinted kind first. */
  hint: IdHint;
  value: string;
  /** Offsets in the line, end exclusive. */
  start: number;
  end: number;
}

export const ID_RE = /^c[0-9a-z]{24}$/;
const ID_SOURCE = 'c[0-9a-z]{24}';
export const WORKSPACE_ID_RE = /^ws_[0-9a-zA-Z]{20,32}$/;
/** A SKU-shaped token without a `sku` key: letters and digits (both), dashes, dots, underscores. */
const SKU_SHAPE_RE = /^(?=[A-Z0-9._-]*[A-Z])(?=[A-Z0-9._-]*[0-9])[A-Z0-9][A-Z0-9._-]{2,39}$/;
const SKU_VALUE_RE = /^[^\s"'`&?#=,;{}[\]<>]{1,64}$/;
const TOKEN_CHAR = /[A-Za-z0-9_.-]/;

/** Whether a document is Retrac context: it mentions Retrac (not `retracted`, …) or the active profile's API host. */
export function mentionsRetrac(text: string, apiHost?: string): boolean {
  if (/retrac(?!t(ed|ion|ing|s)\b)/i.test(text)) return true;
  return !!apiHost && text.includes(apiHost);
}

/** The host of an API URL (for `mentionsRetrac`), or undefined. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

const KEY_BEFORE_RE = /["'`]?([A-Za-z_][A-Za-z0-9_]*)["'`]?\s*(?:[:=]|=>)\s*["'`]?\s*$/;
const PARAM_BEFORE_RE = /[?&]([A-Za-z_][A-Za-z0-9_]*)=$/;
const PATH_BEFORE_RE = /\/(items|locations|transfers|workspaces)\/$/;

/** The key, parameter or path segment that names the value starting at `start`. */
export function keyBefore(line: string, start: number): { key: string; via: 'key' | 'param' | 'path' } | undefined {
  const before = line.slice(Math.max(0, start - 80), start);
  let m = PARAM_BEFORE_RE.exec(before);
  if (m) return { key: m[1], via: 'param' };
  m = PATH_BEFORE_RE.exec(before);
  if (m) return { key: m[1], via: 'path' };
  m = KEY_BEFORE_RE.exec(before);
  if (m) return { key: m[1], via: 'key' };
  return undefined;
}

export function hintFromKey(key: string | undefined): IdHint {
  if (!key) return 'unknown';
  const k = key.toLowerCase().replace(/_/g, '');
  if (k === 'itemid' || k === 'items' || k === 'item') return 'item';
  if (k === 'locationid' || k === 'fromlocationid' || k === 'tolocationid' || k === 'locations' || k === 'location' || k === 'defaultlocationid') return 'location';
  if (k === 'transferid' || k === 'transfers' || k === 'transfer') return 'transfer';
  return 'unknown';
}

const isSkuKey = (key: string | undefined) => !!key && /^skus?$/i.test(key);

/**
 * The Retrac value under `offset` in `line`, or undefined. `retracContext` says whether the file
 * mentions Retrac (SKU-shaped tokens count only then, or after a `sku` key).
 */
export function valueAt(line: string, offset: number, retracContext: boolean): FoundValue | undefined {
  if (offset < 0 || offset > line.length) return undefined;
  let start = offset;
  let end = offset;
  while (start > 0 && TOKEN_CHAR.test(line[start - 1])) start--;
  while (end < line.length && TOKEN_CHAR.test(line[end])) end++;
  if (start === end) return undefined;
  let token = line.slice(start, end);
  // Trailing punctuation is not part of a value ("…7aqui7." at the end of a sentence).
  while (/[.-]$/.test(token)) {
    token = token.slice(0, -1);
    end--;
  }
  if (offset >= end && offset !== start) return undefined;
  const named = keyBefore(line, start);
  if (WORKSPACE_ID_RE.test(token)) return { kind: 'workspace', hint: 'unknown', value: token, start, end };
  if (ID_RE.test(token)) {
    return { kind: 'item', hint: hintFromKey(named?.key), value: token, start, end };
  }
  if (isSkuKey(named?.key) && SKU_VALUE_RE.test(token)) return { kind: 'sku', hint: 'item', value: token, start, end };
  if (retracContext && SKU_SHAPE_RE.test(token)) return { kind: 'sku', hint: 'item', value: token, start, end };
  return undefined;
}

/** Every id-shaped value in a text (for tests and the bench). */
export function idsIn(text: string): string[] {
  return [...text.matchAll(new RegExp(`(?<![A-Za-z0-9_])${ID_SOURCE}(?![A-Za-z0-9_])`, 'g'))].map((m) => m[0]);
}

// ---- completion slots ------------------------------------------------------------------------

export type SlotKind = 'sku' | 'itemId' | 'locationId';

export interface Slot {
  kind: SlotKind;
  /** The key or parameter name as written (sku, itemId, fromLocationId, …). */
  key: string;
  /** What is typed so far in the value. */
  typed: string;
  /** Offset in the line where the value starts (the completion replaces from here). */
  start: number;
  /** Whether the value sits in a quoted string (the insert keeps the user's quotes). */
  quoted: boolean;
}

const SLOT_KEYS: Record<string, SlotKind> = {
  sku: 'sku',
  itemid: 'itemId',
  locationid: 'locationId',
  fromlocationid: 'locationId',
  tolocationid: 'locationId',
};

function slotKindOf(key: string): SlotKind | undefined {
  return SLOT_KEYS[key.toLowerCase().replace(/_/g, '')];
}

const PARAM_SLOT_RE = /[?&]([A-Za-z_]+)=([^&\s"'`#]*)$/;
const QUOTED_SLOT_RE = /["'`]?([A-Za-z_]+)["'`]?\s*(?::|=|=>)\s*(["'`])([^"'`]*)$/;
const BARE_SLOT_RE = /^\s*-?\s*["']?([A-Za-z_]+)["']?\s*:\s*([^\s"'`,{}[\]]*)$/;

/**
 * The completion slot that ends at `offset` in `line`, or undefined. Only called for documents in
 * Retrac context; `bareYamlStyle` allows `sku: ABC` without quotes (YAML, .http headers/bodies).
 */
export function slotAt(line: string, offset: number, bareYamlStyle: boolean): Slot | undefined {
  const before = line.slice(0, offset);
  let m = PARAM_SLOT_RE.exec(before);
  if (m) {
    const kind = slotKindOf(m[1]);
    return kind ? { kind, key: m[1], typed: m[2], start: offset - m[2].length, quoted: false } : undefined;
  }
  m = QUOTED_SLOT_RE.exec(before);
  if (m) {
    const kind = slotKindOf(m[1]);
    return kind ? { kind, key: m[1], typed: m[3], start: offset - m[3].length, quoted: true } : undefined;
  }
  if (bareYamlStyle) {
    m = BARE_SLOT_RE.exec(before);
    if (m) {
      const kind = slotKindOf(m[1]);
      return kind ? { kind, key: m[1], typed: m[2], start: offset - m[2].length, quoted: false } : undefined;
    }
  }
  return undefined;
}
