// Output formats of `retrac-scan`, separate from what is scanned: text (compiler-style lines and
// a summary) and JSON (`{ findings, skipped }`). A new format is a new case here.
import { reasonLabel, skippedSummary, type SkipReason } from './skipped';
import type { ScanResult } from './scanRun';
import { displayPath } from './walk';

export type OutputFormat = 'json' | 'text';

export interface ReportOptions {
  /** List every file not scanned on stderr (text), not only the counts. */
  verbose?: boolean;
  cwd?: string;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

export interface JsonSkipped {
  path: string;
  reason: SkipReason;
}

export interface JsonReport {
  findings: JsonFinding[];
  skipped: JsonSkipped[];
}

export function toJsonReport(result: ScanResult, cwd?: string): JsonReport {
  return {
    findings: result.findings.map(({ path, finding: f }) => ({
      file: displayPath(path, cwd),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    })),
    skipped: result.skipped.map((s) => ({ path: displayPath(s.path, cwd), reason: s.reason })),
  };
}

/** What to print: stdout carries the report, stderr the not-scanned summary. */
export function report(result: ScanResult, format: OutputFormat, options: ReportOptions = {}): { stdout: string; stderr: string } {
  const json = toJsonReport(result, options.cwd);
  let stderr = '';
  if (json.skipped.length) {
    if (options.verbose) for (const s of json.skipped) stderr += `not scanned (${reasonLabel(s.reason)}): ${s.path}\n`;
    stderr += `${skippedSummary(result.skipped)}${options.verbose ? '' : ' (--verbose lists them)'}\n`;
  }
  if (format === 'json') return { stdout: JSON.stringify(json, null, 2) + '\n', stderr };
  const lines = json.findings.map((r) => `${r.file}:${r.line}:${r.column} ${r.severity} ${r.rule} ${r.message}`);
  const n = json.findings.length;
  const errors = json.findings.filter((r) => r.severity === 'error').length;
  const files = result.filesScanned;
  lines.push(`${n} finding${n === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in ${files} file${files === 1 ? '' : 's'}.`);
  return { stdout: lines.join('\n') + '\n', stderr };
}

/** 1 when a finding is an error (it wins: a leaked key is the first thing to fix); 3 under --strict when anything was not scanned; else 0. */
export function exitCode(result: ScanResult, strict: boolean): number {
  if (result.findings.some((f) => f.finding.severity === 'error')) return 1;
  if (strict && result.skipped.length) return 3;
  return 0;
}

