// File-name helpers shared by the scanner, the editor quick fixes, the worker and the CLI. Pure.

/** Base name of a path with either separator. */
export function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return i >= 0 ? fileName.slice(i + 1) : fileName;
}

/**
 * `.env`, `.env.local`, `.env.production.local`, `.envrc`, and `name.env` (docker `env_file`s):
 * files that hold environment values and that git usually ignores.
 */
export function isEnvFileName(fileName: string): boolean {
  const base = baseName(fileName).toLowerCase();
  return base.startsWith('.env') || (base.endsWith('.env') && base.length > 4);
}

/**
 * Parses dotenv syntax: `[export ]NAME=value`, single quotes (literal), double quotes (escapes,
 * may span lines), unquoted values with ` #` comments. Later assignments win, as with dotenv.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s?(.*)$/.exec(lines[i]);
    if (!m) continue;
    const name = m[1];
    let raw = m[2].trim();
    const quote = raw[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      let body = raw.slice(1);
      let close = findClosingQuote(body, quote);
      // A double-quoted value may continue on the next lines.
      while (close < 0 && quote !== "'" && i + 1 < lines.length) {
        body += '\n' + lines[++i];
        close = findClosingQuote(body, quote);
      }
      raw = close < 0 ? body : body.slice(0, close);
      if (quote === '"') raw = raw.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
    } else {
      const hash = raw.search(/\s#/);
      if (hash >= 0) raw = raw.slice(0, hash);
      raw = raw.trim();
    }
    values.set(name, raw);
  }
  return values;
}

/** Env files that document names for others to fill in (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`). */
const TEMPLATE_ENV_FILE = /^\.env(?:\.[\w-]+)*\.(?:example|sample|template|dist|tpl)$|^(?:example|sample|template)\.env$/i;

/**
 * The env values of several env files, in the order given (a later file wins, as files loaded
 * later do). An empty value sets nothing, and a template file's values count only for names no
 * other file sets: `RETRAC_API_KEY=` in `.env.example` must not hide the key `.env` holds.
 */
export function mergeEnvFiles(files: Iterable<readonly [fileName: string, text: string]>): Map<string, string> {
  const merged = new Map<string, string>();
  const fromTemplates = new Map<string, string>();
  for (const [fileName, text] of files) {
    const into = TEMPLATE_ENV_FILE.test(baseName(fileName)) ? fromTemplates : merged;
    for (const [name, value] of parseEnvFile(text)) if (value !== '') into.set(name, value);
  }
  for (const [name, value] of fromTemplates) if (!merged.has(name)) merged.set(name, value);
  return merged;
}

function findClosingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote !== "'") i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}

/** How to write a comment in a file: `start` text, and `end` for block-only syntaxes (HTML, CSS). */
export interface CommentSyntax {
  start: string;
  end?: string;
}

const SLASHES: CommentSyntax = { start: '//' };
const HASH: CommentSyntax = { start: '#' };
const DASHES: CommentSyntax = { start: '--' };
const SEMICOLON: CommentSyntax = { start: ';' };
const PERCENT: CommentSyntax = { start: '%' };
const HTML: CommentSyntax = { start: '<!--', end: '-->' };
const CSS: CommentSyntax = { start: '/*', end: '*/' };

const BY_LANGUAGE: Record<string, CommentSyntax> = {
  javascript: SLASHES, javascriptreact: SLASHES, typescript: SLASHES, typescriptreact: SLASHES, jsonc: SLASHES,
  json5: SLASHES, go: SLASHES, java: SLASHES, csharp: SLASHES, c: SLASHES, cpp: SLASHES, rust: SLASHES, swift: SLASHES,
  kotlin: SLASHES, scala: SLASHES, dart: SLASHES, php: SLASHES, groovy: SLASHES, 'objective-c': SLASHES, fsharp: SLASHES,
  less: SLASHES, scss: SLASHES, svelte: HTML, vue: HTML, terraform: HASH, hcl: HASH, proto: SLASHES, zig: SLASHES,
  python: HASH, ruby: HASH, shellscript: HASH, yaml: HASH, 'github-actions-workflow': HASH, dockercompose: HASH,
  toml: HASH, dotenv: HASH, properties: HASH, makefile: HASH, dockerfile: HASH, perl: HASH, r: HASH,
  powershell: HASH, elixir: HASH, coffeescript: HASH, ignore: HASH, julia: HASH, nix: HASH, nginx: HASH, http: HASH,
  sql: DASHES, lua: DASHES, haskell: DASHES, ini: SEMICOLON, clojure: SEMICOLON, lisp: SEMICOLON,
  latex: PERCENT, tex: PERCENT, erlang: PERCENT, matlab: PERCENT, vb: { start: "'" }, bat: { start: 'REM' },
  html: HTML, xml: HTML, markdown: HTML, mdx: HTML, svg: HTML, razor: HTML, css: CSS,
};

