#!/usr/bin/env node
// `npm run package`: production bundles (node esbuild.mjs --production), then
// `vsce package --no-dependencies -o retrac-vscode.vsix`; prints the size and checks that only
// the bundled dist/ files, media and the manifest/docs went in (see .vscodeignore).
// The production build deletes out/ (the transpiled tests) and leaves minified dist/ bundles: a
// development build runs afterwards so the shared tree stays usable for tests and F5.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
const vsix = path.join(repo, 'retrac-vscode.vsix');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const status = (cmd, args) => spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' }).status;
const packaged =
  status(process.execPath, ['esbuild.mjs', '--production']) === 0 &&
  status(path.join(repo, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', vsix]) === 0;
run(process.execPath, ['esbuild.mjs', '--quiet']);
if (!packaged) process.exit(1);
// The archive listing: a VSIX is a zip; `unzip -l` is not always installed, so use vsce's own.
const ls = spawnSync(path.join(repo, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: repo, encoding: 'utf8' });
const files = ls.stdout.split('\n').filter(Boolean);
// Screenshots are for the README, which links them by absolute URL: they never ship (293 KB).
const unexpected = files.filter((f) => !/^(dist\/[\w-]+\.js|dist\/webview\/[\w-]+\.js|l10n\/bundle\.l10n(\.[\w-]+)?\.json|package\.nls(\.[\w-]+)?\.json|media\/[^/]+\.(png|svg)|media\/walkthrough\/[\w-]+\.(png|svg)|package\.json|README\.md|CHANGELOG\.md|LICENSE(\.txt)?)$/.test(f));
// Every bundle the build wrote must ship: the lazily loaded ones are required from dist/ at run time.
const built = readdirSync(path.join(repo, 'dist')).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
const missing = built.filter((f) => !files.includes(f));
if (ls.status !== 0 || unexpected.length || missing.length) {
  console.error(`the VSIX is wrong (fix .vscodeignore): ${[
    unexpected.length && `unexpected files: ${unexpected.join(', ')}`,
    missing.length && `bundles left out: ${missing.join(', ')}`,
  ].filter(Boolean).join('; ') || ls.stderr}`);
  process.exit(1);
}
console.log(`retrac-vscode.vsix: ${(statSync(vsix).size / 1024).toFixed(1)} KB, ${files.length} files: ${files.join(', ')}`);
