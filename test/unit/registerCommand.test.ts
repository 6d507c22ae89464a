// Typed command ids (src/registerCommand.ts) are exactly the contributed commands: a command added
// to package.json without a registration, or registered without a contribution, fails here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

describe('command ids', () => {
  it('COMMAND_IDS lists every contributed command, and nothing else', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    // The module imports vscode; read the list from its source instead of loading it in Node.
    const source = fs.readFileSync(path.join(__dirname, '../../../src/registerCommand.ts'), 'utf8');
    const listed = [...source.slice(source.indexOf('COMMAND_IDS'), source.indexOf('] as const')).matchAll(/'(retrac\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
    assert.deepStrictEqual(listed, contributed);
  });
});