const BY_EXTENSION: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact', ts: 'typescript', mts: 'typescript',
  cts: 'typescript', tsx: 'typescriptreact', jsonc: 'jsonc', json5: 'json5', go: 'go', java: 'java', cs: 'csharp',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', rs: 'rust', swift: 'swift', kt: 'kotlin', kts: 'kotlin',
  scala: 'scala', dart: 'dart', php: 'php', groovy: 'groovy', gradle: 'groovy', m: 'objective-c', fs: 'fsharp',
  less: 'less', scss: 'scss', svelte: 'svelte', vue: 'vue', tf: 'terraform', hcl: 'hcl', proto: 'proto', zig: 'zig',
  py: 'python', rb: 'ruby', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', yml: 'yaml', yaml: 'yaml',
  toml: 'toml', env: 'dotenv', properties: 'properties', mk: 'makefile', pl: 'perl', r: 'r', ps1: 'powershell',
  ex: 'elixir', exs: 'elixir', coffee: 'coffeescript', jl: 'julia', nix: 'nix', conf: 'nginx', http: 'http', rest: 'http',
  sql: 'sql', lua: 'lua', hs: 'haskell', ini: 'ini', cfg: 'ini', clj: 'clojure', lisp: 'lisp', tex: 'latex',
  erl: 'erlang', vb: 'vb', bat: 'bat', cmd: 'bat', html: 'html', htm: 'html', xml: 'xml', md: 'markdown',
  markdown: 'markdown', mdx: 'mdx', svg: 'svg', cshtml: 'razor', css: 'css', json: 'json',
  // A HAR recording is JSON (its entries are data, each request its own object).
  har: 'json',
};

const BY_BASENAME: Record<string, string> = {
  makefile: 'makefile', gnumakefile: 'makefile', dockerfile: 'dockerfile', containerfile: 'dockerfile',
  gemfile: 'ruby', rakefile: 'ruby', procfile: 'shellscript', '.gitignore': 'ignore', '.dockerignore': 'ignore',
  '.npmrc': 'ini', '.editorconfig': 'ini', jenkinsfile: 'groovy', vagrantfile: 'ruby',
  // Shell histories and start-up files are shell: each line its own command, not one paragraph.
  '.bash_history': 'shellscript', '.zsh_history': 'shellscript', '.sh_history': 'shellscript', '.histfile': 'shellscript',
  '.bashrc': 'shellscript', '.bash_profile': 'shellscript', '.zshrc': 'shellscript', '.zprofile': 'shellscript',
  '.profile': 'shellscript', '.envrc': 'shellscript',
};

/** VS Code language id for a file name (best effort; `plaintext` when unknown). */
export function languageIdFor(fileName: string): string {
  const base = baseName(fileName).toLowerCase();
  if (isEnvFileName(base)) return 'dotenv';
  if (BY_BASENAME[base]) return BY_BASENAME[base];
  if (base.startsWith('dockerfile')) return 'dockerfile';
  const dot = base.lastIndexOf('.');
  return dot >= 0 ? BY_EXTENSION[base.slice(dot + 1)] ?? 'plaintext' : 'plaintext';
}

/**
 * Comment syntax for a language id or a file name, for quick fixes that add `retrac-ignore`.
 * Undefined for formats without comments (JSON, plain text).
 */
export function lineCommentFor(fileNameOrLanguageId: string): CommentSyntax | undefined {
  const direct = BY_LANGUAGE[fileNameOrLanguageId];
  if (direct) return direct;
  return BY_LANGUAGE[languageIdFor(fileNameOrLanguageId)];
}
