// The floor of any Node scanner, run as a peer by scan.bench.mjs: start Node, walk the tree
// (skipping .git, as every tool does) and open, read and close each file with the same sync calls
// retrac-scan uses, searching nothing. What retrac-scan costs above this is its own; what this
// costs above grep is Node's (start-up, and a call into the runtime per system call).
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';

const buf = Buffer.allocUnsafe(1 << 20);
let files = 0;
let bytes = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(path);
    else if (e.isFile()) {
      const fd = openSync(path, 'r');
      for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) bytes += n;
      closeSync(fd);
      files++;
    }
  }
}
walk(process.argv[2] ?? '.');
console.log(`${files} files, ${bytes} bytes`);
