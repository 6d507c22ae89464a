// Minified bundles: megabytes on one line. The scanner works line by line, so one gate word
// anywhere in a bundle makes it analyse the whole line. Here a text with very long lines is
// scanned only in windows around the scanner's own gate words (the words every rule needs near
// a finding), each window reaching WINDOW_RADIUS characters and CONTEXT_LINES lines around the
// word, and the findings are moved back to their place in the file. A key always carries or
// sits next to a gate word, so it is inside a window. Texts with ordinary lines are scanned whole.
import type { PreparedOptions } from './prepare';
import { BASE64_MARKER_SEARCH } from './keyTokens';
import { CONTEXT_LINES, scanWhole } from './scanner';
import { countNewlines, moveFinding } from './findingPosition';
import type { Finding } from './types';

/** Smaller texts are scanned whole. */
const MIN_TEXT = 512 * 1024;
/** A text whose lines average more than this is treated as a bundle. */
const LONG_AVERAGE_LINE = 2048;
const WINDOW_RADIUS = 32 * 1024;

function averageLineAbove(text: string, limit: number): boolean {
  // Stops counting as soon as the answer is known: a normal file costs a few newlines' search.
  const most = Math.floor(text.length / limit);
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++n > most) return false;
  return true;
}

/** Start of the line `lines` lines before `at`, not before `floor`. */
function linesBack(text: string, at: number, lines: number, floor: number): number {
  let p = at;
  for (let k = 0; k <= lines; k++) {
    const nl = text.lastIndexOf('\n', p - 1);
    if (nl < floor) return Math.max(floor, 0);
    p = nl;
  }
  return p + 1;
}

/** End of the line `lines` lines after `at`, not after `ceiling`. */
function linesForward(text: string, at: number, lines: number, ceiling: number): number {
  let p = at;
  for (let k = 0; k <= lines; k++) {
    const nl = text.indexOf('\n', p);
    if (nl < 0 || nl >= ceiling) return Math.min(ceiling, text.length);
    p = nl + 1;
  }
  return p - 1;
}

export function scanLongLines(text: string, prep: PreparedOptions): Finding[] {
  if (text.length < MIN_TEXT || !averageLineAbove(text, LONG_AVERAGE_LINE)) return scanWhole(text, prep);
  const gate = prep.gate;
  const windows: number[] = [];
  const at: number[] = [];
  gate.lastIndex = 0;
  for (let m = gate.exec(text); m; m = gate.exec(text)) at.push(m.index);
  // Base64 of `retrac_` (not in the gate regex): literal searches, merged in order.
  const before = at.length;
  const marker = new RegExp(BASE64_MARKER_SEARCH.source, 'g');
  for (let m = marker.exec(text); m; m = marker.exec(text)) at.push(m.index);
  if (at.length > before) at.sort((x, y) => x - y);
  for (const index of at) {
    const a = linesBack(text, Math.max(0, index - WINDOW_RADIUS), CONTEXT_LINES, index - 4 * WINDOW_RADIUS);
    const b = linesForward(text, Math.min(text.length, index + WINDOW_RADIUS), CONTEXT_LINES, index + 4 * WINDOW_RADIUS);
    if (windows.length && a <= windows[windows.length - 1]) windows[windows.length - 1] = Math.max(b, windows[windows.length - 1]);
    else windows.push(a, b);
  }
  gate.lastIndex = 0;
  let covered = 0;
  for (let k = 0; k < windows.length; k += 2) covered += windows[k + 1] - windows[k];
  if (covered * 2 > text.length) return scanWhole(text, prep);
  const findings: Finding[] = [];
  let lines = 0;
  let counted = 0;
  for (let k = 0; k < windows.length; k += 2) {
    const a = windows[k];
    lines += countNewlines(text, counted, a);
    counted = a;
    const lineStart = text.lastIndexOf('\n', a - 1) + 1;
    for (const f of scanWhole(text.slice(a, windows[k + 1]), prep)) findings.push(moveFinding(f, { offset: a, lines, column: a - lineStart }));
  }
  return findings;
}
