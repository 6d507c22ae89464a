// What goes into the VSIX, as `vsce ls` reads .vscodeignore: the bundles (lazily loaded ones
// included: they are required from dist/ at run time), the icons and the manifest/docs. Never the
// README's screenshots (the README links them by absolute URL), sources, tests or source maps.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const repo = resolve(__dirname, '../../..');

describe('VSIX content', function () {
  this.timeout(60_000);

  it('ships the bundles and icons, and no screenshots, sources or maps', async () => {
    const out = await new Promise<string>((res, rej) =>
      execFile(resolve(repo, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: repo }, (e, stdout, stderr) => (e ? rej(new Error(`${e.message}\n${stderr}`)) : res(stdout))));
    const files = out.split('\n').filter(Boolean);
    assert.deepEqual(files.filter((f) => f.startsWith('media/screenshots/')), [], 'screenshots are in the VSIX');
    const unexpected = files.filter((f) => !/^(dist\/[\w-]+\.js|dist\/webview\/[\w-]+\.js|l10n\/bundle\.l10n(\.[\w-]+)?\.json|package\.nls(\.[\w-]+)?\.json|media\/[^/]+\.(png|svg)|media\/walkthrough\/[\w-]+\.(png|svg)|package\.json|README\.md|CHANGELOG\.md|LICENSE(\.txt)?)$/.test(f));
    assert.deepEqual(unexpected, []);
    for (const bundle of ['extension', 'api-client', 'edit-commands', 'diagnose', 'ca-transport', 'sandbox', 'scan-worker', 'retrac-scan', 'insights', 'git-tools', 'webview/charts']) {
      assert.ok(files.includes(`dist/${bundle}.js`), `dist/${bundle}.js is missing from the VSIX`);
    }
    assert.ok(files.includes('media/retrac.png'), 'the extension icon ships');
  });
});
