// Bundles the extension and each further entry point separately, so that activating the
// extension loads none of the sandbox, the CLI or the scan worker. Also transpiles src/ and
// test/ file by file into out/ for the mocha suites (unit tests in Node, integration tests in
// the VS Code extension host).
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const quiet = args.has('--quiet');

const bundles = {
  extension: 'src/extension.ts',          // loaded by VS Code; keep it small
  sandbox: 'src/sandbox/main.ts',         // `npm run sandbox`, and required lazily by "Use Local Sandbox"
  'retrac-scan': 'src/scan/cli.ts',       // the CLI for pre-commit hooks and CI
  'scan-worker': 'src/scan/worker.ts',    // the workspace scan, off the extension host's main thread
  insights: 'src/insights/index.ts',      // hovers, completions, charts: required on first use (src/insights/lazy.ts)
};

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const bundleOptions = {
  entryPoints: Object.entries(bundles).map(([out, inp]) => ({ out, in: inp })),
  bundle: true,
  outdir: 'dist',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  alias: { 'node-fetch-native': './src/api/fetchShim.ts' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: quiet ? 'warning' : 'info',
};

// The charts webview: browser code, its own bundle under dist/webview (the panel's only local resource root).
const webviewOptions = {
  entryPoints: { charts: 'src/charts/webview/main.ts' },
  bundle: true,
  outdir: 'dist/webview',
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: false,
  logLevel: quiet ? 'warning' : 'info',
};

const testOptions = {
  entryPoints: [...tsFiles('src'), ...tsFiles('test')],
  outdir: 'out',
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: quiet ? 'warning' : 'info',
};

if (watch) {
  const contexts = [await esbuild.context(bundleOptions), await esbuild.context(webviewOptions), await esbuild.context(testOptions)];
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching src/ and test/');
} else {
  rmSync('dist', { recursive: true, force: true });
  rmSync('out', { recursive: true, force: true });
  await esbuild.build(bundleOptions);
  await esbuild.build(webviewOptions);
  if (!production) await esbuild.build(testOptions);
}
