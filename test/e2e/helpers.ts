// UI test helpers: a real VS Code (code-server 4.100.3) in headless Chromium, with the extension
// installed from the VSIX that `npm run package` builds (what users install) and connected to a
// fresh sandbox through $RETRAC_DEV_SANDBOX_INFO (the extension selects `owner-full` itself).
//
// Run: `node test/harness/run-e2e.mjs [--grep P] [--files tree,edits]` (packages, builds, then
// mocha bdd over out/test/e2e/*.e2e.js). In a test file:
//
//   describe('Inventory tree', function () {
//     const wb = useWorkbench();                       // before: start; after: stop; afterEach: screenshot on failure
//     it('shows items', async () => {
//       await wb().showViewContainer('Retrac');
//       await wb().treeRow('Items').waitFor();
//       await wb().runCommand('Retrac: Refresh');
//       await wb().screenshot('tree-items');
//     });
//   });
//
// One workbench at a time per process. Waits are readiness waits (selectors), never bare sleeps.
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningSandbox, SandboxInfo } from '../../src/sandbox/types';
import * as rt from '../harness/vscodeRuntime';

export interface WorkbenchOptions {
  /** The VSIX to install; default $RETRAC_E2E_VSIX or retrac-vscode.vsix at the repository root. */
  vsix?: string;
  /** Start a sandbox and connect the extension to it (default true). */
  sandbox?: boolean;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

const screenshotsDir = path.join(rt.testResultsDir, 'screenshots');

/** Files under `dir` (recursively) whose name passes `wanted`. */
function findFiles(dir: string, wanted: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && wanted(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly browser: BrowserContext,
    /** The folder open in the workbench: a fresh copy of test/fixtures/sample-project. */
    readonly workspace: string,
    /** The running sandbox (for direct API setup), when started. */
    readonly sandbox: RunningSandbox | undefined,
    readonly sandboxInfo: SandboxInfo | undefined,
    /** code-server's user data, extensions and logs for this workbench. */
    private readonly stateDir: string,
  ) {}

  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    const vsix = path.resolve(options.vsix ?? process.env.RETRAC_E2E_VSIX ?? path.join(rt.repoRoot, 'retrac-vscode.vsix'));
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` (run-e2e.mjs does)`);
    const lock = await rt.acquireVsCodeLock('UI tests');
    const run = rt.createRunDir('e2e');
    rt.onCleanup(() => run.remove());
    rt.onCleanup(() => lock.release());
    const env: Record<string, string> = {};
    let sandbox: RunningSandbox | undefined;
    let sandboxInfo: SandboxInfo | undefined;
    if (options.sandbox !== false) {
      const started = await rt.startSandbox(path.join(run.dir, 'sandbox-info.json'));
      if (started) {
        sandbox = started.sandbox;
        sandboxInfo = JSON.parse(fs.readFileSync(started.infoFile, 'utf8')) as SandboxInfo;
        env.RETRAC_DEV_SANDBOX_INFO = started.infoFile;
      }
    }
    const workspace = rt.materializeSampleProject(path.join(run.dir, 'sample-project'));
    const stateDir = path.join(run.dir, 'cs');
    await rt.installVsix(stateDir, vsix);
    const server = await rt.startCodeServer({ stateDir, env, settings: options.settings });
    const browser = await rt.launchBrowser(path.join(run.dir, 'browser'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(rt.workbenchUrl(server, { folder: workspace }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(page, browser, workspace, sandbox, sandboxInfo, stateDir);
  }

  /** Stops the browser, code-server and the sandbox, releases the lock and deletes the run folder. */
  async close(): Promise<void> {
    await rt.runCleanups();
  }

  /** Opens a view container from the activity bar (a no-op when it is already shown). */
  async showViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item:has(a[aria-label^="${title}"])`).first();
    await item.waitFor({ timeout: 60_000 });
    // Clicking the active container would close the side bar.
    if (!/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) {
      await item.locator('a').first().click();
      await this.page.mouse.move(900, 450); // off the icon: its hover tooltip would cover screenshots
    }
    await this.page.locator('.part.sidebar .composite.title', { hasText: title }).first().waitFor();
  }

  /**
   * Opens the palette with `query` (without the leading ">") and returns the labels of the rows it
   * lists, retrying while none shows (commands appear once the extension has registered them).
   * Leaves the palette closed.
   */
  async paletteItems(query: string): Promise<string[]> {
    const input = this.page.locator('.quick-input-widget input');
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        await this.page.keyboard.press('F1');
        await input.waitFor();
        await input.fill('>' + query);
        // "No matching commands" is a row too: wait for a row that names the query.
        const matching = rows.filter({ hasText: query }).first();
        try {
          await matching.waitFor({ timeout: 1500 });
          return (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
        } catch {
          await this.page.keyboard.press('Escape');
          await input.waitFor({ state: 'hidden' });
        }
      }
      return [];
    } finally {
      if (await input.isVisible()) await this.page.keyboard.press('Escape');
    }
  }

  /**
   * Runs a command from the palette by its exact full title ("Retrac: Add Item"). The palette
   * builds its list when it opens, so a command registered a moment later is missing: close and retry.
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 0; attempt < 20; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor();
      await input.fill('>' + title);
      // The row with exactly this title: Enter would run the first row, which may be another
      // command containing the same words ("Browse Color Themes" before "Color Theme").
      const label = this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) });
      const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: label }).first();
      try {
        await row.waitFor({ timeout: 1500 });
      } catch {
        await this.page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden' });
        continue;
      }
      await row.click();
      return;
    }
    throw new Error(`command not in the palette after 20 tries: ${title}`);
  }

  /** Waits for a quick pick item containing `text` and accepts it. */
  async pickQuickItem(text: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    await row.click();
  }

  /** Types into the open input box / quick pick filter and presses Enter. */
  async typeInInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  /**
   * Waits for a notification toast containing `text`, then for its slide-in to end (so screenshots
   * show it). Not by the `notification-fade-in-done` class: the workbench adds it on `transitionend`,
   * which a browser does not fire for a transition that never started, and then the class never comes.
   */
  async waitForNotification(text: string, timeout = 30_000): Promise<Locator> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ timeout });
    await toast.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))));
    return toast;
  }

  /**
   * What a failed test's screenshot cannot show, as text for the CI log: every notification of the
   * session (toasts hide after 15 s; the notification center keeps them), editor tabs, open menus,
   * focus, and the end of the extension's log (redacted by the extension). Never editor contents: a
   * test file may hold a generated key.
   */
  async describeState(): Promise<string> {
    const visibleTexts = (selector: string) => this.page.evaluate((sel) =>
      Array.from(document.querySelectorAll<HTMLElement>(sel)).filter((e) => e.offsetParent !== null).map((e) => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean), selector);
    const lines = [
      `tabs: ${JSON.stringify(await this.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.tab'), (t) =>
        `${t.innerText.trim()}${t.classList.contains('active') ? ' (active)' : ''}${t.classList.contains('dirty') ? ' (dirty)' : ''}`)))}`,
      `menus: ${JSON.stringify(await visibleTexts('.action-widget .monaco-list-row, .quick-input-widget .quick-input-list .monaco-list-row'))}`,
      `focused: ${await this.page.evaluate(() => document.activeElement?.className ?? '')}`,
    ];
    await this.page.keyboard.press('Escape');
    await this.runCommand('Notifications: Show Notifications');
    await this.page.locator('.notifications-center').waitFor();
    lines.push(`notifications: ${JSON.stringify(await visibleTexts('.notifications-center .notification-list-item-message'))}`);
    const logs = findFiles(this.stateDir, (name) => /retrac/i.test(name) && name.endsWith('.log'));
    for (const log of logs) lines.push(`${path.basename(log)}:`, ...fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).map((l) => `  ${l}`));
    return lines.join('\n');
  }

  /** Rows of the tree views (side bar or panel) containing `text`. */
  treeRow(text: string): Locator {
    return this.page.locator('.pane-body .monaco-list-row', { hasText: text });
  }

  /** Saves test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/**
 * Registers mocha hooks in the current describe(): start a workbench before its tests, stop it
 * after them, and save a screenshot after every failed test. Returns an accessor for the workbench.
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(15 * 60_000); // includes waiting for the machine-wide VS Code lock
    workbench = await Workbench.start(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (workbench && test?.state === 'failed') {
      const file = await workbench.screenshot(`FAILED ${test.fullTitle()}`);
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
      console.log((await workbench.describeState().catch((e: unknown) => `state unavailable: ${String(e)}`)).replace(/^/gm, '      '));
    }
  });
  after(async function () {
    this.timeout(60_000);
    workbench = undefined;
    await rt.runCleanups(); // also what a start() that failed halfway had started
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not start (see the "before all" hook error)');
    return workbench;
  };
}
