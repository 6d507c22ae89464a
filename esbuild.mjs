// Bundles the extension and each further entry point separately, so that activating the
// extension loads none of the sandbox, the CLI or the scan worker. Also transpiles src/ and
// test/ file by file into out/ for the mocha suites (unit tests in Node, integration tests in
// the VS Code extension host).
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const quiet = args.has('--quiet');
// `--outdir=DIR`: only the bundles, into DIR (the bundle-size test builds there; dist/ and out/ stay).
const outdir = [...args].find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);

const bundles = {
  extension: 'src/extension.ts',          // loaded by VS Code; keep it small
  sandbox: 'src/sandbox/main.ts',         // `npm run sandbox`, and required lazily by "Use Local Sandbox"
  'retrac-scan': 'src/scan/cli.ts',       // the CLI for pre-commit hooks and CI
  'scan-worker': 'src/scan/worker.ts',    // the workspace scan, off the extension host's main thread
  insights: 'src/insights/index.ts',      // hovers, completions, charts: required on first use (src/insights/lazy.ts)
  'git-tools': 'src/diagnostics/gitTools.ts', // Scan Git History and the pre-commit hook commands, on first use
};

// Modules that the extension loads on first use with `await import('./module')`: each becomes its
// own bundle, and every other bundle requires it from dist/ at run time instead of inlining it.
// Add a line here for a new lazily loaded part (the unit tests load the transpiled module as is).
// The budget of dist/extension.js is checked by test/unit/build.bundleSize.test.ts.
export const lazyBundles = {
  'ca-transport': 'src/api/caTransport.ts',   // undici (400 KB): only a pinned CA needs it
  'api-client': 'src/api/client.ts',          // ofetch, valibot, the schemas: from the first API call on
  'edit-commands': 'src/edits/handlers.ts',    // the edit commands and the importer: on the first edit command
  diagnose: 'src/accounts/diagnose.ts',           // "Diagnose Connection"
  'account-ui': 'src/accounts/ui.ts',         // Add API Key, the profile commands, the sandbox launcher: on the first such command
  'quick-fixes': 'src/diagnostics/quickFixes.ts',      // the leak quick fixes: when the first light bulb asks
  'rename-env-name': 'src/diagnostics/renameEnvName.ts', // "Rename Public Environment Variable"
  'workspace-scan': 'src/diagnostics/workspaceScan.ts',  // "Scan Workspace for Leaked Keys"
  'explorer-pickers': 'src/tree/pickers.ts',             // the explorer's Filter and Find Item pickers
  explorer: 'src/tree/index.ts',              // the explorer (provider, nodes, details): on the view's first rows or command (src/tree/lazy.ts)
  'leak-diagnostics': 'src/diagnostics/index.ts',        // the scanner and live diagnostics: right after activation returns (src/extension.ts)
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

/** Makes an import of a lazily loaded module a run-time require of its bundle, from any other bundle. */
const lazyLoading = {
  name: 'lazy-bundles',
  setup(build) {
    const byPath = new Map(Object.entries(lazyBundles).map(([out, inp]) => [resolve(inp).replace(/\.ts$/, ''), out]));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const out = byPath.get(resolve(args.resolveDir, args.path).replace(/\.ts$/, ''));
      return out ? { path: `./${out}.js`, external: true } : undefined;
    });
  },
};

/**
 * One namespace object for `vscode` per bundle. `import * as vscode from 'vscode'` of an external
 * CommonJS module makes esbuild copy every property of the API object into a fresh namespace
 * (`__toESM`) in each importing module: 17 copies cost ~5 ms of the extension's load time, measured
 * in the extension host. Routed through one internal ESM module, the copy is made once.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.importer === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode-namespace', namespace: 'vscode-namespace' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js', resolveDir: '.' }));
  },
};

const bundleOptions = {
  entryPoints: Object.entries({ ...bundles, ...lazyBundles }).map(([out, inp]) => ({ out, in: inp })),
  bundle: true,
  outdir: outdir ?? 'dist',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  plugins: [lazyLoading, oneVscodeNamespace],
  // `await import()` becomes require(): the extension host loads CommonJS, and no ESM loader is needed.
  supported: { 'dynamic-import': false },
  metafile: args.has('--metafile'),
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
  supported: { 'dynamic-import': false },
  logLevel: quiet ? 'warning' : 'info',
};

if (watch) {
  const contexts = [await esbuild.context(bundleOptions), await esbuild.context(webviewOptions), await esbuild.context(testOptions)];
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching src/ and test/');
} else if (outdir) {
  const result = await esbuild.build(bundleOptions);
  if (result.metafile) console.log(await esbuild.analyzeMetafile(result.metafile));
} else {
  rmSync('dist', { recursive: true, force: true });
  rmSync('out', { recursive: true, force: true });
  await esbuild.build(bundleOptions);
  await esbuild.build(webviewOptions);
  if (!production) await esbuild.build(testOptions);
}
