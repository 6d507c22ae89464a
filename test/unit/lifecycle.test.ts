// The one lifecycle (src/lifecycle.ts): newest first, once, every part even when one throws, and
// a part registered after disposal is disposed at once.
import * as assert from 'assert';
import { Disposable, DisposableStore } from '../../src/lifecycle';

describe('Disposable', () => {
  it('disposes what it owns newest first, once', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    for (const name of ['a', 'b', 'c']) store.add({ dispose: () => order.push(name) });
    store.dispose();
    store.dispose();
    assert.deepStrictEqual(order, ['c', 'b', 'a']);
  });

  it('disposes every part even when one throws, then throws what failed', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add({ dispose: () => order.push('a') });
    store.add({ dispose: () => { throw new Error('b broke'); } });
    store.add({ dispose: () => order.push('c') });
    assert.throws(() => store.dispose(), /b broke/);
    assert.deepStrictEqual(order, ['c', 'a']);
    const two = new DisposableStore();
    two.add({ dispose: () => { throw new Error('x'); } });
    two.add({ dispose: () => { throw new Error('y'); } });
    assert.throws(() => two.dispose(), (e: unknown) => e instanceof AggregateError && e.errors.length === 2);
  });

  it('a part registered after disposal is disposed at once', () => {
    class Part extends Disposable {
      own(d: { dispose(): unknown }) {
        return this.register(d);
      }
    }
    const part = new Part();
    part.dispose();
    let disposed = 0;
    part.own({ dispose: () => disposed++ });
    assert.strictEqual(disposed, 1);
  });
});
