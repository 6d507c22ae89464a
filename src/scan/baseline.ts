// Baselines: findings accepted on purpose, so the hook and CI fail only on new ones. One file
// (`.retrac-baseline.json` at the repository or workspace root) serves `retrac-scan --baseline`,
// `--write-baseline` and the editor's "Ignore in this workspace". Entries are keyed by fingerprint
// (SHA-256 of rule and secret, never the secret); path and line are hints for people reading it.
import type { ReportedFinding } from './report/reported';

export const BASELINE_FILE_NAME = '.retrac-baseline.json';
const FINGERPRINT = /^[0-9a-f]{64}$/;
const COMMENT = 'Findings accepted on purpose (retrac-scan --baseline, the editor\'s "Ignore in this workspace"): SHA-256 of rule and secret, never the secret. path and line are hints.';

export interface BaselineEntry {
  fingerprint: string;
  rule?: string;
  path?: string;
  line?: number;
  commit?: string;
}

export class BaselineError extends Error {}

/** Reads a baseline's text; throws a BaselineError naming `source` when it is not one. */
export function parseBaseline(text: string, source: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${source} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const findings = (data as { findings?: unknown } | null)?.findings;
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1 || !Array.isArray(findings)) {
    throw new BaselineError(`${source} is not a retrac baseline: expected {"version": 1, "findings": [...]}.`);
  }
  return findings.map((raw, i) => {
    const e = raw as Record<string, unknown>;
    if (typeof e?.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) {
      throw new BaselineError(`${source}: entry ${i + 1} has no fingerprint (64 hex characters).`);
    }
    const entry: BaselineEntry = { fingerprint: e.fingerprint };
    if (typeof e.rule === 'string') entry.rule = e.rule;
    if (typeof e.path === 'string') entry.path = e.path;
    if (typeof e.line === 'number' && Number.isInteger(e.line)) entry.line = e.line;
    if (typeof e.commit === 'string') entry.commit = e.commit;
    return entry;
  });
}

/** One entry per fingerprint, sorted (stable diffs); the first occurrence gives the hints. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const byPrint = new Map<string, BaselineEntry>();
  for (const e of entries) if (!byPrint.has(e.fingerprint)) byPrint.set(e.fingerprint, e);
  const findings = [...byPrint.values()]
    .sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.fingerprint.localeCompare(b.fingerprint))
    .map((e) => ({
      fingerprint: e.fingerprint,
      ...(e.rule ? { rule: e.rule } : {}),
      ...(e.path ? { path: e.path } : {}),
      ...(e.line ? { line: e.line } : {}),
      ...(e.commit ? { commit: e.commit } : {}),
    }));
  return JSON.stringify({ $comment: COMMENT, version: 1, findings }, null, 2) + '\n';
}

export function baselineEntries(findings: readonly ReportedFinding[]): BaselineEntry[] {
  return findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, path: f.file, line: f.line, ...(f.commit ? { commit: f.commit } : {}) }));
}

/** `existing` (a baseline's text, or undefined for none) with `added` merged in. */
export function mergeIntoBaseline(existing: string | undefined, source: string, added: readonly BaselineEntry[]): string {
  const entries = existing === undefined || existing.trim() === '' ? [] : parseBaseline(existing, source);
  return serializeBaseline([...entries, ...added]);
}

/** Findings whose fingerprint the baseline does not hold. */
export function newFindings<T extends { fingerprint: string }>(findings: readonly T[], baseline: readonly BaselineEntry[]): T[] {
  const accepted = new Set(baseline.map((e) => e.fingerprint));
  return findings.filter((f) => !accepted.has(f.fingerprint));
}
