// Recognising Retrac values by shape and context (hovers) and the slots where they go (completions),
// across languages and file kinds; and the shared cache's rules (TTL, one load per key, abort).
import * as assert from 'assert';
import { InventoryCache, isAbortError } from '../../src/inventoryCache';
import { hintFromKey, mentionsRetrac, slotAt, valueAt } from '../../src/hover/values';
import { cuid, seededRng } from '../../src/sandbox/ids';

const rng = seededRng(7);
const id = () => cuid(rng);

function at(line: string, needle: string, retrac = true) {
  const i = line.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in ${line}`);
  return valueAt(line, i + 2, retrac);
}

describe('Retrac values in text', () => {
  it('finds ids by the contract grammar in any language, with the kind the words around say', () => {
    const x = id();
    const cases: [string, string][] = [
      [`const body = { itemId: "${x}", qty: 1 };`, 'item'],
      [`body = {"locationId": "${x}"}`, 'location'],
      [`  fromLocationId: '${x}',`, 'location'],
      [`transfer_id = "${x}"`, 'transfer'],
      [`GET https://api.retrac.co/inventory/balances?itemId=${x}&pageSize=5`, 'item'],
      [`curl https://api.retrac.co/inventory/transfers/${x}`, 'transfer'],
      [`$loc = '${x}'; # PHP`, 'unknown'],
      [`<item id="${x}"/>`, 'unknown'],
      [`LOCATION_ID=${x}`, 'location'],
    ];
    for (const [line, hint] of cases) {
      const v = at(line, x, false);
      assert.ok(v, line);
      assert.strictEqual(v.kind, 'item', line);
      assert.strictEqual(v.value, x, line);
      assert.strictEqual(v.hint, hint, line);
    }
  });

  it('finds ws_ workspace ids', () => {
    const ws = `ws_${id()}`;
    const v = at(`const client = new Retrac({ workspaceId: "${ws}" })`, ws, false);
    assert.deepStrictEqual([v?.kind, v?.value], ['workspace', ws]);
  });

  it('takes SKU-shaped tokens only in Retrac context, any token after a sku key', () => {
    assert.strictEqual(at('const part = "HOSE-000300";', 'HOSE', false), undefined, 'no Retrac context');
    assert.strictEqual(at('const part = "HOSE-000300";', 'HOSE', true)?.kind, 'sku');
    assert.strictEqual(at('payload = {"sku": "bolt m8"}', 'bolt', false)?.value, 'bolt');
    assert.strictEqual(at('GET /items?sku=abc-1&page=2', 'abc', false)?.value, 'abc-1');
    // Words, plain numbers and lower-case identifiers are not SKUs even in Retrac context.
    assert.strictEqual(at('const RETRAC = "HELLO";', 'HELLO', true), undefined);
    assert.strictEqual(at('const n = 123456;', '123456', true), undefined);
    assert.strictEqual(at('import retrac from "retrac-sdk";', 'retrac-sdk', true), undefined);
  });

  it('does not take parts of longer tokens or keys', () => {
    const x = id();
    assert.strictEqual(valueAt(`const k = "retrac_${x.slice(1)}";`, 12, false), undefined, 'inside a retrac_ key');
    assert.strictEqual(at(`x = "${x}abc"`, x, false), undefined, 'longer token');
    assert.strictEqual(at(`x = "A${x}"`, x, false), undefined, 'prefixed');
  });

  it('trims sentence punctuation after a value', () => {
    const x = id();
    const line = `See location ${x}.`;
    const v = valueAt(line, line.indexOf(x) + 3, false);
    assert.strictEqual(v?.value, x);
  });

  it('Retrac context: the word, not retracted/retraction; or the profile host', () => {
    assert.ok(mentionsRetrac('import { Retrac } from "@retrac/sdk"'));
    assert.ok(mentionsRetrac('const RETRAC_API_KEY = process.env.X'));
    assert.ok(mentionsRetrac('fetch("https://api.retrac.co/items")'));
    assert.ok(!mentionsRetrac('The claim was retracted. A retraction followed.'));
    assert.ok(mentionsRetrac('GET https://127.0.0.1:8787/items', '127.0.0.1:8787'));
    assert.ok(!mentionsRetrac('GET https://example.com/items', '127.0.0.1:8787'));
  });

  it('hints from keys', () => {
    assert.strictEqual(hintFromKey('item_id'), 'item');
    assert.strictEqual(hintFromKey('toLocationId'), 'location');
    assert.strictEqual(hintFromKey('transferId'), 'transfer');
    assert.strictEqual(hintFromKey('id'), 'unknown');
  });
});

