// Localisation the VS Code way: every user-visible runtime string goes through vscode.l10n.t and is
// in l10n/bundle.l10n.json (produced by @vscode/l10n-dev via `npm run l10n`), and every manifest
// string is a %key% of package.nls.json. A raw literal where a user reads it fails here.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';

/**
 * What l10n.mjs extracts now, from a child process: esbuild turns `import()` in the tests into
 * require(), which cannot load an ES module with top-level await.
 */
function extractedBundle(root: string): { fresh: string; bundlePath: string } {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(root, 'l10n.mjs')).href)}); process.stdout.write(JSON.stringify({ fresh: await m.buildBundle(), bundlePath: m.BUNDLE }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { fresh: string; bundlePath: string };
}
import * as path from 'path';
import { pathToFileURL } from 'url';

const root = path.resolve(__dirname, '../../..');
const PURE = /^src[\\/](api|sandbox|scan)[\\/]/;

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (fs.statSync(path.join(root, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith('.ts') && !PURE.test(rel)) out.push(rel);
  }
  return out;
}

/** A string literal starting at `i` (its quote): the text outside `${…}` (marked \0), and where it ends. */
function readLiteral(src: string, i: number): { text: string; end: number } {
  const q = src[i];
  let out = '';
  for (i++; i < src.length;) {
    const c = src[i];
    if (c === '\\') {
      out += src[i + 1] ?? '';
      i += 2;
    } else if (c === q) {
      return { text: out, end: i + 1 };
    } else if (q === '`' && c === '$' && src[i + 1] === '{') {
      i = skipInterpolation(src, i + 2);
      out += '\0';
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, end: i };
}

function skipInterpolation(src: string, i: number): number {
  for (let depth = 1; i < src.length;) {
    const c = src[i];
    if (c === "'" || c === '"' || c === '`') i = readLiteral(src, i).end;
    else {
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i + 1;
      i++;
    }
  }
  return i;
}

/** Whether a literal's own text has words (codicons `$(name)` and identifier prefixes like `transfer-${id}` are not words). */
function hasWords(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\$\([a-z-]+\)/g, '').replace(/[A-Za-z]+[-_]\0/g, ''));
}

/** The literal right after each match of `sink` (which ends where the literal's quote starts). */
function literalsAfter(src: string, sink: RegExp): { text: string; index: number; snippet: string }[] {
  return [...src.matchAll(sink)].map((m) => {
    const at = m.index + m[0].length;
    const lit = readLiteral(src, at);
    return { text: lit.text, index: m.index, snippet: src.slice(m.index, lit.end).slice(0, 90) };
  });
}

/** The places a user reads a string: messages, quick input titles, prompts and labels, tree texts, chart labels. */
const SINKS: RegExp[] = [
  /window\.show(?:Information|Warning|Error)Message\(\s*(?=['"`])/g,
  /(?<![-\w])(?:title|placeholder|placeHolder|prompt|label)\s*[:=]\s*(?=['"`])/g,
  /\.(?:tooltip|description|message|validationMessage)\s*=\s*(?=['"`])/g,
  /new vscode\.(?:TreeItem|CodeAction)\(\s*(?=['"`])/g,
  /aria-label="\$\{escapeXml\((?=['"`])/g,
];

describe('l10n', () => {
  it('no user-visible string in the VS Code shell bypasses vscode.l10n.t', () => {
    const offenders: string[] = [];
    for (const file of tsFiles('src')) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const sink of SINKS) {
        for (const lit of literalsAfter(text, sink)) {
          if (hasWords(lit.text)) offenders.push(`${file}:${text.slice(0, lit.index).split('\n').length}: ${lit.snippet}`);
        }
      }
    }
    assert.deepStrictEqual(offenders, [], 'wrap these in vscode.l10n.t (or t) so they reach the bundle');
  });

  it('the check itself catches a raw message, a raw quick pick label and a raw tree label', () => {
    const samples = [
      "void vscode.window.showErrorMessage('Cannot load the chart');",
      "const pick = { label: 'Any location', id: undefined };",
      "const node = new vscode.TreeItem(`Items ${n}`);",
    ];
    const flagged = (src: string) => SINKS.some((r) => literalsAfter(src, r).some((l) => hasWords(l.text)));
    for (const s of samples) assert.ok(flagged(s), s);
    for (const ok of ["{ label: `$(check) ${t('Yes')}` }", "vscode.window.showErrorMessage(t('Cannot {0}', x))", "{ label: `${a} → ${b ? `${t('x')}` : ''}` }", 'title: `transfer-${id}`']) {
      assert.ok(!flagged(ok), ok);
    }
  });

  it('l10n/bundle.l10n.json is what @vscode/l10n-dev extracts from the sources now (run `npm run l10n`)', function () {
    this.timeout(60_000);
    const { fresh, bundlePath } = extractedBundle(root);
    const committed = fs.readFileSync(bundlePath, 'utf8');
    const a = Object.keys(JSON.parse(fresh) as object);
    const b = new Set(Object.keys(JSON.parse(committed) as object));
    assert.deepStrictEqual(a.filter((k) => !b.has(k)), [], 'strings missing from the bundle');
    assert.strictEqual(committed, fresh);
    for (const k of ['Reveal in Retrac Explorer', 'On hand: {0}', 'Show Stock History', 'Filter items']) assert.ok(b.has(k), k);
  });

  it('package.json: every user-visible manifest string is a %key% that package.nls.json defines', () => {
    const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const raw: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${where}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
          const at = `${where}.${k}`;
          if (typeof v === 'string' && /^(title|description|markdownDescription|patternErrorMessage|name|label|contents|altText|contextualTitle|enumDescriptions)$/.test(k)) {
            if (!/^%[\w.-]+%$/.test(v)) raw.push(`${at}: ${v.slice(0, 60)}`);
          } else visit(v, at);
        }
      }
    };
    visit(manifest.contributes, 'contributes');
    visit(manifest.capabilities, 'capabilities');
    for (const k of ['displayName', 'description']) if (!/^%[\w.-]+%$/.test(String(manifest[k]))) raw.push(`${k}: ${String(manifest[k])}`);
    assert.deepStrictEqual(raw, [], 'put these in package.nls.json and reference them as %key% (`npm run l10n -- --nls` does it)');
    const used = [...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 50, `${used.length} keys used`);
    assert.deepStrictEqual(used.filter((k) => !(k in nls)), [], 'keys missing from package.nls.json');
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !used.includes(k)), [], 'unused keys in package.nls.json');
  });
});
