// The pure core's l10n seam. A pure module cannot import vscode, so the sentences it builds take a
// `t` from the caller: vscode.l10n.t in the extension, `english` in the CLI, the transport's own
// messages and the tests. Calls are written `t('…', …)` with literal messages, so l10n.mjs extracts
// them into the bundle like the shell's (it reads every file that imports this module).

/** vscode.l10n.t's shape: the English message with {0}, {1}, … and the values to put there. */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

/** The message itself with {0}, {1}, … filled in: what vscode.l10n.t returns when no translation is loaded. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
