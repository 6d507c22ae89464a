// The explorer's own cost on a big catalog: the real ExplorerProvider and node classes
// (out/src/tree/*.js) driven without the workbench, against a 100,000-item sandbox in a child
// process (so its heap is not counted). Printed, not asserted:
//   - first page: provider created → Items header → first page of rows rendered (getChildren +
//     getTreeItem on every row), as when the view opens;
//   - Load more → next page rendered (median over pages);
//   - heap after paging 5,000 items, for a 10,000- and a 100,000-item catalog (it should grow with
//     what is loaded, not with the catalog).
// The `vscode` module is a minimal stand-in (TreeItem, ThemeIcon, EventEmitter…): the workbench's
// own rendering is not measured here; the UI test and the integration test cover it.
// Needs a build first (`node esbuild.mjs`). Run: node test/bench/tree.bench.mjs
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { withSandbox } from './sandboxChild.mjs';

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);

if (!global.gc) {
  // Heap figures need a full GC before each reading.
  const r = spawnSync(process.execPath, ['--expose-gc', self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  installVscodeStandIn();
  await main();
}

async function main() {
  const { RetracClient } = require('../../out/src/api/client.js');
  const { ExplorerProvider } = require('../../out/src/tree/provider.js');
  const BIG = Number(process.env.BENCH_ITEMS ?? 100_000);
  const PAGED = 5_000;

  /** Runs `run(client, seededMs)` with an owner-full client of a fresh sandbox. */
  function withClient(items, run) {
    return withSandbox(items, (info, seededMs) => {
      const key = info.keys.find((k) => k.name === 'owner-full');
      return run(new RetracClient({ apiKey: key.key, baseUrl: info.baseUrl, ca: info.ca, workspaceId: key.workspaceId }), seededMs);
    });
  }

  function explorer(client) {
    const waiters = [];
    const connection = {
      profile: { id: 'bench', name: 'bench', keyType: client.keyType, apiUrl: client.baseUrl, scopes: [], keyHint: '…' },
      onDidChangeProfile: () => ({ dispose() {} }),
      getClient: async () => client,
      can: () => true,
    };
    const log = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => log };
    const provider = new ExplorerProvider(connection, log);
    provider.onDidChangeTreeData((node) => {
      for (const w of [...waiters]) if (w.node === node) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    const changed = (node) => new Promise((resolve) => waiters.push({ node, resolve }));
    return { provider, changed };
  }

  /** Renders a node's children as the view would: getChildren, then getTreeItem on each. */
  function render(provider, node) {
    const rows = provider.getChildren(node);
    for (const r of rows) provider.getTreeItem(r);
    return rows;
  }

  async function renderedPage(provider, changed, section) {
    let rows = render(provider, section);
    while (rows.some((r) => provider.getTreeItem(r).contextValue === 'retrac.loading')) {
      await changed(section);
      rows = render(provider, section);
    }
    return rows;
  }

  async function loadMore(provider, section, rows) {
    const more = rows[rows.length - 1];
    if (provider.getTreeItem(more).contextValue !== 'retrac.loadMore') throw new Error('no Load more row');
    // load() settles when the page has arrived (or failed).
    await more.load();
    return render(provider, section);
  }

  const heapMb = () => {
    global.gc();
    global.gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };

  const results = {};
  for (const items of [10_000, BIG]) {
    results[items] = await withClient(items, async (client, seededMs) => {
      // Warm-up (TLS session, JIT) on a throwaway provider.
      {
        const { provider, changed } = explorer(client);
        const [section] = provider.getChildren();
        await renderedPage(provider, changed, section);
        provider.dispose();
      }
      const before = heapMb();
      const t0 = performance.now();
      const { provider, changed } = explorer(client);
      const [section] = render(provider, undefined);
      let rows = await renderedPage(provider, changed, section);
      const firstPageMs = performance.now() - t0;
      const loadMoreMs = [];
      while (provider.getChildren(section).filter((r) => provider.getTreeItem(r).contextValue === 'retrac.item').length < PAGED) {
        const t = performance.now();
        rows = await loadMore(provider, section, rows);
        loadMoreMs.push(performance.now() - t);
      }
      const loaded = rows.filter((r) => provider.getTreeItem(r).contextValue === 'retrac.item').length;
      const after = heapMb();
      const sorted = [...loadMoreMs].sort((a, b) => a - b);
      const result = {
        seededS: seededMs / 1000, firstPageMs, loaded, pages: loadMoreMs.length + 1,
        loadMoreMedianMs: sorted[Math.floor(sorted.length / 2)], loadMoreP95Ms: sorted[Math.floor(sorted.length * 0.95)],
        heapGrowthMb: after - before,
      };
      provider.dispose();
      return result;
    });
  }

  const big = results[BIG];
  const small = results[10_000];
  console.log(`tree.bench: ExplorerProvider against a sandbox of ${BIG.toLocaleString('en')} items (seeded in ${big.seededS.toFixed(1)} s, separate process)`);
  console.log(`  first page of items rendered : ${big.firstPageMs.toFixed(0)} ms (target ≤ 500 ms)`);
  console.log(`  Load more → next page        : median ${big.loadMoreMedianMs.toFixed(0)} ms, p95 ${big.loadMoreP95Ms.toFixed(0)} ms over ${big.pages - 1} pages`);
  console.log(`  heap after paging ${big.loaded} items : +${big.heapGrowthMb.toFixed(1)} MB (catalog ${BIG.toLocaleString('en')})`);
  console.log(`  heap after paging ${small.loaded} items : +${small.heapGrowthMb.toFixed(1)} MB (catalog 10,000; first page ${small.firstPageMs.toFixed(0)} ms)`);
  console.log(`  per loaded item              : ${((big.heapGrowthMb * 1024) / big.loaded).toFixed(2)} KB`);
}

/** Just enough of the `vscode` API for the tree's provider and nodes to run in Node. */
function installVscodeStandIn() {
  class EventEmitter {
    listeners = new Set();
    event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
    fire(value) {
      for (const l of [...this.listeners]) l(value);
    }
    dispose() {
      this.listeners.clear();
    }
  }
  class TreeItem {
    constructor(label, collapsibleState = 0) {
      this.label = label;
      this.collapsibleState = collapsibleState;
    }
  }
  class ThemeIcon {
    constructor(id, color) {
      this.id = id;
      this.color = color;
    }
  }
  class ThemeColor {
    constructor(id) {
      this.id = id;
    }
  }
  class MarkdownString {
    constructor(value = '') {
      this.value = value;
    }
    appendMarkdown(text) {
      this.value += text;
      return this;
    }
  }
  const vscode = {
    EventEmitter, TreeItem, ThemeIcon, ThemeColor, MarkdownString,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
  };
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
}
