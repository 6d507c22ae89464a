// How the accounts part makes an API client: only in a trusted workspace, with the CA read from
// disk, VS Code's proxy settings, and the client's log lines in the Retrac log. The client itself
// (valibot, schemas) is its own bundle, loaded by the first call that needs it.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { Logger } from '../log';
import { AccountError } from './accountError';
import { vscodeProxySettings } from './network';

const t = vscode.l10n.t;

export interface ClientRequest {
  key: string;
  apiUrl: string;
  workspaceId: string | undefined;
  caCertPath: string | undefined;
  /**
   * A client for a key check, whose scope probes are expected to be refused (403) for scopes the
   * key lacks; those refusals are logged at debug level, not as warnings.
   */
  probing?: boolean;
}

export async function makeClient(log: Logger, { key, apiUrl, workspaceId, caCertPath, probing }: ClientRequest): Promise<RetracClient> {
  // The manifest promises that an untrusted workspace makes no API call.
  if (!vscode.workspace.isTrusted) {
    throw new AccountError(t('Retrac calls the API only in a trusted workspace: trust this folder first (Workspaces: Manage Workspace Trust).'));
  }
  let ca: string | undefined;
  if (caCertPath) {
    try {
      ca = await readFile(caCertPath, 'utf8');
    } catch (e) {
      throw new AccountError(t('Could not read the CA certificate {0}: {1}', caCertPath, e instanceof Error ? e.message : String(e)));
    }
  }
  const { RetracClient } = await import('../api/client');
  return new RetracClient({
    apiKey: key,
    baseUrl: apiUrl,
    workspaceId,
    ca,
    proxy: vscodeProxySettings(),
    onLog: (level, message) => {
      if (probing && level === 'warn' && /failed: forbidden \(403\)/.test(message)) log.debug(`${message} (scope probe: expected for a scope the key lacks)`);
      else log[level](message);
    },
  });
}
