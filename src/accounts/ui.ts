// The accounts' commands UI, one bundle (dist/account-ui.js) that activation does not load: Add
// API Key, the profile commands and the local sandbox launcher, with what only they use (the key
// check, enrolment). `Accounts` requires it on the first command.
export { addApiKeyCommand, type AddKeyOutcome } from './addKey';
export { enrolProfile } from './enrolDeps';
export { bindProfileCommand, removeApiKeyCommand, renameProfileCommand, switchProfileCommand, unbindProfileCommand } from './profileCommands';
export { SandboxLauncher } from './sandboxLauncher';
