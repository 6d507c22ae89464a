// Writes l10n/bundle.l10n.json (the runtime strings of vscode.l10n.t) with @vscode/l10n-dev.
//
//   npm run l10n            # after adding or changing a user-visible string
//
// Our files call `t('…')` through `const t = vscode.l10n.t;`. The extractor only sees calls
// written `vscode.l10n.t(…)` / `l10n.t(…)`, so each such file's aliased calls are shown to it in
// that form (in memory; the sources are not changed). The unit test l10n.test.ts fails when the
// committed bundle differs from what this produces, or when a string bypasses l10n.
import { getL10nJson } from '@vscode/l10n-dev';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
export const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');
/** The pure core has no vscode import (its texts are English error details, see the README). */
const PURE = /^src[\\/](api|sandbox|scan)[\\/]/;

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !PURE.test(rel)) out.push(rel);
  }
  return out;
}

/** The source as the extractor should read it: aliased `t(` calls spelled `vscode.l10n.t(`. */
export function asExtractable(contents) {
  if (!/\bconst t = vscode\.l10n\.t;/.test(contents)) return contents;
  return contents.replace(/(?<![\w.$])t\(/g, 'vscode.l10n.t(');
}

export async function buildBundle() {
  const files = tsFiles('src').map((f) => ({ extension: extname(f), contents: asExtractable(readFileSync(join(root, f), 'utf8')) }));
  const json = await getL10nJson(files);
  const sorted = Object.fromEntries(Object.keys(json).sort().map((k) => [k, json[k]]));
  return JSON.stringify(sorted, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await buildBundle();
  mkdirSync(dirname(BUNDLE), { recursive: true });
  writeFileSync(BUNDLE, text);
  console.log(`[l10n] ${Object.keys(JSON.parse(text)).length} strings → ${BUNDLE}`);
}
