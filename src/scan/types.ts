// The scanner's public surface, shared by the editor diagnostics, the workspace scan worker and
// the CLI. Pure: no vscode import.

export type RuleId =
  | 'retrac/restricted-key'
  | 'retrac/full-access-key'
  | 'retrac/workspace-id-with-restricted-key'
  | 'retrac/missing-workspace-id'
  | 'retrac/insecure-http'
  | 'retrac/client-exposed-key'
  | 'retrac/hardcoded-workspace-id';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Says what and why; any key in it is redacted to prefix + last 4 at most. */
  message: string;
  /** Offsets into the scanned text of the flagged range (the key literal, the URL, the parameter). */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Hex SHA-256 of rule + secret (or rule + flagged text): what a workspace ignore list stores. */
  fingerprint: string;
  /** Documentation link for the rule. */
  docUrl: string;
  /** For key rules: the kind of key found. */
  keyType?: 'restricted' | 'full';
  /**
   * The environment variable name involved: the public name for client-exposed-key
   * (`NEXT_PUBLIC_RETRAC_KEY`), the assigned name for assignments, else a suggestion
   * (`RETRAC_API_KEY`). Lets a quick fix name the variable.
   */
  envName?: string;
  /** For key findings in code: the range of the whole string literal including quotes, if any. */
  literalStart?: number;
  literalEnd?: number;
}

export interface ScanOptions {
  /** Path or base name; decides the syntax (`.env*`, YAML, …) and comment style. */
  fileName: string;
  /** VS Code language id when known (wins over the file name for the syntax). */
  languageId?: string;
  /** Accept key-like tokens of other lengths than 24 (setting `retrac.scan.lenient`). */
  lenient?: boolean;
  /** True when git ignores the file: key rules stay silent in ignored `.env*` files (client-exposed-key still reports). */
  gitIgnored?: boolean;
  /** Values from local `.env*` files, to tell whether an env name holds a restricted key. Never sent anywhere. */
  envValues?: ReadonlyMap<string, string>;
  /** Fingerprints the workspace ignore list holds. */
  ignoredFingerprints?: ReadonlySet<string>;
}

export const RULE_DOC_BASE = 'https://github.com/retrac-tools/retrac-vscode/blob/main/README.md#rule-';
