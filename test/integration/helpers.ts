// What the integration suites share: the harness sandbox, direct clients to read the server back,
// private sandboxes from the bundled sandbox, profiles for sandbox keys, and polling.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { RetracClient } from '../../src/api/client';
import type { RetracExtensionApi } from '../../src/extension';
import type { RunningSandbox, SandboxInfo, SandboxOptions } from '../../src/sandbox/types';

export const EXTENSION_ID = 'retrac-tools.retrac-vscode';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it gives something other than undefined/false. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(30);
  }
}

/** The sandbox the harness started for every suite. */
export function harnessSandbox(): SandboxInfo {
  const infoPath = process.env.RETRAC_TEST_SANDBOX_INFO;
  assert.ok(infoPath, 'RETRAC_TEST_SANDBOX_INFO is not set: run through test/harness/run-integration.mjs');
  return JSON.parse(fs.readFileSync(infoPath, 'utf8')) as SandboxInfo;
}

/** A direct client with the sandbox key `keyName`, to set data up and read the server back. */
export function clientFor(info: SandboxInfo, keyName: string, extra: { maxGetRetries?: number } = {}): RetracClient {
  const key = info.keys.find((k) => k.name === keyName);
  assert.ok(key, `the sandbox has no key ${keyName}`);
  return new RetracClient({
    apiKey: key.key,
    baseUrl: info.baseUrl,
    workspaceId: key.type === 'full' ? key.workspaceId : undefined,
    ca: fs.readFileSync(info.caCertPath, 'utf8'),
    ...extra,
  });
}

/** A sandbox of the test's own (big catalogs, fault injection), from the extension's bundle. */
export function privateSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const bundle = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist/sandbox.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSandbox } = require(bundle) as { startSandbox: (o: SandboxOptions) => Promise<RunningSandbox> };
  return startSandbox(options);
}

/** Session-only profiles for sandbox keys, each added once and named `<prefix> <key name> <run>`. */
export class SandboxProfiles {
  private readonly ids = new Map<string, string>();

  constructor(private readonly api: RetracExtensionApi, private readonly prefix: string, private readonly run: string) {}

  /** Makes the key `name` of `sandbox` the active profile; returns the profile's id. */
  async use(name: string, sandbox: SandboxInfo): Promise<string> {
    const id = `${sandbox.baseUrl}#${name}`;
    let profileId = this.ids.get(id);
    if (!profileId) {
      const key = sandbox.keys.find((k) => k.name === name)!;
      const profile = await this.api.accounts.addProfile({
        key: key.key, name: `${this.prefix} ${name} ${this.run}`, apiUrl: sandbox.baseUrl, caCertPath: sandbox.caCertPath,
        workspaceId: key.type === 'full' ? key.workspaceId : undefined, sandbox: true, sessionOnly: true,
      });
      profileId = profile.id;
      this.ids.set(id, profileId);
    }
    await this.api.accounts.activate(profileId);
    return profileId;
  }

  /** Removes every profile this added (suite teardown). */
  async removeAll(): Promise<void> {
    for (const id of this.ids.values()) await this.api.accounts.remove(id).catch(() => undefined);
  }
}

/** git in `cwd` with a test identity and no signing, whatever the machine's configuration. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-C', cwd, '-c', 'user.name=Retrac Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });
}

type ShowFn = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Records every message shown while `run` runs; modal questions are answered with
 * `answer(message, items)` (modals cannot be clicked from the extension host), others still show.
 */
export async function answeringModals<T>(
  answer: ((message: string, items: string[]) => string | undefined) | undefined,
  run: () => Thenable<T>,
): Promise<{ value: T; messages: string[] }> {
  const messages: string[] = [];
  const win = vscode.window as unknown as Record<string, ShowFn>;
  const names = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const;
  const originals = names.map((n) => win[n]);
  names.forEach((n, i) => {
    win[n] = (message: string, ...rest: unknown[]) => {
      messages.push(message);
      const modal = typeof rest[0] === 'object' && rest[0] !== null && (rest[0] as { modal?: boolean }).modal;
      if (answer && modal) return Promise.resolve(answer(message, rest.slice(1).filter((x): x is string => typeof x === 'string')));
      return originals[i].call(vscode.window, message, ...rest);
    };
  });
  try {
    return { value: await run(), messages };
  } finally {
    names.forEach((n, i) => (win[n] = originals[i]));
  }
}

/** Records the messages shown while `run` runs (still showing them). */
export function withMessages<T>(run: () => Thenable<T>): Promise<{ value: T; messages: string[] }> {
  return answeringModals(undefined, run);
}
