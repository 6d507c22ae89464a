// The leak scanner core. Every finding is decided by its own line and the lines at most
// RESCAN_MARGIN - 1 away from it: its local window (CONTEXT_LINES), the request it belongs to
// (statements joined by bracket nesting, continuations and shared variables, REQUEST_LINES either
// side), the sections around it and the definitions of the names it sends (FLOW_LINES). Never by
// the rest of the file: that is what lets the incremental scan rescan only the lines near an edit
// and still equal a full scan. All patterns are linear: literal searches, single-quantifier
// regexes and hand-written loops over char codes; regexes with more than one quantifier only ever
// run on one line or a bounded slice of it.
import { RESTRICTED_PREFIX, redactKey } from '../api/keys';
import { isIdentChar } from './keyShape';
import { KeyTokens, type KeyToken } from './keyTokens';
import { AUTH_WORD, authNames, hasRetracWord, isEnvLikeName, isGenericKeyName, lastSegment, nameSaysRetracKey, publicPrefixOf } from './names';
import type { KeyType, PreparedOptions } from './prepare';
import { assignedName, computeLineStarts, hasRunOf, isBlank, isQuote, isWordChar, lineOfOffset, quotedStrings } from './text';
import { docUrlFor, fingerprint, ruleById } from './rules';
import { assignedVariable, inNamedSection, requestExtent, shapeOf, statementExtent, type LineShape, type Lines } from './structure';
import type { Finding, RuleId } from './types';

/** Lines either side of a candidate that its rule may read (Bearer context, request extent). */
export const CONTEXT_LINES = 10;
/** Lines either side of a line that the request it belongs to may span. */
export const REQUEST_LINES = 20;
/** Lines between a key's definition (or its section's name) and the request that sends it. */
export const FLOW_LINES = 150;
/** Lines either side of an edit whose findings may change: the longest chain of the reaches above, plus one. */
export const RESCAN_MARGIN = FLOW_LINES + REQUEST_LINES + CONTEXT_LINES + 2;

