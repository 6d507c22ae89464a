// `npm run sandbox` / `node dist/sandbox.js [options]`: starts the sandbox and prints how to use it.
import type { RunningSandbox, SandboxInfo, SandboxMessage, SandboxOptions } from './types';
import { MEMBER_LOCATION_ACCESS } from './seed';
import { DEFAULT_PORT, DEFAULT_RANDOM_SEED, DEFAULT_RATE_LIMIT, DEFAULT_SEED_ITEMS, startSandbox } from './server';

const HELP = `Retrac sandbox: a local HTTPS emulator of the Retrac API (api.retrac.co).

Usage: node dist/sandbox.js [options]      (or: npm run sandbox -- [options])

Options:
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR       address to bind (default 127.0.0.1, loopback only)
  --state FILE      keep data (and the keys) in FILE (+ FILE.journal) across restarts; default in memory
  --rate-limit N    requests per minute per key (default ${DEFAULT_RATE_LIMIT})
  --seed-items N    items in the demo catalog (default ${DEFAULT_SEED_ITEMS})
  --random-seed N   seed of the demo data generator (default ${DEFAULT_RANDOM_SEED})
  --reset           move FILE and FILE.journal to .bak copies and start with fresh demo data
  --cert-dir DIR    where to write the CA certificate (default a private temp folder, removed on exit
                    and, if the sandbox was killed, at the next start)
  --json            print one JSON line (baseUrl, caCertPath, workspaces, keys) once ready; logs go to stderr
  --help            show this help

The server certificate is signed by a CA made at each start: trust the printed CA file
(e.g. NODE_EXTRA_CA_CERTS=<ca> or the retrac.caCertificatePath setting). Never disable TLS checks.`;

export interface CliArgs { options: SandboxOptions; json: boolean; help: boolean }

function intArg(name: string, raw: string | undefined, min: number): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} needs an integer ≥ ${min}`);
  return Number(raw);
}

export function parseArgs(argv: string[]): CliArgs {
  const options: SandboxOptions = {};
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': options.port = intArg(flag, value(), 0); break;
      case '--host': options.host = value(); break;
      case '--state': options.statePath = value(); break;
      case '--rate-limit': options.rateLimitPerMinute = intArg(flag, value(), 1); break;
      case '--seed-items': options.seedItems = intArg(flag, value(), 0); break;
      case '--random-seed': options.randomSeed = intArg(flag, value(), 0); break;
      case '--cert-dir': options.certDir = value(); break;
      case '--reset': options.reset = true; break;
      case '--json': json = true; break;
      case '--help': case '-h': help = true; break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  return { options, json, help };
}

function describe(info: SandboxInfo): string {
  const lines = [`Retrac sandbox listening on ${info.baseUrl}`, `CA certificate: ${info.caCertPath}`, '', 'Workspaces:'];
  for (const ws of info.workspaces) lines.push(`  ${ws.id}  ${ws.slug}  (${ws.plan})`);
  lines.push('', 'Keys (shown once; full-access keys need ?workspaceId=):');
  const width = Math.max(...info.keys.map((k) => k.name.length));
  for (const k of info.keys) {
    lines.push(`  ${k.name.padEnd(width)}  ${k.key}  ${k.type}/${k.role}${k.scopes.length ? ` [${k.scopes.join(' ')}]` : ''}  ${k.workspaceId}`);
  }
  const limits = Object.entries(MEMBER_LOCATION_ACCESS).map(([name, access]) => `${access} at "${name}"`).join(', ');
  lines.push('', `member-full and member-restricted-all: ${limits}; edit everywhere else. Owner-only: locations, workspace settings, reverts.`);
  return lines.join('\n');
}

export async function runCli(argv: string[]): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`retrac sandbox: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ ...args.options, log: (line) => process.stderr.write(`[sandbox] ${line}\n`) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`retrac sandbox: could not start: ${message}\n`);
    process.exitCode = 1;
    // Started by the extension (fork with IPC): say why, then let go of the channel so we exit.
    if (process.send) process.send({ type: 'error', message } satisfies SandboxMessage, () => process.disconnect());
    return;
  }
  const info: SandboxInfo = { baseUrl: sandbox.baseUrl, caCertPath: sandbox.caCertPath, workspaces: sandbox.workspaces, keys: sandbox.keys };
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[sandbox] ${signal}: closing\n`);
    sandbox.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`[sandbox] close failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // The extension host that forked us is gone (window closed, crash): never outlive it.
  if (process.send) process.once('disconnect', () => stop('parent gone'));
  // Announced only now: a parent may send SIGTERM the moment it reads this.
  if (process.send) process.send({ type: 'ready', info } satisfies SandboxMessage);
  else if (args.json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else process.stdout.write(`${describe(info)}\n\nPress Ctrl+C to stop.\n`);
}
