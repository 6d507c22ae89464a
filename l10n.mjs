// Writes l10n/bundle.l10n.json (the runtime strings of vscode.l10n.t) with @vscode/l10n-dev.
//
//   npm run l10n            # after adding or changing a user-visible string
//   npm run l10n -- --nls   # also moves raw manifest strings of package.json into package.nls.json
//
// Our files call `t('…')` through `const t = vscode.l10n.t;`, or, in the pure core (no vscode),
// through the `t` a caller passes to a module that imports the seam src/api/l10n.ts. The extractor
// only sees calls written `vscode.l10n.t(…)` / `l10n.t(…)`, so each such file's `t(` calls are shown
// to it in that form (in memory; the sources are not changed). The unit test build.l10n.test.ts fails when the
// committed bundle differs from what this produces, or when a string bypasses l10n.
import { getL10nJson } from '@vscode/l10n-dev';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
export const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');
/** The pure core has no vscode import: its texts are English error details, except in the files that use the seam. */
const PURE = /^src[\\/](api|sandbox|scan)[\\/]/;
/** A module that builds user-facing sentences with the pure core's l10n seam (src/api/l10n.ts). */
const USES_SEAM = /^import [^;]*from '(?:\.\.?\/)+(?:api\/)?l10n';$/m;

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && (!PURE.test(rel) || USES_SEAM.test(readFileSync(join(root, rel), 'utf8')))) out.push(rel);
  }
  return out;
}

/** The source as the extractor should read it: aliased `t(` calls spelled `vscode.l10n.t(`. */
export function asExtractable(contents) {
  const aliased = /\bconst t = vscode\.l10n\.t;/.test(contents);
  if (!aliased && !USES_SEAM.test(contents)) return contents;
  const calls = contents.replace(/(?<![\w.$])t\(/g, 'vscode.l10n.t(');
  return aliased ? calls : `import * as vscode from 'vscode';\n${calls}`;
}

export async function buildBundle() {
  const files = tsFiles('src').map((f) => ({ extension: extname(f), contents: asExtractable(readFileSync(join(root, f), 'utf8')) }));
  const json = await getL10nJson(files);
  const sorted = Object.fromEntries(Object.keys(json).sort().map((k) => [k, json[k]]));
  return JSON.stringify(sorted, null, 2) + '\n';
}

/** Manifest fields a user reads (VS Code localises them through package.nls.json). */
export const VISIBLE = /^(title|description|markdownDescription|patternErrorMessage|name|label|contents|altText|contextualTitle|markdownDeprecationMessage|deprecationMessage)$/;

/**
 * Replaces every raw user-visible string of the manifest with a %key% and returns the new
 * package.nls.json entries. Keys follow where the string is: `command.addApiKey.title`,
 * `config.scan.enabled.markdownDescription`, `walkthrough.gettingStarted.connect.description`, …
 * Existing %keys% are kept, so it can run again after new entries arrive.
 */
export function externalize(manifest, nls) {
  const clean = (id) => String(id).replace(/^retrac\./, '');
  const visit = (node, parts) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => visit(n, [...parts, n && typeof n === 'object' ? clean(n.command ?? n.id ?? (n.view ? `${n.view}.${i}` : i)) : i]));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string' && VISIBLE.test(k) && !/^%[\w.-]+%$/.test(v)) {
        let key = [...parts, k].join('.').replace(/\.(media)\./, '.');
        for (let n = 2; key in nls && nls[key] !== v; n++) key = `${[...parts, k].join('.')}.${n}`;
        nls[key] = v;
        node[k] = `%${key}%`;
      } else if (typeof v === 'object') {
        visit(v, [...parts, clean(k)]);
      }
    }
  };
  for (const k of ['displayName', 'description']) {
    if (typeof manifest[k] === 'string' && !/^%[\w.-]+%$/.test(manifest[k])) {
      nls[k] = manifest[k];
      manifest[k] = `%${k}%`;
    }
  }
  const c = manifest.contributes ?? {};
  for (const [section, value] of Object.entries(c)) {
    if (section === 'configuration') {
      const conf = Array.isArray(value) ? value : [value];
      for (const block of conf) {
        if (typeof block.title === 'string' && !block.title.startsWith('%')) {
          nls['config.title'] = block.title;
          block.title = '%config.title%';
        }
        for (const [prop, schema] of Object.entries(block.properties ?? {})) visit(schema, ['config', clean(prop)]);
      }
    } else if (section === 'menus' || section === 'keybindings') {
      continue;
    } else {
      const name = { commands: 'command', views: 'view', viewsContainers: 'viewsContainer', walkthroughs: 'walkthrough', authentication: 'authentication', viewsWelcome: 'viewsWelcome' }[section] ?? section;
      visit(value, [name]);
    }
  }
  if (manifest.capabilities) visit(manifest.capabilities, ['capabilities']);
  return nls;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--nls')) {
    const manifestPath = join(root, 'package.json');
    const nlsPath = join(root, 'package.nls.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const nls = existsSync(nlsPath) ? JSON.parse(readFileSync(nlsPath, 'utf8')) : {};
    const before = Object.keys(nls).length;
    externalize(manifest, nls);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    writeFileSync(nlsPath, JSON.stringify(nls, null, 2) + '\n');
    console.log(`[l10n] package.nls.json: ${Object.keys(nls).length - before} new keys, ${Object.keys(nls).length} in all`);
  }
  const text = await buildBundle();
  mkdirSync(dirname(BUNDLE), { recursive: true });
  writeFileSync(BUNDLE, text);
  console.log(`[l10n] ${Object.keys(JSON.parse(text)).length} strings → ${BUNDLE}`);
}
