// Entry of dist/sandbox.js: a library (`require('dist/sandbox.js').startSandbox`) and, run
// directly, the CLI.
import { runCli } from './cli';
import { startSandbox } from './server';

export { startSandbox };

if (require.main === module) {
  void runCli(process.argv.slice(2));
}
