// Reads what a person types into the on-hand box: an absolute count ("20") or a change from the
// current count ("+5", "-3"). Pure, so the rules are unit-tested without VS Code.

export type QuantityInput =
  | { ok: true; kind: 'absolute' | 'delta'; result: number }
  | { ok: false; problem: 'empty' | 'not_integer' | 'negative' | 'too_large'; result?: number };

const WHOLE = /^([+-]?)(\d+)$/;

/** Parses `text` against the current on-hand `current`; the result must be a whole number ≥ 0. */
export function parseQuantityInput(text: string, current: number): QuantityInput {
  const value = text.trim().replace(/\s+/g, '');
  if (!value) return { ok: false, problem: 'empty' };
  const match = WHOLE.exec(value);
  if (!match) return { ok: false, problem: 'not_integer' };
  const [, sign, digits] = match;
  const amount = Number(digits);
  if (!Number.isSafeInteger(amount)) return { ok: false, problem: 'too_large' };
  const kind = sign ? 'delta' : 'absolute';
  const result = sign === '-' ? current - amount : sign === '+' ? current + amount : amount;
  if (!Number.isSafeInteger(result)) return { ok: false, problem: 'too_large' };
  if (result < 0) return { ok: false, problem: 'negative', result };
  return { ok: true, kind, result };
}

/** A positive whole number for a transfer line; `available` is what the source still holds. */
export type LineQuantity =
  | { ok: true; quantity: number }
  | { ok: false; problem: 'empty' | 'not_integer' | 'not_positive' | 'above_available' };

export function parseLineQuantity(text: string, available: number): LineQuantity {
  const value = text.trim();
  if (!value) return { ok: false, problem: 'empty' };
  if (!/^\+?\d+$/.test(value)) return { ok: false, problem: /^-\d+$/.test(value) ? 'not_positive' : 'not_integer' };
  const quantity = Number(value.replace('+', ''));
  if (!Number.isSafeInteger(quantity)) return { ok: false, problem: 'not_integer' };
  if (quantity <= 0) return { ok: false, problem: 'not_positive' };
  if (quantity > available) return { ok: false, problem: 'above_available' };
  return { ok: true, quantity };
}

/** A money amount (cost, sell price): a finite number ≥ 0 with at most 4 decimals. */
export function parseAmount(text: string): number | undefined {
  const value = text.trim();
  if (!/^\d+(\.\d{1,4})?$/.test(value) && !/^\.\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
