// The `retrac.scan.*` settings, read per document (they are resource-scoped) and turned into what
// the scanner and the diagnostics need.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RuleId, Severity } from '../scan';
import { Glob } from '../scan/glob';

export type SeverityOverride = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface ScanSettings {
  enabled: boolean;
  lenient: boolean;
  maxFileBytes: number;
  exclude: readonly string[];
  severity: Readonly<Partial<Record<RuleId, SeverityOverride>>>;
}

const OVERRIDES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

export function readScanSettings(scope: vscode.ConfigurationScope | undefined): ScanSettings {
  const c = vscode.workspace.getConfiguration('retrac.scan', scope);
  const rawSeverity = c.get<Record<string, unknown>>('severity') ?? {};
  const severity: Partial<Record<RuleId, SeverityOverride>> = {};
  for (const [rule, value] of Object.entries(rawSeverity)) {
    if (typeof value === 'string' && OVERRIDES.has(value)) severity[rule as RuleId] = value as SeverityOverride;
  }
  const mb = maxFileSizeMB(c);
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    lenient: c.get<boolean>('lenient') ?? false,
    maxFileBytes: Math.max(0.1, mb) * 1024 * 1024,
    exclude: (c.get<unknown[]>('exclude') ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== ''),
    severity,
  };
}

const DEFAULT_MAX_FILE_SIZE_MB = 100;

/**
 * `retrac.scan.maxFileSize` (MB). The older `retrac.scan.maxFileSizeMB` is still honoured where
 * the new one is not set at any level, so a limit someone set keeps working.
 */
function maxFileSizeMB(c: vscode.WorkspaceConfiguration): number {
  const set = (key: string): number | undefined => {
    const i = c.inspect<number>(key);
    const v = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  return set('maxFileSize') ?? set('maxFileSizeMB') ?? DEFAULT_MAX_FILE_SIZE_MB;
}

/** The effective severity of a finding, or undefined when its rule is turned off. */
export function diagnosticSeverity(rule: RuleId, found: Severity, settings: ScanSettings): vscode.DiagnosticSeverity | undefined {
  switch (settings.severity[rule] ?? found) {
    case 'off':
      return undefined;
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

const globs = new Map<string, Glob>();

function globFor(pattern: string): Glob {
  let g = globs.get(pattern);
  if (!g) {
    if (globs.size > 256) globs.clear();
    globs.set(pattern, (g = new Glob(pattern.startsWith('/') ? pattern.slice(1) : pattern, { braces: true })));
  }
  return g;
}

/**
 * True when one of the `retrac.scan.exclude` globs matches the document's workspace-relative or
 * absolute path. Matched by scan/glob.ts in O(pattern × path) whatever the pattern, like the
 * workspace scan's exclusions (a backtracking glob regex can stall on `*a*a*a…b`).
 */
export function isExcluded(document: vscode.TextDocument, settings: ScanSettings): boolean {
  if (!settings.exclude.length) return false;
  const uri = document.uri;
  const abs = uri.scheme === 'file' ? uri.fsPath.split(path.sep).join('/') : uri.path;
  const rel = vscode.workspace.asRelativePath(uri, false).split('\\').join('/');
  const absNoRoot = abs.replace(/^\/+/, '');
  return settings.exclude.some((pattern) => {
    const g = globFor(pattern);
    return g.matches(rel) || g.matches(absNoRoot) || g.matches(abs);
  });
}
