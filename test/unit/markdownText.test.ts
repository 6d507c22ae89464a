// Markdown escaping for hovers and tooltips (src/markdownText.ts).
import * as assert from 'assert';
import { escapeMarkdown } from '../../src/markdownText';

describe('escapeMarkdown', () => {
  it('escapes inline markup anywhere and block markup at the line start only', () => {
    assert.strictEqual(escapeMarkdown('A*1_[x](y)|`z`<b>'), 'A\\*1\\_\\[x\\](y)\\|\\`z\\`\\<b\\>');
    assert.strictEqual(escapeMarkdown('# not a heading'), '\\# not a heading');
    assert.strictEqual(escapeMarkdown('- not a list'), '\\- not a list');
    assert.strictEqual(escapeMarkdown('12. not a list'), '12\\. not a list');
    assert.strictEqual(escapeMarkdown('AB-12.5 m'), 'AB-12.5 m', 'a SKU stays as typed');
  });
});
