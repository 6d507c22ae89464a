// Which way API requests leave VS Code, checked with a real HTTP CONNECT proxy in the extension
// host: without a CA, VS Code's own fetch (it follows `http.proxy`); with a sandbox profile's
// pinned CA, the extension's own transport, which reads the same settings and says so in
// "Diagnose Connection".
import * as assert from 'assert';
import * as vscode from 'vscode';
import { RetracClient } from '../../src/api/client';
import type { DiagnoseReport } from '../../src/accounts/diagnose';
import type { RetracExtensionApi } from '../../src/extension';
import { startProxy, type TestProxy } from '../connectProxy';
import { fakeKey } from '../fakeKeys';
import { EXTENSION_ID, harnessSandbox, SandboxProfiles } from './helpers';

suite('Retrac network paths', () => {
  let api: RetracExtensionApi;
  let proxy: TestProxy;
  let profiles: SandboxProfiles;
  const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<RetracExtensionApi>(EXTENSION_ID)!.activate();
    proxy = await startProxy({ credentials: 'it-user:it-pass' });
    profiles = new SandboxProfiles(api, 'IT network', String(Date.now()));
  });

  suiteTeardown(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    await profiles.removeAll();
    await proxy.close();
  });

  test('without a CA the client uses VS Code\'s fetch, which follows http.proxy', async function () {
    this.timeout(30_000);
    await http().update('proxy', `http://it-user:it-pass@127.0.0.1:${proxy.port}`, vscode.ConfigurationTarget.Global);
    // A host that does not resolve: only a proxy can even try it, so a CONNECT proves the path.
    const client = new RetracClient({ apiKey: fakeKey('full'), baseUrl: 'https://api.retrac-proxy-check.test', workspaceId: 'ws_1', maxGetRetries: 0, timeoutMs: 5000 });
    const error = await client.listItems().then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'the request cannot succeed (the proxy answers 502)');
    // Whether VS Code's fetch also sends the URL's credentials is VS Code's business: the CONNECT is the proof.
    const seen = proxy.attempts;
    assert.ok(seen.includes('api.retrac-proxy-check.test:443'), `the proxy saw: ${JSON.stringify(seen)} (http.proxySupport=${String(http().get('proxySupport'))}, http.fetchAdditionalSupport=${String(http().get('fetchAdditionalSupport'))})`);
    assert.match(client.route ?? '', /platform fetch/);
  });

  test('with a pinned CA the extension tunnels through http.proxy with its credentials, and Diagnose Connection says so', async function () {
    this.timeout(60_000);
    const info = harnessSandbox();
    await http().update('proxy', `http://it-user:it-pass@127.0.0.1:${proxy.port}`, vscode.ConfigurationTarget.Global);
    await profiles.use('owner-full', info);
    const before = proxy.tunnels.length;
    const report = await vscode.commands.executeCommand<DiagnoseReport>('retrac.diagnoseConnection');
    const text = report.lines.join('\n');
    assert.ok(report.ok, text);
    const host = new URL(info.baseUrl).host;
    assert.ok(proxy.tunnels.slice(before).some((t) => t.target === host), `no tunnel to ${host}: ${text}`);
    assert.match(text, new RegExp(`API request: ok in \\d+ ms via undici with the pinned CA, through proxy http://\\*\\*\\*@127\\.0\\.0\\.1:${proxy.port} \\(from http\\.proxy\\)`));
    assert.ok(!text.includes('it-pass'), 'the proxy password is not in the report');

    // http.noProxy sends the sandbox direct: the proxy sees nothing more.
    await http().update('noProxy', [new URL(info.baseUrl).hostname], vscode.ConfigurationTarget.Global);
    const tunnels = proxy.tunnels.length;
    const direct = await vscode.commands.executeCommand<DiagnoseReport>('retrac.diagnoseConnection');
    assert.ok(direct.ok, direct.lines.join('\n'));
    assert.match(direct.lines.join('\n'), /via undici with the pinned CA, direct \(127\.0\.0\.1 in http\.noProxy\)/);
    assert.equal(proxy.tunnels.length, tunnels);

    // Wrong proxy credentials: the verdict says what to check about the proxy, not about the API host.
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('proxy', `http://it-user:wrong@127.0.0.1:${proxy.port}`, vscode.ConfigurationTarget.Global);
    const refused = await vscode.commands.executeCommand<DiagnoseReport>('retrac.diagnoseConnection');
    assert.ok(!refused.ok);
    assert.match(refused.verdict, /the proxy asks for credentials \(HTTP 407\)\. Check the user name and password/);
    assert.ok(!refused.lines.join('\n').includes('wrong'), 'the proxy password is not in the report');
  });
});
