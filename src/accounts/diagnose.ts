// "Retrac: Diagnose Connection": everything that decides whether a request reaches the API,
// written to the log as plain lines (host, proxy, TLS, latency, key, rate limit), ending in one
// sentence that says what to do. The key itself never appears: the log redacts it too. Its own
// bundle (dist/diagnose.js), loaded when the command runs.
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import { proxyRoute, redactProxyUrl } from '../api/proxy';
import type { Logger } from '../log';
import type { Profile } from './connection';
import { withWhereToSet } from './connectionSettings';
import type { Accounts } from './index';
import { adviceForNetworkCode, explainCheckFailure, networkCode } from './keyCheck';
import { describeProfile, hostOf } from './keyInput';
import { vscodeFetchSupport, vscodeProxySettings } from './network';

const t = vscode.l10n.t;

export interface DiagnoseInput {
  profile: Profile | undefined;
  apiUrl: string;
  caCertPath: string | undefined;
  ca: string | undefined;
  /** Builds the client of the profile; throws with a readable message when it cannot. */
  client: () => Promise<RetracClient | undefined>;
  describe: (e: unknown) => string;
}

export interface DiagnoseReport {
  lines: string[];
  /** The closing sentence: all fine, or what to do. */
  verdict: string;
  ok: boolean;
}

/** Hides the credentials of a proxy URL (http://user:secret@proxy → http://***@proxy), with the URL parser. */
export function redactProxy(value: string | undefined): string {
  return redactProxyUrl(value);
}

function tlsProbe(url: URL, ca: string | undefined): Promise<{ ms: number; detail: string; code?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 443),
      servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
      ca: ca ? [...tls.rootCertificates, ca] : undefined,
      timeout: 10_000,
    });
    const done = (r: { detail: string; code?: string }) => {
      socket.destroy();
      resolve({ ms: performance.now() - started, ...r });
    };
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      done({
        detail: `${socket.getProtocol() ?? 'TLS'}, certificate for ${String(cert.subject?.CN ?? '?')} issued by ${String(cert.issuer?.CN ?? cert.issuer?.O ?? '?')}, valid until ${cert.valid_to ?? '?'}`,
      });
    });
    socket.once('timeout', () => done({ detail: 'no answer within 10 s', code: 'ETIMEDOUT' }));
    socket.once('error', (e: NodeJS.ErrnoException) => done({ detail: e.message, code: e.code }));
  });
}

