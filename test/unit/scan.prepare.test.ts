// How a file is read is decided once per file (src/scan/prepare.ts). The editor passes VS Code's
// language id, the CLI only the name: for a file no installed extension knows, VS Code says
// `plaintext`, and the editor must still read it as the CLI does.
import * as assert from 'node:assert/strict';
import { prepareOptions } from '../../src/scan/prepare';

describe('prepareOptions', () => {
  const unknownToVsCode = ['src/Client.kt', 'infra/main.tf', 'lib/config.dart', 'config/runtime.exs', 'src/main.rs', 'app/Main.hs', 'build.gradle.kts', 'pyproject.toml', 'deploy/values.yaml', 'settings.ini', 'Dockerfile'];
  for (const fileName of unknownToVsCode) {
    it(`${fileName} with VS Code's "plaintext" is read as the CLI reads it`, () => {
      const cli = prepareOptions({ fileName });
      const editor = prepareOptions({ fileName, languageId: 'plaintext' });
      assert.deepEqual(
        { paragraphs: editor.paragraphs, jsonData: editor.jsonData, envFile: editor.envFile, notebook: editor.notebook },
        { paragraphs: cli.paragraphs, jsonData: cli.jsonData, envFile: cli.envFile, notebook: cli.notebook },
      );
    });
  }

  it('a language id VS Code knows still decides (a .txt file opened as YAML is read as YAML)', () => {
    assert.equal(prepareOptions({ fileName: 'notes.txt', languageId: 'yaml' }).paragraphs, true);
    assert.equal(prepareOptions({ fileName: 'notes.txt', languageId: 'kotlin' }).paragraphs, false);
  });
});
