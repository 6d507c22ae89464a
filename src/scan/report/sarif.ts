// SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers. Each rule carries its help
// text and a helpUri to the README's rule anchor; each result carries partialFingerprints (the
// finding's fingerprint: SHA-256 of rule and secret), so re-runs deduplicate. The message is the
// scanner's, with the key redacted.
import { ruleTable } from '../rules';
import type { Severity } from '../types';
import type { ReportedFinding, ReportedSkip } from './reported';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/retrac-tools/retrac-vscode#in-git-and-ci';
export const FINGERPRINT_KEY = 'retracFingerprint/v1';

type Level = 'error' | 'warning' | 'note' | 'none';

function level(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** GitHub ranks security alerts by `security-severity` (0–10). */
function securitySeverity(severity: Severity): string {
  return severity === 'error' ? '9.0' : severity === 'warning' ? '5.0' : '2.0';
}

export interface SarifContext {
  toolVersion: string;
  /** Set for history scans: where the findings' commits came from. */
  notes?: string[];
}

export function toSarif(findings: readonly ReportedFinding[], skipped: readonly ReportedSkip[], ctx: SarifContext): object {
  const ruleIndex = new Map(ruleTable.map((r, i) => [r.id as string, i]));
  const rules = ruleTable.map((r) => ({
    id: r.id,
    name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\n\n${r.docUrl}`, markdown: `${r.description}\n\n[More about ${r.id}](${r.docUrl})` },
    helpUri: r.docUrl,
    defaultConfiguration: { level: level(r.defaultSeverity) },
    properties: { tags: ['security', 'secrets'], precision: 'high', 'security-severity': securitySeverity(r.defaultSeverity) },
  }));
  const results = findings.map((f) => {
    const history = f.commit
      ? ` Added in commit ${f.commit.slice(0, 12)}${f.date ? ` on ${f.date.slice(0, 10)}` : ''}${f.inHead === false ? '; no longer in HEAD, but still in history: rotate the key' : ''}.`
      : '';
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) ?? 0,
      level: level(f.severity),
      message: { text: f.message + history },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      }],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(f.commit ? { properties: { commit: f.commit, author: f.author, date: f.date, inHead: f.inHead } } : {}),
    };
  });
  const notifications = [
    ...skipped.map((s) => ({
      level: 'warning',
      message: { text: `Not scanned: ${s.path} (${s.reason}${s.size ? `, ${s.size} bytes` : ''}${s.commit ? `, commit ${s.commit.slice(0, 12)}` : ''}).` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.path), uriBaseId: '%SRCROOT%' } } }],
    })),
    ...(ctx.notes ?? []).map((text) => ({ level: 'note', message: { text } })),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'retrac-scan', semanticVersion: ctx.toolVersion, informationUri: INFORMATION_URI, rules } },
      invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
      results,
      columnKind: 'utf16CodeUnits',
    }],
  };
}
