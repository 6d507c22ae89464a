// Runs the sandbox in a child process (fork of dist/sandbox.js), so that a crash of the sandbox
// cannot take the VS Code extension host down with it. The child sends its SandboxInfo over IPC
// once it listens; it exits when told to stop, and by itself when the IPC channel closes (the
// window closed or the extension host died), so no process is left behind. Pure Node: no vscode.
import { fork, type ChildProcess } from 'node:child_process';
import type { SandboxInfo, SandboxMessage } from './types';

export interface SandboxExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when it ended because stop() was called; false for a crash or a kill from outside. */
  requested: boolean;
  /** The last lines the sandbox wrote to stderr (its log), for the error message. */
  stderrTail: string;
}

export interface SandboxProcess extends SandboxInfo {
  readonly pid: number | undefined;
  /** Settles once the process has ended, however it ended. */
  readonly exited: Promise<SandboxExit>;
  /** Asks the sandbox to close (SIGTERM: it saves and exits), then kills it if it takes too long. */
  stop(graceMs?: number): Promise<SandboxExit>;
}

const STDERR_TAIL_LINES = 20;

/** Starts `script` (dist/sandbox.js) with `args` and resolves once it listens; rejects with its own reason. */
export function launchSandboxProcess(script: string, args: string[], options: { startTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<SandboxProcess> {
  const child: ChildProcess = fork(script, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // In VS Code's extension host process.execPath is Electron: make it run as plain Node.
    env: { ...(options.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
  });
  let tail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    tail = [...tail, ...text.split('\n').filter((l) => l !== '')].slice(-STDERR_TAIL_LINES);
  });
  let requested = false;
  const exited = new Promise<SandboxExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, requested, stderrTail: tail.join('\n') }));
  });
  const stop = async (graceMs = 5000): Promise<SandboxExit> => {
    requested = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`the sandbox did not start within ${(options.startTimeoutMs ?? 60_000) / 1000} s${tail.length ? `: ${tail.join(' | ')}` : ''}`));
    }, options.startTimeoutMs ?? 60_000);
    child.on('message', (message: SandboxMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({ ...message.info, pid: child.pid, exited, stop });
      } else if (message.type === 'error') {
        clearTimeout(timer);
        reject(new Error(message.message));
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      // Rejecting after resolve is a no-op; this covers a child that dies before it is ready.
      reject(new Error(`the sandbox exited (${exit.signal ?? `code ${String(exit.code)}`}) before it was ready${exit.stderrTail ? `: ${exit.stderrTail.split('\n').slice(-3).join(' | ')}` : ''}`));
    });
  });
}
