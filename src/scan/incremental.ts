// Rescans only the lines near an edit. A finding depends on its line and at most RESCAN_MARGIN
// lines around it (see scanner.ts), so findings further away only move by the edit's offset delta.
import { prepareOptions, type PreparedOptions } from './prepare';
import { compareFindings, RESCAN_MARGIN, scanLines } from './scanner';
import type { LineShape } from './structure';
import { computeLineStarts, lineOfOffset } from './text';
import type { Finding, ScanOptions } from './types';

export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export class IncrementalScan {
  private readonly prep: PreparedOptions;
  private text = '';
  private starts: number[] = [0];
  private findings: Finding[] = [];
  /** Line shapes by text across updates: a keystroke changes one line of the hundreds a rescan reads. */
  private readonly shapes = new Map<string, LineShape>();

  constructor(options: ScanOptions) {
    this.prep = prepareOptions(options);
  }

  full(text: string): Finding[] {
    this.text = text;
    this.starts = computeLineStarts(text);
    this.findings = scanLines(text, this.starts, this.prep, 0, this.starts.length - 1).sort(compareFindings);
    return this.findings.slice();
  }

  /**
   * `changes` are applied in order, each against the text the previous one produced (as in LSP;
   * VS Code's contentChanges of one event come bottom-up, which satisfies this). `text` is the
   * resulting text; when the changes do not add up to it, this falls back to a full scan.
   */
  update(text: string, changes: readonly TextChange[]): Finding[] {
    let length = this.text.length;
    let starts = this.starts;
    let findings = this.findings;
    // Dirty offset ranges in the current coordinates, moved along by later changes.
    let dirty: [number, number][] = [];
    for (const change of changes) {
      const a = change.rangeOffset;
      const b = a + change.rangeLength;
      if (a < 0 || b > length) return this.full(text);
      const delta = change.text.length - change.rangeLength;
      length += delta;
      starts = spliceLineStarts(starts, a, b, change.text);
      // Findings already handed out are never mutated: moved ones are copies.
      findings = findings.filter((f) => f.end <= a || f.start >= b).map((f) => (f.start >= b && delta !== 0 ? shifted(f, delta) : f));
      const moved = (x: number, edge: number): number => (x >= b ? x + delta : x < a ? x : edge);
      dirty = dirty.map(([x, y]): [number, number] => [moved(x, a), moved(y, a + change.text.length)]);
      dirty.push([a, a + change.text.length]);
    }
    if (length !== text.length) return this.full(text);
    this.text = text;
    this.starts = starts;

    const ranges = dirty
      .map(([x, y]): [number, number] => [
        Math.max(0, lineOfOffset(starts, x) - RESCAN_MARGIN),
        Math.min(starts.length - 1, lineOfOffset(starts, y) + RESCAN_MARGIN),
      ])
      .sort((p, q) => p[0] - q[0]);
    const merged: [number, number][] = [];
    for (const r of ranges) {
      const lastRange = merged[merged.length - 1];
      if (lastRange && r[0] <= lastRange[1] + 1) lastRange[1] = Math.max(lastRange[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    // Moved findings (copies) get their line and column from the new line starts; findings
    // before every change keep theirs.
    for (const f of findings) {
      const line = lineOfOffset(starts, f.start);
      if (line + 1 === f.line && f.start - starts[line] + 1 === f.column) continue;
      f.line = line + 1;
      f.column = f.start - starts[line] + 1;
      const endLine = lineOfOffset(starts, f.end);
      f.endLine = endLine + 1;
      f.endColumn = f.end - starts[endLine] + 1;
    }
    for (const [from, to] of merged) {
      findings = findings.filter((f) => f.line - 1 < from || f.line - 1 > to);
      findings.push(...scanLines(text, starts, this.prep, from, to, this.shapes));
    }
    findings.sort(compareFindings);
    this.findings = findings;
    return findings.slice();
  }
}

/** A moved copy. Every field spelled out: a spread of findings of several shapes was a tenth of an update. */
function shifted(f: Finding, delta: number): Finding {
  const out: Finding = {
    rule: f.rule, severity: f.severity, message: f.message, start: f.start + delta, end: f.end + delta,
    line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, fingerprint: f.fingerprint, docUrl: f.docUrl,
  };
  if (f.keyType !== undefined) out.keyType = f.keyType;
  if (f.envName !== undefined) out.envName = f.envName;
  if (f.literalStart !== undefined) out.literalStart = f.literalStart + delta;
  if (f.literalEnd !== undefined) out.literalEnd = f.literalEnd + delta;
  return out;
}

/** Updates line starts in place for replacing [a, b) with `inserted`. */
function spliceLineStarts(starts: number[], a: number, b: number, inserted: string): number[] {
  const delta = inserted.length - (b - a);
  // Starts in (a, b] follow a newline inside the replaced range: they go.
  const first = lineOfOffset(starts, a) + 1;
  let after = first;
  while (after < starts.length && starts[after] <= b) after++;
  const added: number[] = [];
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) added.push(a + i + 1);
  if (added.length || after > first) starts.splice(first, after - first, ...added);
  for (let i = first + added.length; i < starts.length; i++) starts[i] += delta;
  return starts;
}
