// A finding as the CLI reports it, from the work tree, the index or a commit: one shape for the
// text, JSON and SARIF outputs and for baselines. The message is the scanner's (keys redacted).
import type { Finding, RuleId, Severity } from '../types';

export interface ReportedFinding {
  /** Path relative to the current folder (work tree) or the repository root (git). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: RuleId;
  severity: Severity;
  message: string;
  /** Hex SHA-256 of rule + secret: what baselines and the editor's ignore list store. */
  fingerprint: string;
  /** Git history only: the commit that added the line, its author and date (ISO 8601). */
  commit?: string;
  author?: string;
  date?: string;
  /** Git history only: whether the same secret is still somewhere in HEAD's tree. */
  inHead?: boolean;
}

/** A file or blob not scanned; `{path, reason}` in the JSON report, plus the git fields. */
export interface ReportedSkip {
  /** Path relative to the current folder (work tree) or the repository root (git). */
  path: string;
  reason: string;
  /** Git only: the blob and the first commit it was seen in. */
  blob?: string;
  commit?: string;
  size?: number;
}

export function reported(file: string, f: Finding, extra: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
    rule: f.rule, severity: f.severity, message: f.message, fingerprint: f.fingerprint, ...extra,
  };
}
