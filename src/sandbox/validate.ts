// Checks request bodies and query strings; the first problem becomes a 422 whose message is
// `path: message`, as Retrac's schema errors read (contract §2).
import { unprocessable } from './errors';

export type Body = Record<string, unknown>;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function object(value: unknown, path: string): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unprocessable(`${path}: expected an object, received ${typeName(value)}`);
  }
  return value as Body;
}

export function array(value: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) throw unprocessable(`${path}: expected an array, received ${typeName(value)}`);
  if (value.length < min) throw unprocessable(`${path}: expected at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
  if (value.length > max) throw unprocessable(`${path}: expected at most ${max} entries, received ${value.length}`);
  return value;
}

interface StringRule { min?: number; max?: number; pattern?: RegExp; patternHint?: string }

export function string(body: Body, key: string, rule: StringRule, prefix = ''): string {
  const value = body[key];
  const path = prefix + key;
  if (value === undefined) throw unprocessable(`${path}: required`);
  if (typeof value !== 'string') throw unprocessable(`${path}: expected a string, received ${typeName(value)}`);
  const trimmed = value.trim();
  if (rule.min !== undefined && trimmed.length < rule.min) {
    throw unprocessable(rule.min === 1 ? `${path}: must not be empty` : `${path}: must be at least ${rule.min} characters`);
  }
  if (rule.max !== undefined && value.length > rule.max) throw unprocessable(`${path}: must be at most ${rule.max} characters`);
  if (rule.pattern && !rule.pattern.test(value)) throw unprocessable(`${path}: ${rule.patternHint ?? 'invalid format'}`);
  return rule.min !== undefined ? trimmed : value;
}

export function optionalString(body: Body, key: string, rule: StringRule, prefix = ''): string | undefined {
  return body[key] === undefined ? undefined : string(body, key, rule, prefix);
}

/** `undefined` when absent, `null` when sent as null, else the checked string. */
export function nullableString(body: Body, key: string, rule: StringRule, prefix = ''): string | null | undefined {
  if (body[key] === null) return null;
  return optionalString(body, key, rule, prefix);
}

interface NumberRule { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean }

export function number(body: Body, key: string, rule: NumberRule, prefix = ''): number {
  const value = body[key];
  const path = prefix + key;
  if (value === undefined) throw unprocessable(`${path}: required`);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw unprocessable(`${path}: expected a number, received ${typeName(value)}`);
  if (rule.integer && !Number.isSafeInteger(value)) throw unprocessable(`${path}: expected an integer, received ${value}`);
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) {
    throw unprocessable(`${path}: must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${rule.min}`);
  }
  if (rule.max !== undefined && value > rule.max) throw unprocessable(`${path}: must be at most ${rule.max}`);
  return value;
}

export function optionalNumber(body: Body, key: string, rule: NumberRule, prefix = ''): number | undefined {
  return body[key] === undefined ? undefined : number(body, key, rule, prefix);
}

export function nullableNumber(body: Body, key: string, rule: NumberRule, prefix = ''): number | null | undefined {
  if (body[key] === null) return null;
  return optionalNumber(body, key, rule, prefix);
}

export function optionalBoolean(body: Body, key: string, prefix = ''): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw unprocessable(`${prefix}${key}: expected a boolean, received ${typeName(value)}`);
  return value;
}

export function oneOf<T extends string>(body: Body, key: string, allowed: readonly T[], prefix = ''): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw unprocessable(`${prefix}${key}: expected one of ${allowed.join(', ')}, received ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function optionalStringArray(body: Body, key: string, prefix = ''): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const list = array(value, prefix + key, 0, 1000);
  list.forEach((entry, i) => {
    if (typeof entry !== 'string') throw unprocessable(`${prefix}${key}[${i}]: expected a string, received ${typeName(entry)}`);
  });
  return list as string[];
}

// ---- query strings --------------------------------------------------------------------------

export function queryInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw unprocessable(`${name}: expected an integer, received ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw unprocessable(`${name}: must be between ${min} and ${max}, received ${raw}`);
  return value;
}

export function queryEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw unprocessable(`${name}: expected one of ${allowed.join(', ')}, received ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

export function queryBool(query: URLSearchParams, name: string): boolean | undefined {
  const value = queryEnum(query, name, ['true', 'false'] as const);
  return value === undefined ? undefined : value === 'true';
}

export function queryString(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}

/** A list given as repeated parameters, comma separated values, or both. */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return values.length > 0 ? values : undefined;
}

export interface Paging { offset: number; limit: number }

/** `page` (1-based) and `pageSize` within the list's limits; out of range → 422 (contract §4). */
export function paging(query: URLSearchParams, defaultSize: number, maxSize: number): Paging {
  const page = queryInt(query, 'page', 1, 1, 1_000_000);
  const pageSize = queryInt(query, 'pageSize', defaultSize, 1, maxSize);
  return { offset: (page - 1) * pageSize, limit: pageSize };
}

/** Takes one page of `source` (walked in order) keeping the rows `keep` accepts. */
export function takePage<T>(source: Iterable<T>, keep: ((row: T) => boolean) | undefined, { offset, limit }: Paging): T[] {
  const out: T[] = [];
  let skipped = 0;
  for (const row of source) {
    if (keep && !keep(row)) continue;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

export function* reversed<T>(list: readonly T[]): Iterable<T> {
  for (let i = list.length - 1; i >= 0; i--) yield list[i];
}

/** A page of an array with no filter: a slice, O(page size). */
export function slicePage<T>(list: readonly T[], newestFirst: boolean, { offset, limit }: Paging): T[] {
  if (!newestFirst) return list.slice(offset, offset + limit);
  const end = list.length - offset;
  if (end <= 0) return [];
  return list.slice(Math.max(0, end - limit), end).reverse();
}
