// Findings of a piece of a file (a chunk of a large file, a window of a bundle) moved to their
// place in the whole file. Pure.
import type { Finding } from './types';

/** Where a piece of text (a chunk, a window) starts in its file, to move its findings there. */
export interface Origin {
  /** UTF-16 units before the chunk text. */
  offset: number;
  /** Newlines before the chunk text. */
  lines: number;
  /** Column (0-based, UTF-16 units) of the chunk text's first character. */
  column: number;
}

export function moveFinding(f: Finding, o: Origin): Finding {
  const moved: Finding = {
    ...f,
    start: f.start + o.offset,
    end: f.end + o.offset,
    line: f.line + o.lines,
    column: f.line === 1 ? f.column + o.column : f.column,
    endLine: f.endLine + o.lines,
    endColumn: f.endLine === 1 ? f.endColumn + o.column : f.endColumn,
  };
  if (f.literalStart !== undefined) moved.literalStart = f.literalStart + o.offset;
  if (f.literalEnd !== undefined) moved.literalEnd = f.literalEnd + o.offset;
  return moved;
}

export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
