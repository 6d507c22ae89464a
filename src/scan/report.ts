// Output formats of `retrac-scan`, separate from what is scanned: text (compiler-style lines and
// a summary), JSON (`{ findings, skipped }`) and SARIF 2.1.0. A new format is a new case here.
import { toSarif } from './report/sarif';
import type { ReportedFinding, ReportedSkip } from './report/reported';
import { reasonLabel, skippedSummary, type SkipReason } from './skipped';

export type OutputFormat = 'json' | 'text' | 'sarif';

/** One run's result, whatever was scanned (paths, the index, the history). */
export interface Report {
  findings: ReportedFinding[];
  skipped: ReportedSkip[];
  /** What was scanned, e.g. `in 12 files`, for the summary line. */
  scope: string;
  /** Said once: a shallow clone, an interrupted run. */
  notes: string[];
  interrupted: boolean;
  /** Findings a baseline accepted. */
  accepted?: number;
}

export interface RenderOptions {
  /** List every file not scanned on stderr (text), not only the counts. */
  verbose?: boolean;
  toolVersion: string;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function findingLine(f: ReportedFinding): string {
  let line = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`;
  if (f.commit) {
    const where = f.inHead === undefined ? '' : f.inHead ? ', still in HEAD' : ', no longer in HEAD: rotate the key, it stays in history';
    line += ` [commit ${f.commit.slice(0, 10)} by ${f.author ?? '?'} on ${(f.date ?? '').slice(0, 10)}${where}]`;
  }
  return line;
}

function skipLine(s: ReportedSkip): string {
  const extra = `${s.size ? `, ${mb(s.size)} MB` : ''}${s.commit ? `, commit ${s.commit.slice(0, 10)}` : ''}`;
  return `not scanned (${reasonLabel(s.reason as SkipReason)}${extra}): ${s.path}\n`;
}

/** What to print: stdout carries the report, stderr the not-scanned summary and the notes. */
export function render(report: Report, format: OutputFormat, options: RenderOptions): { stdout: string; stderr: string; summary: string } {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const accepted = report.accepted !== undefined ? `, ${report.accepted} accepted by the baseline` : '';
  const summary = `${plural(report.findings.length, 'finding')} (${plural(errors, 'error')}${accepted}) ${report.scope}.`;
  let stderr = '';
  if (report.skipped.length) {
    if (options.verbose) for (const s of report.skipped) stderr += skipLine(s);
    stderr += `${skippedSummary(report.skipped.map((s) => ({ path: s.path, reason: s.reason as SkipReason })))}${options.verbose ? '' : ' (--verbose lists them)'}\n`;
  }
  // Text shows the notes under the summary; the other formats carry them and repeat them on stderr.
  if (format !== 'text') for (const n of report.notes) stderr += `retrac-scan: ${n}\n`;
  let stdout: string;
  if (format === 'sarif') stdout = JSON.stringify(toSarif(report.findings, report.skipped, { toolVersion: options.toolVersion, notes: report.notes }), null, 2) + '\n';
  else if (format === 'json') {
    const skipped = report.skipped.map(({ path, reason, ...git }) => ({ path, reason, ...git }));
    stdout = JSON.stringify({ findings: report.findings, skipped, ...(report.notes.length ? { notes: report.notes } : {}) }, null, 2) + '\n';
  } else stdout = [...report.findings.map(findingLine), summary, ...report.notes].join('\n') + '\n';
  return { stdout, stderr, summary };
}
