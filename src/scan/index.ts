// The leak scanner's public surface: used by the editor diagnostics, the workspace scan worker and
// the `retrac-scan` CLI. Pure: no vscode import.
import { prepareOptions } from './prepare';
import { scanWhole } from './scanner';
import type { Finding, ScanOptions } from './types';

export type { Finding, RuleId, ScanOptions, Severity } from './types';
export { RULE_DOC_BASE } from './types';
export { IncrementalScan, type TextChange } from './incremental';
export { ruleTable, ruleById, fingerprint, docUrlFor, type RuleInfo } from './rules';
export { isEnvFileName, mergeEnvFiles, parseEnvFile, lineCommentFor, languageIdFor, type CommentSyntax } from './syntax';
export { shouldSkipDirectory, shouldSkipFileName, isBinaryContent, hasVeryLongLines, DEFAULT_MAX_FILE_BYTES, MAX_LINE_LENGTH } from './skipRules';
export { CONTEXT_LINES } from './scanner';
export { computeLineStarts, lineOfOffset } from './text';

/** Scans a whole text; findings are sorted by position. */
export function scanText(text: string, options: ScanOptions): Finding[] {
  return scanWhole(text, prepareOptions(options));
}