describe('Completion slots', () => {
  const slot = (line: string, bare = false) => slotAt(line, line.length, bare);
  it('URL parameters', () => {
    assert.deepStrictEqual(slot('GET https://api.retrac.co/items?sku=HO'), { kind: 'sku', key: 'sku', typed: 'HO', start: 36, quoted: false });
    assert.strictEqual(slot('fetch(`${base}/inventory/balances?pageSize=5&itemId=')?.kind, 'itemId');
    assert.strictEqual(slot('requests.get(url + "?locationId=c9')?.kind, 'locationId');
    assert.strictEqual(slot('GET /items?search=HO'), undefined, 'search is not a value slot');
  });
  it('JSON, JS, Python and Go bodies', () => {
    assert.strictEqual(slot('{ "sku": "HOSE')?.typed, 'HOSE');
    assert.strictEqual(slot("  fromLocationId: '")?.kind, 'locationId');
    assert.strictEqual(slot('    "toLocationId": "')?.kind, 'locationId');
    assert.strictEqual(slot("body = dict(itemId='c1")?.kind, 'itemId');
    assert.strictEqual(slot('payload := map[string]any{"sku": "B')?.kind, 'sku');
    assert.strictEqual(slot('$body = @{ sku = "B')?.kind, 'sku');
    assert.strictEqual(slot('{ "note": "'), undefined);
    assert.strictEqual(slot('{ "sku": "A", "note": "x'), undefined, 'only the value being typed');
  });
  it('YAML and .http bare values only when allowed', () => {
    assert.strictEqual(slot('sku: HO', true)?.typed, 'HO');
    assert.strictEqual(slot('- locationId: ', true)?.kind, 'locationId');
    assert.strictEqual(slot('sku: HO', false), undefined);
  });
});

describe('InventoryCache', () => {
  it('loads once per key while in flight and while fresh; expires after the TTL', async () => {
    let now = 0;
    const cache = new InventoryCache(1000, () => now);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return 'v';
    };
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    assert.deepStrictEqual([a, b, loads], ['v', 'v', 1]);
    assert.strictEqual(await cache.get('k', load), 'v');
    assert.strictEqual(loads, 1);
    now = 1001;
    assert.strictEqual(await cache.get('k', load), 'v');
    assert.strictEqual(loads, 2);
  });

  it('aborts the load only when every waiting caller gave up', async () => {
    const cache = new InventoryCache();
    let aborted = 0;
    const load = (signal: AbortSignal) => new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => resolve('late'), 50);
      signal.addEventListener('abort', () => {
        aborted++;
        clearTimeout(timer);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    });
    const a = new AbortController();
    const b = new AbortController();
    const pa = cache.get('k', load, a.signal);
    const pb = cache.get('k', load, b.signal);
    a.abort();
    await assert.rejects(pa, (e) => isAbortError(e));
    assert.strictEqual(aborted, 0, 'b still waits');
    assert.strictEqual(await pb, 'late');
    const c = new AbortController();
    const pc = cache.get('other', load, c.signal);
    c.abort();
    await assert.rejects(pc, (e) => isAbortError(e));
    assert.strictEqual(aborted, 1);
    assert.strictEqual(cache.has('other'), false);
  });

  it('a failed load is not cached; clear() drops loads in flight', async () => {
    const cache = new InventoryCache();
    await assert.rejects(cache.get('k', () => Promise.reject(new Error('boom'))), /boom/);
    assert.strictEqual(await cache.get('k', () => Promise.resolve(1)), 1);
    const slow = cache.get('s', () => new Promise((r) => setTimeout(() => r(2), 10)));
    cache.clear();
    assert.strictEqual(await slow, 2);
    assert.strictEqual(cache.has('s'), false, 'an answer for the old profile is not stored');
  });
});
