// The leak scanner core. Every finding is decided by its own line and at most CONTEXT_LINES lines
// around it (plus the line before that window, for Kubernetes `name:`/`value:` pairs), never by
// the rest of the file: that is what lets the incremental scan rescan only the lines near an edit
// and still equal a full scan. All patterns are linear: literal searches, single-quantifier
// regexes and hand-written loops over char codes.
import { RESTRICTED_PREFIX, redactKey } from '../api/keys';
import { alnumRunEnd, isAlnum, isIdentChar, isImplausibleKeyBody, keyLengths, type KeyLengths } from './keyShape';
import { docUrlFor, fingerprint, ruleById } from './rules';
import { isEnvFileName } from './syntax';
import type { Finding, RuleId, ScanOptions } from './types';

/** Lines either side of a candidate that its rule may read (Bearer context, request extent). */
export const CONTEXT_LINES = 10;
/** Lines either side of an edit whose findings may change: the context plus the line before it. */
export const RESCAN_MARGIN = CONTEXT_LINES + 1;

const PUBLIC_PREFIXES = ['NEXT_PUBLIC_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'REACT_APP_', 'VUE_APP_', 'STORYBOOK_', 'GATSBY_', 'VITE_', 'PUBLIC_'];
const PUBLIC_NAME = /(?<!\w)(?:NEXT_PUBLIC|EXPO_PUBLIC|NUXT_PUBLIC|REACT_APP|VUE_APP|STORYBOOK|GATSBY|VITE|PUBLIC)_\w+/g;
const WORKSPACE_PARAM = /(?<!\w)(?:[wW]orkspace(?:Id|ID|_id)|[pP]roject(?:Slug|_slug))(?!\w)/g;
const HARDCODED_WS = /["'\]]?[ \t]*(?:=>|[:=])[ \t]*["'`]?(ws_[A-Za-z0-9]+)/y;
const SCOPED_PATH = /\/(?:items|tags|locations|inventory\/[A-Za-z]+)(?![\w-]|\.\w)/g;
const INSECURE_URL = /http:\/\/api\.retrac\.co(?![A-Za-z0-9-]|\.[A-Za-z0-9])[^\s"'`<>)\]}]*/gi;
/** What a public name is set from: `${NAME}`, `$NAME`, `process.env.NAME`, `${{ secrets.NAME }}` or an identifier. */
const PUBLIC_VALUE_SOURCE =
  /^["'\]]?[ \t]*[:=][ \t]*(?:["'`]?(\$\{\{[ \t]*secrets\.|\$\{|\$|process\.env\.|import\.meta\.env\.)|(?=[A-Za-z_]))([A-Za-z_]\w*)/;
const CLIENT_CONTEXT =
  /\bRetrac(?:[A-Z]\w*)?(?:::\w+)*(?:\.new)?[ \t]*[({]|\bretrac\.(?:Client|NewClient|new_client|Retrac|client|connect)[ \t]*\(|\bcreateRetrac\w*[ \t]*\(|^[ \t]*(?:\[retrac\]|retrac:)[ \t]*$/;
const NON_BLANK = /\S/;
/** What `mayHaveFindings` looks for in a file's bytes besides env names: see `gate`. */
const GATE_WORDS = ['etrac', 'ETRAC', 'orkspace', 'roject'];
/** Files above this size are searched for gate words without a latin1 copy. */
const BIG_FILE_BYTES = 256 * 1024;
const SAME_LINE_MARKER = /retrac-ignore(?!-next-line)|gitleaks:allow|trufflehog:ignore|pragma: allowlist secret|secretlint-disable-line/;
const NEXT_LINE_MARKER = /retrac-ignore-next-line|secretlint-disable-next-line|pragma: allowlist nextline secret/;
const KEY_WORDS = ['key', 'token', 'secret', 'bearer', 'credential', 'auth'];
const GENERIC_KEY_NAMES = new Set([
  'apikey', 'key', 'token', 'secret', 'accesstoken', 'authtoken', 'apitoken', 'bearertoken', 'bearer', 'auth',
  'authorization', 'secretkey', 'xapikey', 'apisecret', 'accesskey',
]);

/** `retrac` as a word part (`RETRAC_`, `retracApiKey`, `Retrac(`), not in `retracted`/`RETRACE`. */
function isRetracWordAt(s: string, i: number): boolean {
  const next = s.charCodeAt(i + 6);
  const upper = s.charCodeAt(i) === 82 /* R */ && s.charCodeAt(i + 1) === 69 /* E */;
  return upper ? !(next >= 65 && next <= 90) : !(next >= 97 && next <= 122);
}

/** The brand as written in code and docs: `retrac`, `Retrac`, `RETRAC` (not mixed case), as a word part. */
function hasRetracWord(s: string): boolean {
  // Literal searches: several times faster than one regex on the hot path.
  for (let i = s.indexOf('etrac'); i >= 0; i = s.indexOf('etrac', i + 5)) {
    const c = s.charCodeAt(i - 1);
    if ((c === 114 /* r */ || c === 82 /* R */) && isRetracWordAt(s, i - 1)) return true;
  }
  for (let i = s.indexOf('RETRAC'); i >= 0; i = s.indexOf('RETRAC', i + 6)) if (isRetracWordAt(s, i)) return true;
  return false;
}

/** The name says it holds a Retrac key: `RETRAC_API_KEY`, `retracApiKey`, `retrac.api.key`, `X-Retrac-Token`. */
export function nameSaysRetracKey(name: string): boolean {
  if (!hasRetracWord(name)) return false;
  const lower = name.toLowerCase();
  return KEY_WORDS.some((w) => lower.includes(w));
}

export function publicPrefixOf(name: string): string | undefined {
  return PUBLIC_PREFIXES.find((p) => name.startsWith(p));
}

function isGenericKeyName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const bare = (publicPrefixOf(last) ? last.slice(publicPrefixOf(last)!.length) : last).toLowerCase().replace(/[^a-z0-9]/g, '');
  return GENERIC_KEY_NAMES.has(bare);
}

function isEnvLikeName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

type KeyType = 'restricted' | 'full';

interface KeyToken {
  start: number; // offsets into the line
  end: number;
  key: string;
  keyType: KeyType;
  via: 'bare' | 'bearer' | 'assign';
  name?: string;
}

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
  keys?: KeyToken[];
  envRefs?: EnvRef[];
  /** Computed on demand: quoted strings as [start, end) pairs, and whether a marker silences the line. */
  strings?: number[];
  suppressed?: boolean;
}

/** Options turned into what the hot path needs, once per scanner. */
export interface PreparedOptions {
  options: ScanOptions;
  lengths: KeyLengths;
  envFile: boolean;
  /** Env names whose local value is a Retrac key, with the key. */
  keyEnvNames: Map<string, { keyType: KeyType; value: string }>;
  gate: RegExp;
  /** The gate on a file's bytes decoded as latin1 (byte for byte): see `mayHaveFindings`. */
  byteGate: RegExp;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Classifies a value: a plausible restricted or full-access key, or nothing. */
export function classifyKey(value: string, lengths: KeyLengths): KeyType | undefined {
  const restricted = value.startsWith(RESTRICTED_PREFIX);
  const body = restricted ? value.slice(RESTRICTED_PREFIX.length) : value;
  if (body.length < lengths.min || body.length > lengths.max) return undefined;
  if (alnumRunEnd(body, 0, body.length) !== body.length || isImplausibleKeyBody(body)) return undefined;
  return restricted ? 'restricted' : 'full';
}

/** What does not depend on the file: a workspace scan prepares it once for thousands of files. */
export type SharedParts = Pick<PreparedOptions, 'lengths' | 'keyEnvNames' | 'gate' | 'byteGate'>;

export function sharedParts(envValues: ScanOptions['envValues'], lenient: boolean): SharedParts {
  const lengths = keyLengths(lenient);
  const keyEnvNames = new Map<string, { keyType: KeyType; value: string }>();
  for (const [name, raw] of envValues ?? []) {
    const value = raw.trim();
    const keyType = classifyKey(value, lengths);
    if (keyType && /^[A-Za-z_]\w*$/.test(name)) keyEnvNames.set(name, { keyType, value });
  }
  const names = [...keyEnvNames.keys()].map(escapeRegExp);
  // Every rule needs one of these within CONTEXT_LINES of its finding; lines further from all of
  // them are never looked at. `mayHaveFindings` checks the same words on raw bytes.
  const gate = new RegExp(['[rR]etrac', 'RETRAC', '[wW]orkspace(?:Id|ID|_id)', '[pP]roject(?:Slug|_slug)', ...names].join('|'), 'g');
  // Looser than `gate` (`etrac` for `[rR]etrac`, `orkspace` for `[wW]orkspace…`): a few plain
  // alternatives let the regex engine skip ahead through bytes that cannot start a match.
  const byteGate = new RegExp([...GATE_WORDS, ...names].join('|'));
  return { lengths, keyEnvNames, gate, byteGate };
}

export function prepareOptions(options: ScanOptions, shared = sharedParts(options.envValues, !!options.lenient)): PreparedOptions {
  const envFile = isEnvFileName(options.fileName) || options.languageId === 'dotenv';
  return { options, envFile, ...shared };
}

/** Offsets where lines start; `starts[i]` is the first character of line i (0-based). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line of an offset. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Scans lines `from..to` (0-based, inclusive) and returns the findings that start on them. */
export function scanLines(text: string, starts: readonly number[], prep: PreparedOptions, from: number, to: number): Finding[] {
  return new LineScan(text, starts, prep).run(from, to);
}

class LineScan {
  /** Facts of line `l` at index `l - factsBase`: only lines near the scanned range are ever asked for. */
  private facts: (LineFacts | undefined)[] = [];
  private factsBase = 0;
  private readonly last: number;
  private readonly findings: Finding[] = [];

  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
    private readonly prep: PreparedOptions,
  ) {
    this.last = starts.length - 1;
  }

  run(from: number, to: number): Finding[] {
    const { gate } = this.prep;
    const ctxFrom = Math.max(0, from - CONTEXT_LINES);
    const ctxTo = Math.min(this.last, to + CONTEXT_LINES);
    this.factsBase = ctxFrom;
    this.facts = new Array<LineFacts | undefined>(Math.max(0, ctxTo - ctxFrom + 1));
    const base = this.starts[ctxFrom];
    const region = this.text.slice(base, this.lineEnd(ctxTo));
    let activeFrom = -1;
    let activeTo = -2;
    gate.lastIndex = 0;
    for (let m = gate.exec(region); m; m = gate.exec(region)) {
      const line = lineOfOffset(this.starts, base + m.index);
      const a = Math.max(from, line - CONTEXT_LINES);
      const b = Math.min(to, line + CONTEXT_LINES);
      if (a > activeTo + 1) {
        this.scanRange(activeFrom, activeTo);
        activeFrom = a;
      }
      activeTo = Math.max(activeTo, b);
      if (line + 1 > this.last) break;
      gate.lastIndex = this.starts[line + 1] - base; // the rest of this line adds nothing
    }
    this.scanRange(activeFrom, activeTo);
    return this.findings;
  }

  private lineEnd(line: number): number {
    let end = line < this.last ? this.starts[line + 1] - 1 : this.text.length;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  private scanRange(from: number, to: number): void {
    for (let l = from; l <= to; l++) if (l >= 0) this.scanLine(l);
  }

  private factsOf(line: number): LineFacts {
    let f = this.facts[line - this.factsBase];
    if (!f) {
      f = this.computeFacts(line);
      this.facts[line - this.factsBase] = f;
    }
    return f;
  }

  private computeFacts(line: number): LineFacts {
    const offset = this.starts[line];
    const s = this.text.slice(offset, this.lineEnd(line));
    const retracWord = hasRetracWord(s);
    const f: LineFacts = {
      text: s,
      offset,
      blank: !NON_BLANK.test(s),
      retracWord,
      clientContext: retracWord && CLIENT_CONTEXT.test(s),
      workspaceParam: false,
    };
    if (s.includes('orkspace') || s.includes('roject')) {
      WORKSPACE_PARAM.lastIndex = 0;
      f.workspaceParam = WORKSPACE_PARAM.test(s);
    }
    return f;
  }

  /** Key tokens of a line, found on first use: most context lines are only asked for cheap facts. */
  private keysOf(f: LineFacts, line: number): KeyToken[] {
    if (!f.keys) {
      f.keys = [];
      if (f.retracWord) this.findRestrictedKeys(f, f.keys, line);
      this.findFullKeys(f, f.keys, line);
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

  private findRestrictedKeys(f: LineFacts, keys: KeyToken[], line: number): void {
    const s = f.text;
    const { min, max } = this.prep.lengths;
    for (let p = s.indexOf(RESTRICTED_PREFIX); p >= 0; p = s.indexOf(RESTRICTED_PREFIX, p + 1)) {
      if (isIdentChar(s.charCodeAt(p - 1))) continue;
      const bodyStart = p + RESTRICTED_PREFIX.length;
      const end = alnumRunEnd(s, bodyStart, s.length);
      const len = end - bodyStart;
      if (len < min || len > max || !isTokenEnd(s, end)) {
        p = end - 1;
        continue;
      }
      const key = s.slice(p, end);
      if (!isImplausibleKeyBody(key.slice(RESTRICTED_PREFIX.length))) {
        const intro = this.introduction(s, p, line);
        keys.push({ start: p, end, key, keyType: 'restricted', ...intro });
      }
      p = end - 1;
    }
  }

  /** Unprefixed keys are collected only after `Bearer` or as a named value; bare tokens are too ambiguous. */
  private findFullKeys(f: LineFacts, keys: KeyToken[], line: number): void {
    const s = f.text;
    const { min, max } = this.prep.lengths;
    const n = s.length;
    // Every maximal alphanumeric run of at least `min` characters, in order. A run that long
    // covers the character `min - 1` after any point where it may start, so the search probes
    // there and skips `min` characters when that one is not alphanumeric: most text is read once
    // at most, none more than twice. Invariant: no run crosses `i` from the left.
    for (let i = 0; i + min <= n; ) {
      const probe = i + min - 1;
      if (!isAsciiAlnum(s.charCodeAt(probe))) {
        i = probe + 1;
        continue;
      }
      let start = probe;
      while (start > i && isAsciiAlnum(s.charCodeAt(start - 1))) start--;
      let end = probe + 1;
      while (end < n && isAsciiAlnum(s.charCodeAt(end))) end++;
      i = end + 1; // s[end] is not alphanumeric
      if (end - start < min || end - start > max || !isTokenStart(s, start) || !isTokenEnd(s, end)) continue;
      const key = s.slice(start, end);
      if (isImplausibleKeyBody(key)) continue;
      const intro = this.introduction(s, start, line);
      if (intro.via === 'bare') continue;
      keys.push({ start, end, key, keyType: 'full', ...intro });
    }
  }

  /** How a token is introduced: after `Bearer`, as the value of a name, or bare. */
  private introduction(s: string, start: number, line: number): { via: KeyToken['via']; name?: string } {
    const valueStart = start > 0 && isQuote(s.charCodeAt(start - 1)) ? start - 1 : start;
    let j = valueStart;
    while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--;
    if (j < valueStart && j >= 6 && s.slice(j - 6, j).toLowerCase() === 'bearer' && !isAlnum(s.charCodeAt(j - 7))) {
      return { via: 'bearer' };
    }
    const name = assignedName(s, valueStart);
    if (name === undefined) return { via: 'bare' };
    // `AuthenticationHeaderValue("Bearer", "…")`
    if (name.name.toLowerCase() === 'bearer') return { via: 'bearer' };
    if (name.name === 'value' && line > 0) {
      // Kubernetes `- name: RETRAC_API_KEY` / `value: …` pairs.
      const prev = /^\s*-?\s*name:\s*["']?([\w.-]+)/.exec(this.factsText(line - 1));
      if (prev) return { via: 'assign', name: prev[1] };
    }
    if (!name.operator && !nameSaysRetracKey(name.name)) return { via: 'bare' };
    return { via: 'assign', name: name.name };
  }

  /** Line text without computing the facts of a line outside the scanned context. */
  private factsText(line: number): string {
    return this.facts[line - this.factsBase]?.text ?? this.text.slice(this.starts[line], this.lineEnd(line));
  }

  private windowSome(line: number, pred: (f: LineFacts) => boolean): boolean {
    const a = Math.max(0, line - CONTEXT_LINES);
    const b = Math.min(this.last, line + CONTEXT_LINES);
    for (let l = a; l <= b; l++) if (pred(this.factsOf(l))) return true;
    return false;
  }

  /** The lines of the request around a line: up to CONTEXT_LINES either side, stopping at blank lines. */
  private requestWindow(line: number): { from: number; to: number } {
    let from = line;
    while (from > Math.max(0, line - CONTEXT_LINES) && !this.factsOf(from - 1).blank) from--;
    let to = line;
    while (to < Math.min(this.last, line + CONTEXT_LINES) && !this.factsOf(to + 1).blank) to++;
    return { from, to };
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

  private fullKeyHasContext(tok: KeyToken, line: number): boolean {
    if (tok.via === 'bearer') return this.windowSome(line, (w) => w.retracWord);
    const name = tok.name ?? '';
    if (nameSaysRetracKey(name)) return true;
    if (!isGenericKeyName(name)) return false;
    if (this.windowSome(line, (w) => w.clientContext)) return true;
    return this.prep.envFile && this.windowSome(line, (w) => w.retracWord);
  }

  private emitKey(f: LineFacts, line: number, tok: KeyToken): void {
    const { options, envFile } = this.prep;
    const redacted = redactKey(tok.key);
    // `process.env.VITE_KEY = …` assigns the public name too.
    const bareName = tok.name?.slice(tok.name.lastIndexOf('.') + 1);
    const publicPrefix = bareName ? publicPrefixOf(bareName) : undefined;
    const literal = enclosingString(f, tok.start);
    const extra: Partial<Finding> = { keyType: tok.keyType };
    if (literal) {
      extra.literalStart = f.offset + literal.start;
      extra.literalEnd = f.offset + literal.end;
    }
    const kind = tok.keyType === 'restricted' ? 'restricted' : 'full-access';
    if (publicPrefix && bareName) {
      extra.envName = bareName;
      this.emit(line, f, tok.start, tok.end, 'retrac/client-exposed-key', tok.key,
        `${bareName} holds a ${kind} Retrac key (${redacted}), and bundlers inline ${publicPrefix}* variables into browser code where anyone can read them. Keep the key server-side under a name without ${publicPrefix} and revoke this one.`,
        extra);
      return;
    }
    if (envFile && options.gitIgnored) return;
    extra.envName = tok.name && isEnvLikeName(tok.name) ? tok.name : 'RETRAC_API_KEY';
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
    const { from, to } = this.requestWindow(line);
    let restricted: string | undefined;
    let restrictedEnv: string | undefined;
    for (let l = from; l <= to; l++) {
      const w = this.factsOf(l);
      const k = this.keysOf(w, l).find((t) => t.keyType === 'restricted');
      if (k) restricted ??= k.key;
      const r = this.envRefsOf(w).find((e) => e.keyType === 'restricted');
      if (r) restrictedEnv ??= r.name;
    }
    WORKSPACE_PARAM.lastIndex = 0;
    for (let m = WORKSPACE_PARAM.exec(s); m; m = WORKSPACE_PARAM.exec(s)) {
      const param = m[0];
      const end = m.index + param.length;
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
    const { from, to } = this.requestWindow(line);
    let retrac = false;
    for (let l = from; l <= to; l++) {
      const w = this.factsOf(l);
      if (w.workspaceParam) return;
      retrac ||= w.retracWord;
    }
    if (!retrac) return;
    let full: string | undefined;
    let fullEnv: string | undefined;
    for (let l = from; l <= to; l++) {
      const w = this.factsOf(l);
      const k = this.keysOf(w, l).find((t) => t.keyType === 'full' && (t.via === 'bearer' || nameSaysRetracKey(t.name ?? '') || isGenericKeyName(t.name ?? '')));
      if (k) full ??= k.key;
      const r = this.envRefsOf(w).find((e) => e.keyType === 'full');
      if (r) fullEnv ??= r.name;
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

/** `https://api.retrac.co/items`, `${base}/items`, `'/items'`, `localhost:8443/items`; not `/tmp/items`. */
function isApiPathStart(s: string, at: number): boolean {
  if (at === 0) return true;
  const c = s.charCodeAt(at - 1);
  if (isQuote(c) || isBlank(c) || c === 125 /* } */ || c === 41 /* ) */ || c === 43 /* + */ || (c >= 48 && c <= 57)) return true;
  return at >= 9 && s.slice(at - 9, at).toLowerCase() === 'retrac.co';
}

/** `isAlnum` without the table: this module's hottest loop calls it. */
function isAsciiAlnum(code: number): boolean {
  const lower = code | 32;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122);
}

function isWordChar(code: number): boolean {
  return isAlnum(code) || code === 95;
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39 || code === 96;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** A token may not continue an identifier, a path, a base64 string or a domain name. */
function isTokenStart(s: string, start: number): boolean {
  const c = s.charCodeAt(start - 1);
  if (Number.isNaN(c)) return true;
  return !isIdentChar(c) && c !== 45 /* - */ && c !== 46 /* . */ && c !== 47 /* / */ && c !== 92 /* \ */ && c !== 64 /* @ */ && c !== 43 /* + */ && c !== 37 /* % */ && c !== 35 /* # */;
}

function isTokenEnd(s: string, end: number): boolean {
  const c = s.charCodeAt(end);
  if (Number.isNaN(c)) return true;
  if (isIdentChar(c) || c === 42 /* * */ || c === 0x2026 /* … */ || c === 47 /* / */ || c === 43 /* + */ || c === 64 /* @ */ || c === 37 /* % */) return false;
  if (c === 45 /* - */ || c === 46 /* . */) return !isAlnum(s.charCodeAt(end + 1));
  return c !== 61; // `=` after an alphanumeric run is base64 padding

}

/**
 * The name a value at `valueStart` is assigned to, reading backwards over an operator
 * (`=`, `:`, `:=`, `?=`, `=>`, `,` as in `setenv("NAME", "…")`) or plain blanks (`ENV NAME value`).
 */
function assignedName(s: string, valueStart: number): { name: string; operator: boolean } | undefined {
  let j = valueStart;
  while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--;
  const blanks = j < valueStart;
  let operator = false;
  let equals = false;
  if (s.charCodeAt(j - 1) === 62 /* > */ && s.charCodeAt(j - 2) === 61 /* = */) {
    j -= 2;
    operator = true;
  } else {
    const c = s.charCodeAt(j - 1);
    if (c === 61 || c === 58 || c === 44) {
      j--;
      operator = true;
      equals = c === 61;
      for (let k = 0; k < 2 && /[:?+=]/.test(s.charAt(j - 1)); k++) j--;
    }
  }
  if (!operator && !blanks) return undefined;
  while (j > 0 && isBlank(s.charCodeAt(j - 1))) j--;
  if (s.charCodeAt(j - 1) === 93 /* ] */) j--;
  if (j > 0 && isQuote(s.charCodeAt(j - 1))) j--;
  let end = j;
  while (j > 0 && /[\w.$-]/.test(s.charAt(j - 1))) j--;
  // A type annotation (`NAME: string =`, `NAME: &str =`): the name stands before the colon.
  if (equals && !nameSaysRetracKey(s.slice(j, end))) {
    let k = j;
    while (k > 0 && (isBlank(s.charCodeAt(k - 1)) || s.charCodeAt(k - 1) === 38 /* & */)) k--;
    if (k < j && s.charCodeAt(k - 1) === 58 && s.charCodeAt(k - 2) !== 58) {
      k--;
      while (k > 0 && isBlank(s.charCodeAt(k - 1))) k--;
      end = k;
      while (k > 0 && /[\w.$-]/.test(s.charAt(k - 1))) k--;
      if (k < end) j = k;
      else end = j;
    }
  }
  const name = s.slice(j, end).replace(/^[$-]+/, '');
  if (!name || !/[A-Za-z]/.test(name)) return undefined;
  return { name, operator };
}

/** Quoted strings of a line as [start, end) pairs, quotes included; an unclosed quote ends the list. */
function quotedStrings(s: string): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isQuote(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) !== c) j += s.charCodeAt(j) === 92 ? 2 : 1;
    if (j >= s.length) break;
    out.push(i, j + 1);
    i = j + 1;
  }
  return out;
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

/**
 * False when a file's bytes hold none of the gate words, so it cannot have a finding and need
 * not be decoded (`etrac`/`ETRAC` cover the brand, `orkspace`/`roject` the parameters).
 */
export function mayHaveFindings(bytes: Buffer, shared: SharedParts): boolean {
  // Small files (most of a tree): one regex over a latin1 copy (one char per byte, so the same
  // matches as a byte search) is about twice as fast as one Buffer.indexOf per word. Big files:
  // no copy, and a word is usually found early.
  if (bytes.length <= BIG_FILE_BYTES) return shared.byteGate.test(bytes.toString('latin1'));
  for (const word of GATE_WORDS) if (bytes.indexOf(word) >= 0) return true;
  for (const name of shared.keyEnvNames.keys()) if (bytes.indexOf(name) >= 0) return true;
  return false;
}

/** Full scan of a text, sorted; a text without any gate word costs one regex search. */
export function scanWhole(text: string, prep: PreparedOptions): Finding[] {
  prep.gate.lastIndex = 0;
  if (!prep.gate.test(text)) return [];
  const starts = computeLineStarts(text);
  return scanLines(text, starts, prep, 0, starts.length - 1).sort(compareFindings);
}
