// The harness of the request red-team suites (scan.requests, scan.clients): an idiom is a request
// written in some library, run in six labelled variants (full key without workspaceId, restricted
// key with it, full key with it, http://, the unscoped /workspaces, a courier's token next to Retrac);
// `check` asserts what the scanner says and counts it for the recall/precision report.
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type RuleId } from '../../src/scan';
import { workspaceIdLiteral } from './scanFixtures';

/** Where a request goes, in the pieces libraries take it in. */
export interface Target {
  /** `https://api.retrac.co` */
  base: string;
  /** `api.retrac.co` */
  host: string;
  /** `https` or `http` */
  scheme: string;
  /** `/items` */
  path: string;
  /** `/items` or `/items?workspaceId=ws_…` */
  pathq: string;
  /** base + pathq */
  full: string;
  /** The workspace id sent, or '' */
  ws: string;
}

export interface Idiom {
  name: string;
  file: string;
  make: (t: Target, k: string) => string;
  /** The scheme is not written as `http://` next to the host: no insecure-http variant. */
  noScheme?: boolean;
  /** Lines that use Retrac with a key from the environment, for the courier variant (default: by extension). */
  retracUse?: string;
}

export type Measured = 'retrac/full-access-key' | 'retrac/restricted-key' | 'retrac/missing-workspace-id' | 'retrac/workspace-id-with-restricted-key' | 'retrac/insecure-http';
export const MEASURED: Measured[] = ['retrac/full-access-key', 'retrac/restricted-key', 'retrac/missing-workspace-id', 'retrac/workspace-id-with-restricted-key', 'retrac/insecure-http'];

export interface Variant {
  name: string;
  keyType: 'full' | 'restricted';
  target: () => Target;
  expect: Measured[];
  courier?: boolean;
  skip?: (i: Idiom) => boolean;
}

export function target(scheme: string, host: string, path: string, ws: string): Target {
  const base = `${scheme}://${host}`;
  const pathq = ws ? `${path}?workspaceId=${ws}` : path;
  return { base, host, scheme, path, pathq, full: base + pathq, ws };
}

/** The six variants, taking their scoped paths from `paths` in turn. */
export function makeVariants(paths: readonly string[]): Variant[] {
  let pathTurn = 0;
  const scopedPath = (): string => paths[pathTurn++ % paths.length];
  return [
  { name: 'full key, no workspaceId', keyType: 'full', target: () => target('https', 'api.retrac.co', scopedPath(), ''), expect: ['retrac/full-access-key', 'retrac/missing-workspace-id'] },
  { name: 'restricted key with workspaceId', keyType: 'restricted', target: () => target('https', 'api.retrac.co', scopedPath(), workspaceIdLiteral()), expect: ['retrac/restricted-key', 'retrac/workspace-id-with-restricted-key'] },
  { name: 'full key with workspaceId', keyType: 'full', target: () => target('https', 'api.retrac.co', scopedPath(), workspaceIdLiteral()), expect: ['retrac/full-access-key'] },
  { name: 'full key over http://', keyType: 'full', target: () => target('http', 'api.retrac.co', scopedPath(), workspaceIdLiteral()), expect: ['retrac/full-access-key', 'retrac/insecure-http'], skip: (i) => !!i.noScheme },
  { name: 'full key, unscoped /workspaces', keyType: 'full', target: () => target('https', 'api.retrac.co', '/workspaces', ''), expect: ['retrac/full-access-key'] },
  { name: "a courier's token in a file that uses Retrac", keyType: 'full', target: () => target('https', 'api.courier.example', '/labels', ''), expect: [], courier: true },
  ];
}

export type Tally = Map<Measured, { tp: number; fn: number; fp: number }>;
export const newTally = (): Tally => new Map(MEASURED.map((r) => [r, { tp: 0, fn: 0, fp: 0 }]));

export function describeFindings(fs: Finding[], text: string): string {
  return JSON.stringify(fs.map((f) => `${f.rule} ${JSON.stringify(text.slice(f.start, f.end))}`));
}

/** Counts what was found against what was expected into `tally`; returns the measured rules that differ. */
function countInto(tally: Tally, expect: readonly Measured[], got: ReadonlySet<RuleId>): Measured[] {
  for (const r of MEASURED) {
    const t = tally.get(r)!;
    const want = expect.includes(r);
    if (want && got.has(r)) t.tp++;
    else if (want) t.fn++;
    else if (got.has(r)) t.fp++;
  }
  return MEASURED.filter((r) => expect.includes(r) !== got.has(r));
}

/** Scans and counts without asserting: for a suite's known open gaps only (a gap that now passes says so). */
export function measureOnly(tally: Tally, misses: string[], label: string, file: string, text: string, expect: Measured[], envValues?: ReadonlyMap<string, string>): void {
  const got = new Set(scanText(text, { fileName: file, envValues }).map((f) => f.rule));
  const wrong = countInto(tally, expect, got);
  misses.push(`${label}: ${wrong.length ? wrong.map((r) => (got.has(r) ? '+' : '-') + r.slice(7)).join(', ') : 'now passes: move it back'} (open gap)`);
}

/** Scans `text`, counts it into `tally` against `expect`, and asserts exactly `expect` (of the measured rules), each key finding on a key. */
export function check(tally: Tally, misses: string[], label: string, file: string, text: string, keys: string[], expect: Measured[], envValues?: ReadonlyMap<string, string>): void {
  const fs = scanText(text, { fileName: file, envValues });
  const got = new Set(fs.map((f) => f.rule).filter((r): r is Measured => (MEASURED as RuleId[]).includes(r)));
  const wrong = countInto(tally, expect, got);
  if (wrong.length) misses.push(`${label}: ${wrong.map((r) => (got.has(r) ? '+' : '-') + r.slice(7)).join(', ')}`);
  assert.deepEqual([...got].sort(), [...expect].sort(), `${text}\n→ ${describeFindings(fs, text)}`);
  for (const f of fs) {
    if (f.rule === 'retrac/full-access-key' || f.rule === 'retrac/restricted-key') assert.ok(keys.includes(text.slice(f.start, f.end)), `a key finding on ${JSON.stringify(text.slice(f.start, f.end))}`);
    for (const k of keys) assert.ok(!f.message.includes(k), 'a message shows the key');
  }
}

export function report(title: string, tally: Tally, misses: string[]): void {
  const pct = (a: number, b: number): string => (b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1).padStart(5)} %`);
  const rows = MEASURED.map((r) => {
    const t = tally.get(r)!;
    return `  ${r.padEnd(42)} recall ${pct(t.tp, t.tp + t.fn)} (${t.tp}/${t.tp + t.fn})  precision ${pct(t.tp, t.tp + t.fp)} (${t.fp} false)`;
  });
  if (process.env.RETRAC_SCAN_REPORT) console.log(`\n  ${title}\n${rows.join('\n')}\n${misses.map((m) => '    miss ' + m).join('\n')}`);
}

