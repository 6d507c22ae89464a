// Command ids of the leak scan (contributed in package.json; the internal ones, targets of quick
// fixes, are hidden from the palette).
export const COMMAND_SCAN_WORKSPACE = 'retrac.scanWorkspace';
export const COMMAND_RESET_IGNORED = 'retrac.resetIgnoredFindings';
export const COMMAND_IGNORE_IN_WORKSPACE = 'retrac.ignoreFindingInWorkspace';
export const COMMAND_ROTATE_KEY = 'retrac.rotateLeakedKey';
export const COMMAND_RENAME_ENV_NAME = 'retrac.renamePublicEnvName';
export const COMMAND_FINISH_FIX = 'retrac.finishLeakFix';
export const COMMAND_SCAN_GIT_HISTORY = 'retrac.scanGitHistory';
export const COMMAND_INSTALL_HOOK = 'retrac.installPreCommitHook';
export const COMMAND_REMOVE_HOOK = 'retrac.removePreCommitHook';
