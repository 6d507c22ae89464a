// Command ids of the leak scan (contributed in package.json; the internal ones, targets of quick
// fixes, are hidden from the palette). Typed: each must be one of the extension's CommandIds.
import type { CommandId } from '../registerCommand';

export const COMMAND_SCAN_WORKSPACE = 'retrac.scanWorkspace' satisfies CommandId;
export const COMMAND_RESET_IGNORED = 'retrac.resetIgnoredFindings' satisfies CommandId;
export const COMMAND_IGNORE_IN_WORKSPACE = 'retrac.ignoreFindingInWorkspace' satisfies CommandId;
export const COMMAND_ROTATE_KEY = 'retrac.rotateLeakedKey' satisfies CommandId;
export const COMMAND_RENAME_ENV_NAME = 'retrac.renamePublicEnvName' satisfies CommandId;
export const COMMAND_APPLY_FIX = 'retrac.applyLeakFix' satisfies CommandId;
export const COMMAND_SCAN_GIT_HISTORY = 'retrac.scanGitHistory' satisfies CommandId;
export const COMMAND_INSTALL_HOOK = 'retrac.installPreCommitHook' satisfies CommandId;
export const COMMAND_REMOVE_HOOK = 'retrac.removePreCommitHook' satisfies CommandId;

/** Every command LeakDiagnostics registers: forwarded at start until its bundle loads (src/extension.ts). */
export const DIAGNOSTICS_COMMANDS: readonly CommandId[] = [
  COMMAND_SCAN_WORKSPACE, COMMAND_RESET_IGNORED, COMMAND_IGNORE_IN_WORKSPACE, COMMAND_ROTATE_KEY, COMMAND_RENAME_ENV_NAME,
  COMMAND_APPLY_FIX, COMMAND_SCAN_GIT_HISTORY, COMMAND_INSTALL_HOOK, COMMAND_REMOVE_HOOK,
];
