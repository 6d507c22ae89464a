// The one "Retrac" log channel that every part writes to. Every message goes through the
// redaction pass first, so no key, Authorization header or key-shaped string reaches it.
import * as vscode from 'vscode';
import { redactText } from './api/keys';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  /** A logger that prefixes each line with `[component]`. */
  child(component: string): Logger;
}

export class RetracLog implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  /** Exact secrets the redaction must also remove (full-access keys have no prefix to spot). */
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Retrac', { log: true });
  }

  /** Registers a secret the redaction removes wherever it appears; returns a disposable that forgets it. */
  addSecret(secret: string): vscode.Disposable {
    this.secrets.add(secret);
    return new vscode.Disposable(() => this.secrets.delete(secret));
  }

  redact(text: string): string {
    return redactText(text, this.secrets);
  }

  show(): void {
    this.channel.show(true);
  }

  logger(component?: string): Logger {
    const prefix = component ? `[${component}] ` : '';
    const line = (m: string | Error) => this.redact(prefix + (m instanceof Error ? `${m.name}: ${m.message}` : m));
    return {
      trace: (m) => this.channel.trace(line(m)),
      debug: (m) => this.channel.debug(line(m)),
      info: (m) => this.channel.info(line(m)),
      warn: (m) => this.channel.warn(line(m)),
      error: (m) => this.channel.error(line(m)),
      child: (c) => this.logger(component ? `${component}/${c}` : c),
    };
  }

  dispose(): void {
    this.channel.dispose();
    this.secrets.clear();
  }
}
