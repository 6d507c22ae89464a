// VS Code's network settings as the API client needs them. Only the pinned-CA transport reads
// them: without a CA the client uses the extension host's fetch, which VS Code itself routes
// through `http.proxy` / the system proxy and, with `http.systemCertificates`, the OS trust store.
import * as vscode from 'vscode';
import type { ProxySettings } from '../api/proxy';

/** The settings that change which proxy a pinned-CA client takes; a change rebuilds the client. */
export const PROXY_SETTINGS = ['http.proxy', 'http.noProxy', 'http.proxyAuthorization'];

export function vscodeProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get<string>('proxy')?.trim() || undefined,
    noProxy: http.get<string[]>('noProxy') ?? [],
    proxyAuthorization: http.get<string | null>('proxyAuthorization')?.trim() || undefined,
  };
}

/** How VS Code's own fetch reaches the network, for "Diagnose Connection" (requests without a CA). */
export function vscodeFetchSupport(): string {
  const http = vscode.workspace.getConfiguration('http');
  const proxySupport = http.get<string>('proxySupport') ?? 'override';
  const fetchSupport = http.get<boolean>('fetchAdditionalSupport') ?? true;
  const systemCerts = http.get<boolean>('systemCertificates') ?? true;
  const proxy = !fetchSupport || proxySupport === 'off' ? 'no proxy support (direct)' : `proxy support ${proxySupport}`;
  const certs = fetchSupport && systemCerts ? 'system certificates on' : 'system certificates off';
  return `VS Code's fetch: ${proxy}, ${certs} (http.proxySupport=${proxySupport}, http.systemCertificates=${String(systemCerts)}, http.fetchAdditionalSupport=${String(fetchSupport)})`;
}
