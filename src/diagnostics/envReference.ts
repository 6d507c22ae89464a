// How each language reads an environment variable, and the text edits that put such a read where a
// key literal or a hard-coded workspace was. Pure string work on one line or literal: no vscode.

export type EnvSyntax = 'js' | 'python' | 'go' | 'ruby' | 'java' | 'csharp' | 'php' | 'shell' | 'actions' | 'template';

const BY_LANGUAGE: Record<string, EnvSyntax> = {
  javascript: 'js', typescript: 'js', javascriptreact: 'js', typescriptreact: 'js', vue: 'js', svelte: 'js', astro: 'js',
  python: 'python', go: 'go', ruby: 'ruby', java: 'java', kotlin: 'java', csharp: 'csharp', php: 'php',
  shellscript: 'shell', dockerfile: 'shell', makefile: 'shell', powershell: 'shell',
  'github-actions-workflow': 'actions',
  // `${NAME}` is what docker compose, most YAML tools and curl examples in docs expect.
  yaml: 'template', dockercompose: 'template', markdown: 'template', plaintext: 'template', http: 'template',
};

export function envSyntaxFor(languageId: string, path: string): EnvSyntax | undefined {
  if (/\/\.github\/workflows\/[^/]+\.ya?ml$/i.test(path) || /\/action\.ya?ml$/i.test(path)) return 'actions';
  return BY_LANGUAGE[languageId];
}

/** The expression that reads `name` from the environment. `secretKind` picks `secrets` or `vars` in GitHub Actions. */
export function envExpression(syntax: EnvSyntax, name: string, secretKind: 'secrets' | 'vars' = 'secrets'): string {
  switch (syntax) {
    case 'js':
      return `process.env.${name}`;
    case 'python':
      return `os.environ["${name}"]`;
    case 'go':
      return `os.Getenv("${name}")`;
    case 'ruby':
      return `ENV["${name}"]`;
    case 'java':
      return `System.getenv("${name}")`;
    case 'csharp':
      return `Environment.GetEnvironmentVariable("${name}")`;
    case 'php':
      return `getenv('${name}')`;
    case 'actions':
      return `\${{ ${secretKind}.${name} }}`;
    case 'shell':
    case 'template':
      return `\${${name}}`;
  }
}

/** A string literal as written: quote, optional prefix (`f`, `@`, `$`), inner text. */
interface Literal {
  prefix: string;
  quote: string;
  inner: string;
}