export async function diagnoseConnection(input: DiagnoseInput, log: Logger): Promise<DiagnoseReport> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    log.info(line);
  };
  const url = new URL(input.apiUrl);
  const http = vscode.workspace.getConfiguration('http');
  say(`Diagnose connection — ${new Date().toISOString()}, VS Code ${vscode.version} (${vscode.env.appName})`);
  say(`Profile: ${input.profile ? `“${input.profile.name}”: ${describeProfile(input.profile)}` : 'none (using retrac.apiUrl)'}`);
  say(`Effective API host: ${input.apiUrl}`);
  say(`Extra CA: ${input.caCertPath ?? '(none; system roots only)'}`);
  say(
    `Proxy: http.proxy=${redactProxy(http.get<string>('proxy'))}, http.proxyStrictSSL=${String(http.get<boolean>('proxyStrictSSL'))}, ` +
      `http.proxySupport=${http.get<string>('proxySupport') ?? '?'}, HTTPS_PROXY=${redactProxy(process.env.HTTPS_PROXY ?? process.env.https_proxy)}, ` +
      `NO_PROXY=${process.env.NO_PROXY ?? process.env.no_proxy ?? '(not set)'}, http.noProxy=${JSON.stringify(http.get<string[]>('noProxy') ?? [])}`,
  );
  // Which path the API requests take: with a CA the client's own connections (and proxy choice),
  // otherwise VS Code's fetch with its proxy and system-certificate support.
  const route = proxyRoute(url, vscodeProxySettings());
  const expected = input.ca
    ? route.proxy
      ? `undici with the pinned CA, through proxy ${redactProxy(route.proxy.href)} (from ${route.source})`
      : `undici with the pinned CA, direct (${route.source})`
    : vscodeFetchSupport();
  say(`Transport for API requests: ${expected}`);
  // Whether the requests go through a proxy (VS Code's fetch may also use a system proxy this cannot see).
  const proxied = !!route.proxy && (!!input.ca || http.get<string>('proxySupport') !== 'off');

  const tlsResult = await tlsProbe(url, input.ca);
  say(
    `TLS to ${url.host} (direct): ${tlsResult.code ? `failed: ${tlsResult.code} ${tlsResult.detail}` : `ok: ${tlsResult.detail}`} in ${tlsResult.ms.toFixed(0)} ms` +
      (proxied ? ' (API requests go through the proxy, so this direct probe does not decide)' : ''),
  );

  let verdict: string | undefined;
  let ok = false;
  let networkFailure = false;
  try {
    const client = await input.client();
    if (!client) {
      verdict = t('No profile is set up: run “Retrac: Add API Key” or “Retrac: Use Local Sandbox”.');
    } else {
      const started = performance.now();
      if (client.keyType === 'full' || input.profile?.scopes.includes('workspaces.read')) await client.listWorkspaces();
      else await client.listItems({ pageSize: 1 }).catch(async (e: unknown) => {
        // A restricted key without items.read: any read scope it has shows the key works.
        if (isRetracError(e) && e.code === 'forbidden' && e.forbidden === 'scope') return client.listTags();
        throw e;
      });
      say(`API request: ok in ${(performance.now() - started).toFixed(0)} ms via ${client.route ?? expected}`);
      const rl = client.lastRateLimit;
      say(
        `Rate limit: ${rl ? `${rl.remaining ?? '?'} of ${rl.limit ?? '?'} left${rl.resetAt ? `, window resets ${new Date(rl.resetAt * (rl.resetAt < 1e12 ? 1000 : 1)).toISOString()}` : ''}` : 'no headers seen'}`,
      );
      ok = true;
      verdict = t('The connection works.');
    }
  } catch (e) {
    networkFailure = isRetracError(e) && (e.status === 0 || networkCode(e) !== undefined);
    say(`API request: failed: ${isRetracError(e) ? `${e.code} (${e.status}) ${e.message}` : e instanceof Error ? e.message : String(e)} (via ${expected})`);
    verdict = explainCheckFailure(e, input.apiUrl, input.describe, t);
  }
  // When the request did not get an HTTP answer, the direct TLS probe usually names the cause best
  // (not through a proxy: then the request's own error names the proxy and what to check).
  if (!ok && tlsResult.code && networkFailure && !proxied) verdict = adviceForNetworkCode(tlsResult.code, url.host, t) ?? verdict;
  const finalVerdict = verdict ?? t('The connection failed; see the lines above.');
  say(`Verdict: ${finalVerdict}`);
  return { lines, verdict: finalVerdict, ok };
}

/** "Retrac: Diagnose Connection" for the active profile (or the settings without one): the log, then the verdict. */
export async function diagnoseConnectionCommand(accounts: Accounts): Promise<DiagnoseReport> {
  const profile = accounts.profile;
  const apiUrl = profile?.apiUrl ?? accounts.configuredApiUrl();
  const caCertPath = profile?.caCertPath ?? accounts.configuredCaPath();
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Diagnosing the connection to {0}…', hostOf(apiUrl)) },
    async () =>
      diagnoseConnection(
        {
          profile, apiUrl, caCertPath,
          ca: caCertPath ? await readFile(caCertPath, 'utf8').catch(() => undefined) : undefined,
          client: () => accounts.getClient(),
          describe: (e) => accounts.describe(e),
        },
        accounts.logger.child('diagnose'),
      ),
  );
  accounts.log.show();
  if (report.ok) void vscode.window.showInformationMessage(t('Retrac connection: {0}', report.verdict));
  else accounts.showError(t('Retrac connection: {0}', withWhereToSet(report.verdict)));
  return report;
}