const PUBLIC_NAME = /(?<!\w)(?:NEXT_PUBLIC|EXPO_PUBLIC|NUXT_PUBLIC|REACT_APP|VUE_APP|STORYBOOK|GATSBY|VITE|PUBLIC)_\w+/g;
const WORKSPACE_PARAM = /(?<!\w)(?:[wW]orkspace(?:Id|ID|_id)|[pP]roject(?:Slug|_slug))(?!\w)/g;
const HARDCODED_WS = /["'\]]?[ \t]*(?:=>|[:=,])[ \t]*["'`]?(ws_[A-Za-z0-9]+)/y;
const SCOPED_PATH = /\/(?:items|tags|locations|inventory\/[A-Za-z]+)(?![\w-]|\.\w)/g;
const INSECURE_URL = /http:\/\/api\.retrac\.co(?![A-Za-z0-9-]|\.[A-Za-z0-9])[^\s"'`<>)\]}]*/gi;
/** What a public name is set from: `${NAME}`, `$NAME`, `process.env.NAME`, `${{ secrets.NAME }}` or an identifier. */
const PUBLIC_VALUE_SOURCE =
  /^["'\]]?[ \t]*[:=][ \t]*(?:["'`]?(\$\{\{[ \t]*secrets\.|\$\{|\$|process\.env\.|import\.meta\.env\.)|(?=[A-Za-z_]))([A-Za-z_]\w*)/;
const CLIENT_CONTEXT =
  /\bRetrac(?:[A-Z]\w*)?(?:::\w+)*(?:\.new)?[ \t]*[({]|\bretrac\.(?:Client|NewClient|new_client|Retrac|client|connect)[ \t]*\(|\bcreateRetrac\w*[ \t]*\(|^[ \t]*(?:\[retrac\]|retrac:)[ \t]*$/;
const NON_BLANK = /\S/;
const SAME_LINE_MARKER = /retrac-ignore(?!-next-line)|gitleaks:allow|trufflehog:ignore|pragma: allowlist secret|secretlint-disable-line/;
const NEXT_LINE_MARKER = /retrac-ignore-next-line|secretlint-disable-next-line|pragma: allowlist nextline secret/;
interface EnvRef {
  name: string;
  keyType: KeyType;
}

interface LineFacts {
  text: string;
  offset: number;
  blank: boolean;
  retracWord: boolean;
  clientContext: boolean;
  workspaceParam: boolean;
  /** A Retrac word that says where something goes (a host, a client, a Retrac-named field), not an import. */
  retracTarget: boolean;
  keys?: KeyToken[];
  envRefs?: EnvRef[];
  /** Computed on demand: quoted strings as [start, end) pairs, and whether a marker silences the line. */
  strings?: number[];
  suppressed?: boolean;
  /** The variable a Retrac URL on this line is bound to (`BASE = "https://api.retrac.co"`). */
  hostName?: string;
  /** Names the line sends as auth (see authNames). */
  authNames?: string[];
}

/** Scans lines `from..to` (0-based, inclusive) and returns the findings that start on them. */
export function scanLines(text: string, starts: readonly number[], prep: PreparedOptions, from: number, to: number): Finding[] {
  return new LineScan(text, starts, prep).run(from, to);
}

class LineScan implements Lines {
  private readonly keyTokens: KeyTokens;
  /** Facts of line `l` at index `l - factsBase`: only lines near the scanned range are ever asked for. */
  private facts: (LineFacts | undefined)[] = [];
  private factsBase = 0;
  private shapes: (LineShape | undefined)[] = [];
  private texts: (string | undefined)[] = [];
  readonly last: number;
  private readonly findings: Finding[] = [];
  private from = 0;
  private to = -1;
  /** Key findings already made, by rule and offset: a key reached from several requests is reported once. */
  private readonly emitted = new Set<number>();
  /** Request extents by line, and whether a request sends to Retrac, by its first line. */
  private readonly extents = new Map<number, { from: number; to: number }>();
  private readonly retracRequests = new Map<number, boolean>();
  private readonly requestKeyMemo = new Map<number, RequestKey[]>();
  /** Lines already looked at as requests that may send to Retrac. */
  private readonly sinkLines = new Set<number>();
  /** Key definitions by name over the facts region: per name on demand, or all at once past DEF_NAMES_BEFORE_INDEX names. */
  private readonly defsByName = new Map<string, { tok: KeyToken; line: number }[]>();
  private defIndexed = false;
  /** Lines of the facts region that use a name bound to a Retrac URL, found once. */
  private hostUseLines?: Set<number>;
  private candScanned = -1;
  private fullScanned = -1;
  private readonly fullLines: number[] = [];
  private readonly candLines: number[] = [];
  private readonly statements = new Map<number, { from: number; to: number }>();

  constructor(
    private readonly doc: string,
    private readonly starts: readonly number[],
    private readonly prep: PreparedOptions,
  ) {
    this.last = starts.length - 1;
    this.keyTokens = new KeyTokens(prep.lengths, (l) => this.factsText(l));
  }

  run(from: number, to: number): Finding[] {
    const { gate } = this.prep;
    this.from = from;
    this.to = to;
    // A finding on [from, to] may depend on a gate word this far away (a section name, a request
    // that sends a key defined here, the host of that request).
    const reach = FLOW_LINES + REQUEST_LINES + CONTEXT_LINES;
    const ctxFrom = Math.max(0, from - reach);
    const ctxTo = Math.min(this.last, to + reach);
    this.factsBase = Math.max(0, ctxFrom - reach);
    this.facts = new Array<LineFacts | undefined>(Math.max(0, Math.min(this.last, ctxTo + reach) - this.factsBase + 1));
    this.shapes = new Array<LineShape | undefined>(this.facts.length);
    this.texts = new Array<string | undefined>(this.facts.length);
    const base = this.starts[ctxFrom];
    const region = this.doc.slice(base, this.lineEnd(ctxTo));
    let activeFrom = -1;
    let activeTo = -2;
    if (this.prep.retracFile) {
      // A file named for Retrac: every line may hold a Retrac key under a generic name.
      activeFrom = from;
      activeTo = to;
    }
    const sinks: number[] = [];
    let hosts = false;
    gate.lastIndex = 0;
    for (let m = gate.exec(region); m; m = gate.exec(region)) {
      const line = lineOfOffset(this.starts, base + m.index);
      const f = this.factsOf(line);
      // Requests that send to Retrac: the keys they carry may sit far from any gate word.
      if (f.retracTarget) sinks.push(line);
      if (f.hostName) hosts = true;
      // A section named for Retrac reaches down to its last key.
      const reachDown = f.retracTarget && opensSection(f.text) ? FLOW_LINES : CONTEXT_LINES;
      const a = Math.max(from, line - CONTEXT_LINES);
      const b = Math.min(to, line + reachDown);
      if (a <= b) {
        if (a > activeTo + 1) {
          this.scanRange(activeFrom, activeTo);
          activeFrom = a;
        }
        activeTo = Math.max(activeTo, b);
      }
      if (line + 1 > this.last) break;
      gate.lastIndex = this.starts[line + 1] - base; // the rest of this line adds nothing
    }
    this.scanRange(activeFrom, activeTo);
    // A Retrac URL bound to a name: the requests that use the name send to Retrac too.
    if (hosts) for (const l of this.hostUses()) if (l >= ctxFrom && l <= ctxTo) sinks.push(l);
    sinks.sort((a, b) => a - b);
    for (const line of sinks) if (this.candidateNear(line)) this.sink(line);
    return this.findings;
  }

  private lineEnd(line: number): number {
    let end = line < this.last ? this.starts[line + 1] - 1 : this.doc.length;
    if (end > this.starts[line] && this.doc.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  private scanRange(from: number, to: number): void {
    for (let l = from; l <= to; l++) if (l >= 0) this.scanLine(l);
  }

  private factsOf(line: number): LineFacts {
    const i = line - this.factsBase;
    if (i < 0 || i >= this.facts.length) return this.computeFacts(line);
    let f = this.facts[i];
    if (!f) {
      f = this.computeFacts(line);
      this.facts[i] = f;
    }
    return f;
  }

  /** A line's text as the rules read it (a notebook's `\"` as ` "`). */
  private rawText(line: number): string {
    const s = this.doc.slice(this.starts[line], this.lineEnd(line));
    return this.prep.notebook && s.includes('\\"') ? s.replace(/\\"/g, ' "') : s;
  }

  private computeFacts(line: number): LineFacts {
    const offset = this.starts[line];
    const i = line - this.factsBase;
    const s = (i >= 0 && i < this.texts.length ? this.texts[i] : undefined) ?? this.rawText(line);
    const retracWord = hasRetracWord(s);
    const f: LineFacts = {
      text: s,
      offset,
      blank: !NON_BLANK.test(s),
      retracWord,
      clientContext: retracWord && CLIENT_CONTEXT.test(s),
      workspaceParam: false,
      // The key itself (`retrac_…`) says nothing about where it goes.
      retracTarget: retracWord && !IMPORT_LINE.test(s) && (!s.includes(RESTRICTED_PREFIX) || hasRetracWord(s.replace(KEY_LIKE, ''))),
    };
    if (retracWord && s.includes('retrac.co')) f.hostName = hostNameOf(s);
    if (s.includes('orkspace') || s.includes('roject')) {
      WORKSPACE_PARAM.lastIndex = 0;
      f.workspaceParam = WORKSPACE_PARAM.test(s);
    }
    return f;
  }

  // Lines (structure.ts): shapes and texts, cached with the facts.
  shape(line: number): LineShape {
    // Kept apart from the facts: walks read the shape of many lines they need nothing else of.
    const i = line - this.factsBase;
    if (i < 0 || i >= this.shapes.length) return shapeOf(this.factsText(line));
    return (this.shapes[i] ??= shapeOf(this.factsText(line)));
  }

  text(line: number): string {
    return this.factsText(line);
  }

  /** Key tokens of a line, found on first use: most context lines are only asked for cheap facts. */
  private keysOf(f: LineFacts, line: number): KeyToken[] {
    if (!f.keys) {
      f.keys = [];
      if (f.retracWord) this.keyTokens.restricted(f.text, f.keys, line);
      this.keyTokens.full(f.text, f.keys, line);
    }
    return f.keys;
  }

  private envRefsOf(f: LineFacts): EnvRef[] {
    if (!f.envRefs) {
      f.envRefs = [];
      const s = f.text;
      for (const [name, { keyType }] of this.prep.keyEnvNames) {
        for (let i = s.indexOf(name); i >= 0; i = s.indexOf(name, i + name.length)) {
          if (isWordChar(s.charCodeAt(i - 1)) || isWordChar(s.charCodeAt(i + name.length))) continue;
          f.envRefs.push({ name, keyType });
          break;
        }
      }
    }
    return f.envRefs;
  }

  /** Line text without computing the facts of a line outside the scanned context. */
  private factsText(line: number): string {
    const i = line - this.factsBase;
    if (i < 0 || i >= this.facts.length) return this.rawText(line);
    return this.facts[i]?.text ?? (this.texts[i] ??= this.rawText(line));
  }

  private windowSome(line: number, pred: (f: LineFacts) => boolean): boolean {
    const a = Math.max(0, line - CONTEXT_LINES);
    const b = Math.min(this.last, line + CONTEXT_LINES);
    for (let l = a; l <= b; l++) if (pred(this.factsOf(l))) return true;
    return false;
  }

  /**
   * The request around a line: its statement and the statements that build the same request,
   * whatever blank lines and comments sit between; in formats without statements also its
   * paragraph (the old window: up to CONTEXT_LINES either side, stopping at blank lines).
   */
  private requestWindow(line: number): { from: number; to: number } {
    let ext = this.extents.get(line);
    if (ext) return ext;
    ext = requestExtent(this, line, REQUEST_LINES);
    if (this.prep.paragraphs) {
      let from = line;
      while (from > Math.max(0, line - CONTEXT_LINES) && !this.factsOf(from - 1).blank) from--;
      let to = line;
      while (to < Math.min(this.last, line + CONTEXT_LINES) && !this.factsOf(to + 1).blank) to++;
      ext = { from: Math.min(from, ext.from), to: Math.max(to, ext.to) };
    }
    this.extents.set(line, ext);
    return ext;
  }

  /** The request sends to Retrac: a line of it names Retrac (not an import), or uses a name bound to a Retrac URL. */
  private sendsToRetrac(ext: { from: number; to: number }): boolean {
    const memo = this.retracRequests.get(ext.from * 1e7 + ext.to);
    if (memo !== undefined) return memo;
    let yes = false;
    for (let l = ext.from; l <= ext.to && !yes; l++) yes = this.factsOf(l).retracTarget;
    if (!yes) {
      const uses = this.hostUses();
      for (let l = ext.from; l <= ext.to && !yes && uses.size; l++) yes = uses.has(l);
    }
    this.retracRequests.set(ext.from * 1e7 + ext.to, yes);
    return yes;
  }

  /**
   * The variable a Retrac URL on a line is bound to: `BASE = "https://api.retrac.co"`, or the
   * client whose base URL it is (`const api = axios.create({ baseURL: "https://api.retrac.co" })`).
   */
  private hostNameFor(line: number): string | undefined {
    const h = this.factsOf(line).hostName;
    if (!h || !BASE_FIELD.test(h)) return h;
    return assignedVariable(this.text(this.statement(line).from));
  }

  /**
   * The request sends to Retrac as seen from one of its lines: a Retrac line (not an import) or a
   * use of a Retrac URL name that encloses the line or sits beside it in the same construct. A
   * sibling object (`"retrac": {…}` next to `"stripe": {…}`) does not count.
   */
  private retracAround(ext: { from: number; to: number }, line: number): boolean {
    const n = ext.to - ext.from + 1;
    const depth = new Array<number>(n + 1);
    depth[0] = 0;
    for (let i = 0; i < n; i++) depth[i + 1] = depth[i] + this.shape(ext.from + i).net;
    const uses = this.hostUses();
    const t = line - ext.from;
    for (let i = 0; i < n; i++) {
      const l = ext.from + i;
      if (!this.factsOf(l).retracTarget && !uses.has(l)) continue;
      if (i === t) return true;
      // Every line between stays at least as deep as the earlier line leaves off.
      const a = Math.min(i, t);
      const b = Math.max(i, t);
      const need = depth[a + 1];
      let ok = true;
      for (let k = a + 1; k <= b && ok; k++) ok = depth[k] >= need;
      // In indented formats a line that opens a mapping (`retrac:`) holds only the lines indented under it.
      if (ok && this.prep.paragraphs) {
        const top = this.shape(ext.from + a).indent;
        const opens = this.text(ext.from + a).trimEnd().endsWith(':');
        for (let k = a + 1; k <= b && ok; k++) {
          const ind = this.shape(ext.from + k).indent;
          if (ind >= 0) ok = opens ? ind > top : ind >= top || k === b;
          // A new YAML list item (`- run: …`) at the same level is another step, not the same request.
          if (ok && ind >= 0 && ind <= top && LIST_ITEM.test(this.text(ext.from + k))) ok = false;
        }
      }
      if (ok) return true;
    }
    return false;
  }

  /**
   * Lines that use a name bound to a Retrac URL (`BASE = "https://api.retrac.co"`) within
   * FLOW_LINES of the binding; found once per scan for the facts region.
   */
  private hostUses(): Set<number> {
    if (this.hostUseLines) return this.hostUseLines;
    const uses = (this.hostUseLines = new Set<number>());
    const a = this.factsBase;
    const b = Math.min(this.last, this.factsBase + this.facts.length - 1);
    const to = this.lineEnd(b);
    const bindings = new Map<string, number[]>();
    for (let i = this.doc.indexOf('retrac.co', this.starts[a]); i >= 0 && i < to; i = this.doc.indexOf('retrac.co', i + 9)) {
      const line = lineOfOffset(this.starts, i);
      const name = this.hostNameFor(line);
      if (name) {
        const list = bindings.get(name);
        if (list) list.push(line);
        else bindings.set(name, [line]);
      }
      if (line + 1 > this.last) break;
      i = this.starts[line + 1] - 9;
    }
    if (bindings.size > HOST_NAMES_BEFORE_INDEX) {
      // Many names: read each line's words once (the same answer as the windows below, in linear time).
      for (let l = a; l <= b; l++) {
        const t = this.factsText(l);
        WORD.lastIndex = 0;
        for (let m = WORD.exec(t); m; m = WORD.exec(t)) {
          const list = bindings.get(m[0]);
          if (list && list.some((x) => x !== l && Math.abs(x - l) <= FLOW_LINES)) {
            uses.add(l);
            break;
          }
        }
      }
      return uses;
    }
    for (const [name, lines] of bindings) {
      let covered = a - 1; // bindings come in order: a window starts where the last one ended
      for (const line of lines) {
        const wa = this.starts[Math.max(a, line - FLOW_LINES, covered + 1)];
        covered = Math.min(b, line + FLOW_LINES);
        const wb = this.lineEnd(covered);
        // Searched in a slice: a name that never comes again must not send indexOf to the end of the file.
        const win = this.doc.slice(wa, wb);
        for (let j = win.indexOf(name); j >= 0; j = win.indexOf(name, j + name.length)) {
          if (isWordChar(win.charCodeAt(j - 1)) || isWordChar(win.charCodeAt(j + name.length))) continue;
          const l = lineOfOffset(this.starts, wa + j);
          if (l !== line || lines.some((x) => x !== l && Math.abs(x - l) <= FLOW_LINES)) uses.add(l);
        }
      }
    }
    return uses;
  }

  /**
   * A request that sends to Retrac: the full-access keys it carries (literals, and names defined
   * within FLOW_LINES) are Retrac keys, wherever their lines are.
   */
  private sink(line: number): void {
    for (const l of [line]) {
      if (this.sinkLines.has(l)) continue;
      this.sinkLines.add(l);
      const ext = this.requestWindow(l);
      if (!this.hasCandidates(ext) || !this.sendsToRetrac(ext)) continue;
      for (const k of this.requestKeys(ext)) {
        if (k.tok.keyType !== 'full' || !k.sent || k.line < this.from || k.line > this.to) continue;
        // A literal on the request's lines needs the same context as in scanLine; a definition
        // reached through a name the request sends is sent to Retrac by that request.
        if (k.flow || this.fullKeyHasContext(k.tok, k.line)) this.emitKey(this.factsOf(k.line), k.line, k.tok);
      }
    }
  }

  /**
   * A line within REQUEST_LINES of `line` may hold a key token or sends a name as auth: without
   * one, no request there can carry a key. Each line is looked at once; asked out of order, the
   * answer may be a needless true, never a wrong false.
   */
  private candidateNear(line: number): boolean {
    const upTo = Math.min(this.last, line + REQUEST_LINES);
    for (let l = Math.max(this.candScanned + 1, line - REQUEST_LINES); l <= upTo; l++) {
      // Cheap, on the document without copying the line: a long enough alphanumeric run (a key
      // token needs one), or an auth word followed by a name sent as auth.
      const a = this.starts[l];
      const b = this.lineEnd(l);
      let cand = hasRunOf(this.doc, this.prep.lengths.min, a, b);
      if (!cand) {
        const t = this.factsText(l);
        cand = AUTH_WORD.test(t) && authNames(t).length > 0;
      }
      if (cand) this.candLines.push(l);
    }
    this.candScanned = Math.max(this.candScanned, upTo);
    // The last candidate at or before upTo; lines before line - REQUEST_LINES are too far.
    const c = this.candLines;
    return c.length > 0 && c[c.length - 1] >= line - REQUEST_LINES;
  }

  /**
   * Like candidateNear, for full-access keys only: an unprefixed run long enough for a key, a name
   * sent as auth that is bound to an unprefixed key, or `.env` values that hold one.
   */
  private fullCandidateNear(line: number): boolean {
    if (this.prep.hasFullEnvKey) return true;
    const upTo = Math.min(this.last, line + REQUEST_LINES);
    for (let l = Math.max(this.fullScanned + 1, line - REQUEST_LINES); l <= upTo; l++) {
      const a = this.starts[l];
      let cand = hasRunOf(this.doc, this.prep.lengths.min, a, this.lineEnd(l), true);
      if (!cand) {
        const t = this.factsText(l);
        cand = AUTH_WORD.test(t) && authNames(t).some((n) => this.definitionsOf(n).some((d) => d.tok.keyType === 'full'));
      }
      if (cand) this.fullLines.push(l);
    }
    this.fullScanned = Math.max(this.fullScanned, upTo);
    const c = this.fullLines;
    return c.length > 0 && c[c.length - 1] >= line - REQUEST_LINES;
  }

  /** Some line of the request holds a key token or sends a name as auth. */
  private hasCandidates(ext: { from: number; to: number }): boolean {
    for (let l = ext.from; l <= ext.to; l++) {
      const w = this.factsOf(l);
      if (this.keysOf(w, l).length || (w.authNames ??= authNames(w.text)).length) return true;
    }
    return false;
  }

  statement(line: number): { from: number; to: number } {
    let st = this.statements.get(line);
    if (!st) this.statements.set(line, (st = statementExtent(this, line, REQUEST_LINES)));
    return st;
  }

  /**
   * Keys a request carries: literals on its lines sent as auth or named values, and the literals
   * that names it sends as auth are bound to (a constant, an attribute, a variable) within
   * FLOW_LINES; `.env` values come as env refs.
   */
  private requestKeys(ext: { from: number; to: number }): RequestKey[] {
    const memo = this.requestKeyMemo.get(ext.from * 1e7 + ext.to);
    if (memo) return memo;
    const out: RequestKey[] = [];
    this.requestKeyMemo.set(ext.from * 1e7 + ext.to, out);
    const names = new Set<string>();
    for (let l = ext.from; l <= ext.to; l++) {
      const w = this.factsOf(l);
      for (const tok of this.keysOf(w, l)) out.push({ tok, line: l, sent: isSentToken(tok), flow: false });
      for (const n of (w.authNames ??= authNames(w.text))) names.add(n);
    }
    for (const name of names) {
      const def = this.definitionOf(name, ext.from);
      if (!def) continue;
      const same = out.find((o) => o.line === def.line && o.tok.start === def.tok.start);
      if (same) {
        same.sent = true;
        same.flow = true;
      } else out.push({ ...def, sent: true, flow: true });
    }
    return out;
  }

  /** The key literal a name is bound to, nearest above the request first, within FLOW_LINES. */
  private definitionOf(name: string, near: number): { tok: KeyToken; line: number } | undefined {
    const defs = this.definitionsOf(name);
    let best: { tok: KeyToken; line: number } | undefined;
    for (const d of defs) {
      if (d.line < near - FLOW_LINES) continue;
      if (d.line <= near) best = d;
      else return best ?? (d.line <= near + FLOW_LINES ? d : undefined);
    }
    return best;
  }

  /**
   * Every line of the facts region that binds `name` to a key literal, in order. Searched per name;
   * past DEF_NAMES_BEFORE_INDEX names, one pass indexes them all (the same answers, bounded work).
   */
  private definitionsOf(name: string): { tok: KeyToken; line: number }[] {
    const known = this.defsByName.get(name);
    if (known) return known;
    if (this.defIndexed) return [];
    const a = this.factsBase;
    const b = Math.min(this.last, this.factsBase + this.facts.length - 1);
    if (this.defsByName.size >= DEF_NAMES_BEFORE_INDEX) {
      this.defIndexed = true;
      for (let l = a; l <= b; l++) {
        for (const tok of this.keysOf(this.factsOf(l), l)) {
          if (tok.name === undefined) continue;
          const n = lastSegment(tok.name);
          let list = this.defsByName.get(n);
          if (!list) this.defsByName.set(n, (list = []));
          if (!list.some((d) => d.line === l && d.tok === tok)) list.push({ tok, line: l });
        }
      }
      for (const list of this.defsByName.values()) list.sort((x, y) => x.line - y.line || x.tok.start - y.tok.start);
      return this.defsByName.get(name) ?? [];
    }
    const out: { tok: KeyToken; line: number }[] = [];
    const from = this.starts[a];
    const to = this.lineEnd(b);
    for (let i = this.doc.indexOf(name, from); i >= 0 && i < to; i = this.doc.indexOf(name, i + name.length)) {
      if (isWordChar(this.doc.charCodeAt(i - 1)) || isWordChar(this.doc.charCodeAt(i + name.length))) continue;
      const l = lineOfOffset(this.starts, i);
      for (const tok of this.keysOf(this.factsOf(l), l)) {
        if (tok.name !== undefined && lastSegment(tok.name) === name) out.push({ tok, line: l });
      }
      if (l + 1 > this.last) break;
      i = this.starts[l + 1] - name.length;
    }
    this.defsByName.set(name, out);
    return out;
  }

  private scanLine(line: number): void {
    const f = this.factsOf(line);
    const s = f.text;
    const keys = this.keysOf(f, line);
    for (const tok of keys) {
      if (tok.keyType === 'full' && !this.fullKeyHasContext(tok, line)) continue;
      this.emitKey(f, line, tok);
    }

    if (f.retracWord) {
      INSECURE_URL.lastIndex = 0;
      for (let m = INSECURE_URL.exec(s); m; m = INSECURE_URL.exec(s)) {
        this.emit(line, f, m.index, m.index + m[0].length, 'retrac/insecure-http', m[0],
          `Plain HTTP to the Retrac API (${m[0]}) sends the key in clear text, and the API is HTTPS only: use https://api.retrac.co.`);
      }
    }

    PUBLIC_NAME.lastIndex = 0;
    for (let m = PUBLIC_NAME.exec(s); m; m = PUBLIC_NAME.exec(s)) {
      const name = m[0];
      if (keys.some((k) => k.name === name || k.name?.endsWith('.' + name))) continue; // reported with its key
      if (this.isKubernetesNameOfKey(s, name, line)) continue;
      this.publicName(f, line, name, m.index);
    }

    if (f.workspaceParam) this.workspaceParams(f, line);
    if (s.includes('/')) this.scopedPaths(f, line);
  }

  /** `- name: NEXT_PUBLIC_X` whose `value:` on the next line is a key: reported there, once. */
  private isKubernetesNameOfKey(s: string, name: string, line: number): boolean {
    if (line >= this.last || !/^\s*-?\s*name:/.test(s)) return false;
    const next = this.factsOf(line + 1);
    return this.keysOf(next, line + 1).some((k) => k.name === name);
  }

  /**
   * Where an unprefixed key goes decides whether it is a Retrac key: sent as auth in a request to
   * Retrac, named for Retrac, or under a generic key name in a Retrac client call, a request to
   * Retrac, a section named for Retrac, a file named for Retrac, or a `.env` file about Retrac.
   */
  private fullKeyHasContext(tok: KeyToken, line: number): boolean {
    if (tok.via === 'bearer') return this.prep.retracFile || this.retracAround(this.requestWindow(line), line);
    const name = tok.name ?? '';
    if (nameSaysRetracKey(name)) return true;
    if (!isGenericKeyName(name)) return false;
    if (this.prep.retracFile) return true;
    const ext = this.requestWindow(line);
    if (this.prep.envFile && this.windowSome(line, (w) => w.retracWord)) return true;
    if (this.retracAround(ext, line)) return true;
    return inNamedSection(this, line, FLOW_LINES, (t) => hasRetracWord(t) && !IMPORT_LINE.test(t));
  }

  private emitKey(f: LineFacts, line: number, tok: KeyToken): void {
    const at = f.offset + tok.start;
    if (this.emitted.has(at)) return;
    this.emitted.add(at);
    const { options, envFile } = this.prep;
    const redacted = redactKey(tok.key);
    // `process.env.VITE_KEY = …` assigns the public name too.
    const bareName = tok.name === undefined ? undefined : lastSegment(tok.name);
    const publicPrefix = bareName ? publicPrefixOf(bareName) : undefined;
    const literal = enclosingString(f, tok.start);
    const extra: Partial<Finding> = { keyType: tok.keyType };
    if (literal) {
      extra.literalStart = f.offset + literal.start;
      extra.literalEnd = f.offset + literal.end;
    }
    const kind = tok.keyType === 'restricted' ? 'restricted' : 'full-access';
    if (publicPrefix && bareName) {
      this.emit(line, f, tok.start, tok.end, 'retrac/client-exposed-key', tok.key,
        `${bareName} holds a ${kind} Retrac key (${redacted}), and bundlers inline ${publicPrefix}* variables into browser code where anyone can read them. Keep the key server-side under a name without ${publicPrefix} and revoke this one.`,
        { ...extra, envName: bareName });
      // The literal is a leaked key as well: fixing the name does not unwrite it.
    }
    if (envFile && options.gitIgnored) return;
    const envName = bareName && publicPrefix ? bareName.slice(publicPrefix.length) : tok.name;
    extra.envName = envName && isEnvLikeName(envName) ? envName : 'RETRAC_API_KEY';
    if (tok.keyType === 'restricted') {
      this.emit(line, f, tok.start, tok.end, 'retrac/restricted-key', tok.key,
        `Restricted Retrac API key ${redacted} is written in this file, so anyone who can read it can use the key's scopes. Read it from an environment variable (${extra.envName}) or a secret store, and revoke the key if it was committed.`,
        extra);
    } else {
      this.emit(line, f, tok.start, tok.end, 'retrac/full-access-key', tok.key,
        `Full-access Retrac API key ${redacted} is written in this file; it carries every permission of its user in every workspace. Read it from an environment variable (${extra.envName}) or a secret store, and revoke the key if it was committed.`,
        extra);
    }
  }

  private publicName(f: LineFacts, line: number, name: string, at: number): void {
    const { keyEnvNames, envFile } = this.prep;
    const prefix = publicPrefixOf(name)!;
    const known = keyEnvNames.get(name);
    const saysKey = nameSaysRetracKey(name);
    let keyType: KeyType | undefined = known && (known.keyType === 'restricted' || saysKey) ? known.keyType : undefined;
    // `NEXT_PUBLIC_RETRAC_KEY=${RETRAC_API_KEY}`, `VITE_KEY: process.env.RETRAC_API_KEY`: a public name fed from a key.
    const ref = PUBLIC_VALUE_SOURCE.exec(f.text.slice(at + name.length));
    // In .env files a bare value is a literal; only `$NAME` / `${NAME}` refer to another variable.
    const source = ref && (ref[1] || !envFile) ? ref[2] : undefined;
    const sourceKey = source ? keyEnvNames.get(source) : undefined;
    const fromKey = source !== undefined && (nameSaysRetracKey(source) || sourceKey?.keyType === 'restricted');
    if (fromKey) keyType ??= sourceKey?.keyType;
    const flagged = envFile ? fromKey : fromKey || saysKey || keyType !== undefined;
    if (!flagged) return;
    const what = fromKey ? `is set from ${source}, a Retrac key,` : 'holds a Retrac key';
    this.emit(line, f, at, at + name.length, 'retrac/client-exposed-key', name,
      `${name} ${what} and bundlers inline ${prefix}* variables into browser code where anyone can read them. Call the Retrac API from server code with a name without ${prefix}.`,
      { envName: name, ...(keyType ? { keyType } : {}) });
  }

  private workspaceParams(f: LineFacts, line: number): void {
    const s = f.text;
    // Without a key token or a name sent as auth nearby, no request here carries a key.
    const keysNear = this.prep.keyEnvNames.size > 0 || this.candidateNear(line);
    const ext = keysNear ? this.requestWindow(line) : { from: line, to: line - 1 };
    let restricted: string | undefined;
    let restrictedEnv: string | undefined;
    let otherHost = !keysNear;
    for (let l = ext.from; l <= ext.to && !otherHost; l++) {
      const t = this.factsOf(l).text;
      otherHost = t.includes('://') && OTHER_HOST_URL.test(t) && !t.includes('retrac.co');
    }
    for (const k of otherHost ? [] : this.requestKeys(ext)) {
      if (k.tok.keyType === 'restricted') {
        restricted = k.tok.key;
        break;
      }
    }
    for (let l = ext.from; l <= ext.to && !restricted && !restrictedEnv && !otherHost; l++) {
      const r = this.envRefsOf(this.factsOf(l)).find((e) => e.keyType === 'restricted');
      if (r) restrictedEnv = r.name;
    }
    WORKSPACE_PARAM.lastIndex = 0;
    for (let m = WORKSPACE_PARAM.exec(s); m; m = WORKSPACE_PARAM.exec(s)) {
      const param = m[0];
      const end = m.index + param.length;
      // Data is not a request: `"workspaceId": "ws_…"` in a JSON fixture or a recorded response.
      if (this.prep.jsonData && s.charCodeAt(m.index - 1) === 34 && /^"\s*:/.test(s.slice(end, end + 8))) continue;
      HARDCODED_WS.lastIndex = end;
      const ws = HARDCODED_WS.exec(s);
      if (ws) {
        const wsEnd = HARDCODED_WS.lastIndex;
        const wsStart = wsEnd - ws[1].length;
        const id = ws[1].slice(3);
        if (id.length >= 6 && !isIdentChar(s.charCodeAt(wsEnd)) && s.charCodeAt(wsEnd) !== 123 && !/^(.)\1*$/.test(id)) {
          this.emit(line, f, wsStart, wsEnd, 'retrac/hardcoded-workspace-id', ws[1],
            `Workspace ID ${ws[1]} is hard-coded as ${param}: read it from configuration (e.g. RETRAC_WORKSPACE_ID) so the code follows the key's workspace.`,
            { envName: 'RETRAC_WORKSPACE_ID' });
        }
      }
      if (restricted || restrictedEnv) {
        const what = restricted ? `a restricted Retrac key (${redactKey(restricted)})` : `${restrictedEnv}, which holds a restricted Retrac key`;
        this.emit(line, f, m.index, end, 'retrac/workspace-id-with-restricted-key', restricted ?? `${restrictedEnv}:${param}`,
          `This request sends ${param} with ${what}. Restricted keys are bound to one workspace: remove ${param} (the sandbox rejects it with 400).`,
          { keyType: 'restricted', ...(restrictedEnv && !restricted ? { envName: restrictedEnv } : {}) });
      }
    }
  }

  private scopedPaths(f: LineFacts, line: number): void {
    const s = f.text;
    if (s.indexOf('/') < 0) return;
    SCOPED_PATH.lastIndex = 0;
    let m = SCOPED_PATH.exec(s);
    while (m && !isApiPathStart(s, m.index)) m = SCOPED_PATH.exec(s);
    if (!m) return;
    if (!this.fullCandidateNear(line)) return;
    const ext = this.requestWindow(line);
    for (let l = ext.from; l <= ext.to; l++) if (this.factsOf(l).workspaceParam) return;
    if (!this.sendsToRetrac(ext)) return;
    let full: string | undefined;
    let fullEnv: string | undefined;
    for (const k of this.requestKeys(ext)) {
      if (k.tok.keyType === 'full' && (k.sent || nameSaysRetracKey(k.tok.name ?? ''))) {
        full = k.tok.key;
        break;
      }
    }
    for (let l = ext.from; l <= ext.to && !full && !fullEnv; l++) {
      const r = this.envRefsOf(this.factsOf(l)).find((e) => e.keyType === 'full');
      if (r) fullEnv = r.name;
    }
    if (!full && !fullEnv) return;
    const what = full ? `a full-access Retrac key (${redactKey(full)})` : `${fullEnv}, which holds a full-access Retrac key,`;
    for (; m; m = SCOPED_PATH.exec(s)) {
      if (!isApiPathStart(s, m.index)) continue;
      this.emit(line, f, m.index, m.index + m[0].length, 'retrac/missing-workspace-id', `${full ?? fullEnv} ${m[0]}`,
        `This request to ${m[0]} uses ${what} without workspaceId. Full-access keys must send ?workspaceId= on every workspace-scoped request, or the API answers 404 not_found.`,
        { keyType: 'full', ...(fullEnv && !full ? { envName: fullEnv } : {}) });
    }
  }

  private emit(
    line: number, f: LineFacts, start: number, end: number, rule: RuleId, secret: string, message: string, extra: Partial<Finding> = {},
  ): void {
    if (this.suppressed(line, f)) return;
    const print = fingerprint(rule, secret);
    if (this.prep.options.ignoredFingerprints?.has(print)) return;
    this.findings.push({
      rule,
      severity: ruleById.get(rule)!.defaultSeverity,
      message,
      start: f.offset + start,
      end: f.offset + end,
      line: line + 1,
      column: start + 1,
      endLine: line + 1,
      endColumn: end + 1,
      fingerprint: print,
      docUrl: docUrlFor(rule),
      ...extra,
    });
  }

  private suppressed(line: number, f: LineFacts): boolean {
    f.suppressed ??= SAME_LINE_MARKER.test(f.text) || (line > 0 && NEXT_LINE_MARKER.test(this.factsText(line - 1)));
    return f.suppressed;
  }
}

/** Distinct names bound to Retrac URLs searched window by window before every line's words are read once instead. */
const HOST_NAMES_BEFORE_INDEX = 8;
const WORD = /[A-Za-z_$][\w$]*/g;
/** Distinct names looked up one by one before all definitions are indexed in one pass. */
const DEF_NAMES_BEFORE_INDEX = 24;

interface RequestKey {
  tok: KeyToken;
  line: number;
  /** Sent as auth (or under a key name): not just any literal on the request's lines. */
  sent: boolean;
  /** Reached through a name the request sends as auth. */
  flow: boolean;
}

function isSentToken(tok: KeyToken): boolean {
  const name = tok.name ?? '';
  return tok.via === 'bearer' || nameSaysRetracKey(name) || isGenericKeyName(name);
}

const KEY_LIKE = /retrac_[A-Za-z0-9]+/g;
const LIST_ITEM = /^\s*- /;
/** A URL to a host other than Retrac's or a local one: a request there is not a Retrac request. */
const OTHER_HOST_URL = /https?:\/\/(?!api\.retrac\.co|localhost|127\.0\.0\.1|\[::1\]|\$|\{)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** Imports and package references name Retrac without sending anything to it. */
const IMPORT_LINE = /^\s*(?:import|from|require|using\s+(?:static\s+)?[\w.]+\s*;|use|include|#include|package|@import|extern|pip|npm|yarn|pnpm|go get|gem|composer|dotnet add|<PackageReference|"@?[\w./-]*retrac[\w./-]*"\s*:\s*"[~^]?\d)/i;
/** Field names that set a client's base URL: the client variable carries the Retrac host. */
const BASE_FIELD = /^(?:base_?ur[li]|baseU(?:RL|rl|ri)|prefix_?url|prefixUrl|host|endpoint|server|api_?url|apiUrl|url)$/i;


/** `BASE = "https://api.retrac.co"`: the name a Retrac URL is bound to, if it is a variable. */
function hostNameOf(s: string): string | undefined {
  const at = s.indexOf('retrac.co');
  let q = at - 1;
  while (q >= 0 && !isQuote(s.charCodeAt(q)) && at - q < 64) q--;
  if (q < 0 || !isQuote(s.charCodeAt(q))) return undefined;
  const named = assignedName(s, q);
  if (!named?.operator) return undefined;
  const name = lastSegment(named.name);
  return name.length >= 2 && /^[A-Za-z_]\w*$/.test(name) ? name : undefined;
}

/** Opens a section: `"retrac": {`, `retrac:`, `[retrac]`, `<Retrac>`, `Retrac = {`. */
function opensSection(s: string): boolean {
  const t = s.trimEnd();
  const c = t.charCodeAt(t.length - 1);
  return c === 123 /* { */ || c === 58 /* : */ || c === 91 /* [ */ || c === 40 /* ( */ || (c === 93 /* ] */ && /^\s*\[/.test(t)) || (c === 62 /* > */ && !t.includes('</'));
}

/** `https://api.retrac.co/items`, `${base}/items`, `'/items'`, `localhost:8443/items`; not `/tmp/items`. */
function isApiPathStart(s: string, at: number): boolean {
  if (at === 0) return true;
  const c = s.charCodeAt(at - 1);
  if (isQuote(c) || isBlank(c) || c === 125 /* } */ || c === 41 /* ) */ || c === 43 /* + */ || (c >= 48 && c <= 57)) return true;
  return at >= 9 && s.slice(at - 9, at).toLowerCase() === 'retrac.co';
}

/** The quoted string around `pos` on a line (single-line strings only). */
function enclosingString(f: LineFacts, pos: number): { start: number; end: number } | undefined {
  const spans = (f.strings ??= quotedStrings(f.text));
  let lo = 0;
  let hi = spans.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid + 1] <= pos) lo = mid + 1;
    else if (spans[2 * mid] > pos) hi = mid - 1;
    else return { start: spans[2 * mid], end: spans[2 * mid + 1] };
  }
  return undefined;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Full scan of a text, sorted; a text without any gate word costs one regex search. */
export function scanWhole(text: string, prep: PreparedOptions): Finding[] {
  prep.gate.lastIndex = 0;
  if (!prep.gate.test(text) && !prep.retracFile) return [];
  const starts = computeLineStarts(text);
  return scanLines(text, starts, prep, 0, starts.length - 1).sort(compareFindings);
}