function parseLiteral(text: string): Literal | undefined {
  const m = /^([A-Za-z@$]{0,2})(["'`])([\s\S]*)\2$/.exec(text);
  return m ? { prefix: m[1], quote: m[2], inner: m[3] } : undefined;
}

/** Joins string pieces and an expression with the language's concatenation operator. */
function concat(syntax: EnvSyntax, lit: Literal, before: string, expr: string, after: string): string {
  const op = syntax === 'php' ? ' . ' : ' + ';
  const parts: string[] = [];
  if (before) parts.push(lit.prefix + lit.quote + before + lit.quote);
  parts.push(expr);
  if (after) parts.push(lit.prefix + lit.quote + after + lit.quote);
  return parts.join(op);
}

function escapeForTemplate(s: string): string {
  return s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function escapeForDoubleQuotes(s: string): string {
  return s.replace(/[\\"$`]/g, (c) => '\\' + c);
}

/**
 * New text for a string literal (`literalText`, quotes included) in which the characters
 * [at, at + length) are replaced by a read of the environment. `expr` is `envExpression(...)`.
 * Undefined when the literal's form is not understood.
 */
export function rewriteLiteral(syntax: EnvSyntax, literalText: string, at: number, length: number, expr: string): string | undefined {
  const lit = parseLiteral(literalText);
  if (!lit) return undefined;
  const innerAt = at - lit.prefix.length - 1;
  if (innerAt < 0 || innerAt + length > lit.inner.length) return undefined;
  const before = lit.inner.slice(0, innerAt);
  const after = lit.inner.slice(innerAt + length);
  const whole = before === '' && after === '';
  switch (syntax) {
    case 'js':
      if (whole) return expr;
      if (lit.quote === '`') return '`' + before + '${' + expr + '}' + after + '`';
      return '`' + escapeForTemplate(before) + '${' + expr + '}' + escapeForTemplate(after) + '`';
    case 'python': {
      if (whole) return expr;
      // Inside an f-string the expression must not reuse the literal's quote (before Python 3.12).
      const inner = lit.quote === '"' ? expr.replace(/"/g, "'") : expr;
      if (/f/i.test(lit.prefix)) return lit.prefix + lit.quote + before + '{' + inner + '}' + after + lit.quote;
      if (/[rb]/i.test(lit.prefix)) return concat(syntax, lit, before, expr, after);
      const braces = (s: string): string => s.replace(/[{}]/g, (c) => c + c);
      return 'f' + lit.prefix + lit.quote + braces(before) + '{' + inner + '}' + braces(after) + lit.quote;
    }
    case 'ruby':
      if (whole) return expr;
      if (lit.quote === '"') return '"' + before + '#{' + expr + '}' + after + '"';
      return concat(syntax, lit, before, expr, after);
    case 'shell':
      // `${NAME}` expands only outside single quotes.
      if (lit.quote === "'") return '"' + escapeForDoubleQuotes(before) + expr + escapeForDoubleQuotes(after) + '"';
      return lit.quote + before + expr + after + lit.quote;
    case 'actions':
    case 'template':
      return lit.prefix + lit.quote + before + expr + after + lit.quote;
    default:
      return whole ? expr : concat(syntax, lit, before, expr, after);
  }
}

/** True when code in this syntax may need an import for `envExpression`. */
export function importFor(syntax: EnvSyntax, text: string): { line: number; text: string } | undefined {
  const lines = text.split('\n');
  if (syntax === 'python') {
    if (/^\s*import\s+(?:[\w.]+\s*,\s*)*os\s*(?:,|#|$)/m.test(text)) return undefined;
    const first = lines.findIndex((l) => /^(?:import|from)\s/.test(l));
    if (first >= 0) return { line: first, text: 'import os\n' };
    let line = 0;
    while (line < lines.length && /^#/.test(lines[line])) line++; // shebang, encoding
    return { line, text: 'import os\n' };
  }
  if (syntax === 'go') {
    if (/^\s*(?:import\s+)?(?:\w+\s+)?"os"\s*$/m.test(text)) return undefined;
    const block = lines.findIndex((l) => /^import\s*\(\s*$/.test(l));
    if (block >= 0) return { line: block + 1, text: '\t"os"\n' };
    const single = lines.findIndex((l) => /^import\s+"/.test(l));
    if (single >= 0) return { line: single, text: 'import "os"\n' };
    const pkg = lines.findIndex((l) => /^package\s+\w+/.test(l));
    if (pkg >= 0) return { line: pkg + 1, text: '\nimport "os"\n' };
  }
  return undefined;
}

function valueEnd(line: string, from: number, stopAt: string): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && stopAt.includes(c)) return i;
  }
  return line.length;
}

/**
 * The part of a line to delete so that the parameter named at [start, end) is gone: a query
 * parameter (`?workspaceId=…&`), an object or dict entry (`"workspaceId": x,`), a keyword argument
 * (`workspaceId=x,`). Returns [from, to) in line offsets, or undefined when the form is unknown.
 */
export function parameterRemoval(line: string, start: number, end: number): [number, number] | undefined {
  const prev = line[start - 1];
  // Query string: ?workspaceId=value&… / &workspaceId=value
  if ((prev === '?' || prev === '&') && line[end] === '=') {
    let to = end + 1;
    while (to < line.length && !/[&#"'`\s)\]]/.test(line[to])) {
      if (line[to] === '$' && line[to + 1] === '{') to = Math.max(to + 1, line.indexOf('}', to)) + 1;
      else to++;
    }
    if (line[to] === '&') return prev === '?' ? [start, to + 1] : [start - 1, to];
    return [start - 1, to];
  }
  // Object / dict / keyword entry: ["']name["'] (:|=|=>) value
  let from = start;
  let after = end;
  if (/["']/.test(line[from - 1] ?? '') && line[after] === line[from - 1]) {
    from--;
    after++;
  }
  const op = /^\s*(?:=>|:|=)\s*/.exec(line.slice(after));
  if (!op) return undefined;
  const valueStart = after + op[0].length;
  let to = valueEnd(line, valueStart, ',;');
  while (to > valueStart && /\s/.test(line[to - 1])) to--;
  if (to === valueStart) return undefined; // no value
  const trailing = /^\s*,[ \t]*/.exec(line.slice(to));
  if (trailing) to += trailing[0].length;
  else {
    const leading = /,\s*$/.exec(line.slice(0, from));
    if (leading) from -= leading[0].length;
  }
  return [from, to];
}

/** The quoted string around `pos` on a line, with a string prefix (`f`, `@`, `$`) if any: [start, end). */
export function enclosingLiteral(line: string, pos: number): [number, number] | undefined {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c !== '"' && c !== "'" && c !== '`') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
    if (j >= line.length) return undefined;
    if (pos > i && pos < j + 1) {
      let start = i;
      while (start > 0 && start > i - 2 && /[A-Za-z@$]/.test(line[start - 1]) && !/\w/.test(line[start - 2] ?? ' ')) start--;
      return [start, j + 1];
    }
    i = j + 1;
  }
  return undefined;
}

/**
 * New text for a literal holding a URL path that ends at `at` (literal offsets): the same URL
 * with `workspaceId` read from the environment as its first query parameter.
 */
export function addWorkspaceParameter(syntax: EnvSyntax, literalText: string, at: number, name: string): string | undefined {
  const expr = envExpression(syntax, name, 'vars');
  const hasQuery = literalText[at] === '?';
  const head = literalText.slice(0, hasQuery ? at + 1 : at) + (hasQuery ? 'workspaceId=' : '?workspaceId=');
  const tail = (hasQuery ? '&' : '') + literalText.slice(hasQuery ? at + 1 : at);
  return rewriteLiteral(syntax, head + tail, head.length, 0, expr);
}
