// The pure parts of the edit commands: what the on-hand and transfer boxes accept, and the
// CSV/JSON import parser (rows with problems are kept, marked, and never sent).
import * as assert from 'assert';
import { chunkRows, parseImport, splitCsv } from '../../src/edits/importParse';
import { parseAmount, parseLineQuantity, parseQuantityInput } from '../../src/edits/quantity';

describe('edits: on-hand input', () => {
  it('reads an absolute count and ± changes against the current on-hand', () => {
    assert.deepStrictEqual(parseQuantityInput('20', 12), { ok: true, kind: 'absolute', result: 20 });
    assert.deepStrictEqual(parseQuantityInput(' +5 ', 12), { ok: true, kind: 'delta', result: 17 });
    assert.deepStrictEqual(parseQuantityInput('-3', 12), { ok: true, kind: 'delta', result: 9 });
    assert.deepStrictEqual(parseQuantityInput('-12', 12), { ok: true, kind: 'delta', result: 0 });
    assert.deepStrictEqual(parseQuantityInput('0', 12), { ok: true, kind: 'absolute', result: 0 });
  });

  it('refuses a negative result, non-integers and empty input', () => {
    assert.deepStrictEqual(parseQuantityInput('-13', 12), { ok: false, problem: 'negative', result: -1 });
    assert.strictEqual(parseQuantityInput('2.5', 12).ok, false);
    assert.deepStrictEqual(parseQuantityInput('2.5', 12), { ok: false, problem: 'not_integer' });
    assert.deepStrictEqual(parseQuantityInput('abc', 12), { ok: false, problem: 'not_integer' });
    assert.deepStrictEqual(parseQuantityInput('1e3', 12), { ok: false, problem: 'not_integer' });
    assert.deepStrictEqual(parseQuantityInput('', 12), { ok: false, problem: 'empty' });
    assert.deepStrictEqual(parseQuantityInput('99999999999999999999', 0), { ok: false, problem: 'too_large' });
  });

  it('checks a transfer line against the stock available at the source', () => {
    assert.deepStrictEqual(parseLineQuantity('5', 5), { ok: true, quantity: 5 });
    assert.deepStrictEqual(parseLineQuantity('6', 5), { ok: false, problem: 'above_available' });
    assert.deepStrictEqual(parseLineQuantity('0', 5), { ok: false, problem: 'not_positive' });
    assert.deepStrictEqual(parseLineQuantity('-2', 5), { ok: false, problem: 'not_positive' });
    assert.deepStrictEqual(parseLineQuantity('1.5', 5), { ok: false, problem: 'not_integer' });
  });

  it('reads money amounts', () => {
    assert.strictEqual(parseAmount('12.50'), 12.5);
    assert.strictEqual(parseAmount('0'), 0);
    assert.strictEqual(parseAmount('-1'), undefined);
    assert.strictEqual(parseAmount('1,5'), undefined);
  });
});

describe('edits: import parser', () => {
  it('splits CSV with quotes, doubled quotes, embedded newlines and CRLF, keeping start lines', () => {
    const records = splitCsv('sku,description\r\nA,"say ""hi"""\r\n\r\nB,"two\nlines"\nC,plain');
    assert.deepStrictEqual(records, [
      { line: 1, fields: ['sku', 'description'] },
      { line: 2, fields: ['A', 'say "hi"'] },
      { line: 4, fields: ['B', 'two\nlines'] },
      { line: 6, fields: ['C', 'plain'] },
    ]);
  });

  it('parses CSV rows into bulk bodies and marks the bad ones with their line', () => {
    const csv = [
      'SKU,Description,Cost,Sell Price,Tags',
      'CSV-1,Bolt,0.25,0.5,hardware;small',
      'CSV-2,,1,,',
      'CSV-3,Nut,abc,,',
      'CSV-1,Bolt again,1,,',
      ',No sku,1,,',
    ].join('\n');
    const result = parseImport('items.csv', csv);
    assert.strictEqual(result.format, 'csv');
    assert.strictEqual(result.fileProblem, undefined);
    assert.deepStrictEqual(result.rows[0], {
      line: 2, sku: 'CSV-1', problems: [],
      body: { sku: 'CSV-1', description: 'Bolt', cost: 0.25, sellPrice: 0.5, tagNames: ['hardware', 'small'] },
    });
    assert.deepStrictEqual(result.rows.slice(1).map((r) => [r.line, r.body, r.problems]), [
      [3, undefined, ['description is missing']],
      [4, undefined, ['cost "abc" is not a number']],
      [5, undefined, ['duplicate SKU (first in row 2)']],
      [6, undefined, ['sku is missing']],
    ]);
  });

  it('accepts semicolon-separated CSV and names missing columns', () => {
    assert.strictEqual(parseImport('x.csv', 'sku;description;cost\nA;B;1').rows[0].body?.cost, 1);
    assert.match(parseImport('x.csv', 'sku,name\nA,B').fileProblem ?? '', /missing: cost/);
    assert.match(parseImport('x.csv', '').fileProblem ?? '', /empty/);
  });

  it('parses JSON arrays (or {items}) and reports invalid JSON', () => {
    const json = JSON.stringify({ items: [{ sku: 'J-1', description: 'Jar', cost: 2, tags: ['glass'] }, { sku: 'J-2', description: 'Lid', cost: -1 }, 'x'] });
    const result = parseImport('items.json', json);
    assert.deepStrictEqual(result.rows[0].body, { sku: 'J-1', description: 'Jar', cost: 2, tagNames: ['glass'] });
    assert.deepStrictEqual(result.rows[1].problems, ['cost must be a number ≥ 0']);
    assert.deepStrictEqual(result.rows[2].problems, ['is not an object']);
    assert.match(parseImport('bad.json', '[{').fileProblem ?? '', /not valid JSON/);
    assert.strictEqual(parseImport('noext', '[{"sku":"A","description":"B","cost":1}]').format, 'json');
  });

  it('chunks only the usable rows, 100 per request', () => {
    const lines = ['sku,description,cost', ...Array.from({ length: 250 }, (_, i) => `S-${i},d,${i === 7 ? 'x' : 1}`)];
    const chunks = chunkRows(parseImport('a.csv', lines.join('\n')).rows);
    assert.deepStrictEqual(chunks.map((c) => c.length), [100, 100, 49]);
    assert.ok(chunks.flat().every((r) => r.body));
  });
});
