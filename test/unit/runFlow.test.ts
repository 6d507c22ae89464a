// The one multi-step runner (src/runFlow.ts): step numbering, Back restoring the state as it was
// when the previous step was entered, Rewind keeping the current state, Escape cancelling.
import * as assert from 'assert';
import { BACK, FINISH, Rewind, runFlow, type Step, type StepContext, type StepResult } from '../../src/runFlow';

interface State {
  name?: string;
  qty?: number;
  visits: string[];
}

/** Steps that answer from a script: each step pops its next scripted result. */
function scripted(script: Record<string, StepResult[]>, seen: { name: string; ctx: StepContext; state: State }[]) {
  const step = (name: string, write: (s: State) => void): Step<State> => (state, ctx) => {
    seen.push({ name, ctx, state: structuredClone(state) });
    state.visits.push(name);
    write(state);
    return Promise.resolve(script[name].shift());
  };
  return {
    name: step('name', (s) => (s.name = `n${s.visits.length}`)),
    qty: step('qty', (s) => (s.qty = s.visits.length)),
    confirm: step('confirm', () => undefined),
  };
}

describe('runFlow', () => {
  it('runs the path in order and numbers the steps step/total', async () => {
    const seen: { name: string; ctx: StepContext; state: State }[] = [];
    const steps = scripted({ name: ['qty'], qty: ['confirm'], confirm: [FINISH] }, seen);
    const final = await runFlow<State>({ visits: [] }, ['name', 'qty', 'confirm'], steps);
    assert.deepStrictEqual(final?.visits, ['name', 'qty', 'confirm']);
    assert.deepStrictEqual(seen.map((s) => [s.name, s.ctx.step, s.ctx.totalSteps, s.ctx.canGoBack]), [
      ['name', 1, 3, false],
      ['qty', 2, 3, true],
      ['confirm', 3, 3, true],
    ]);
  });

  it('Back restores the state as it was when the previous step was entered', async () => {
    const seen: { name: string; ctx: StepContext; state: State }[] = [];
    const steps = scripted({ name: ['qty', 'qty'], qty: [BACK, 'confirm'], confirm: [FINISH] }, seen);
    const final = await runFlow<State>({ visits: [] }, ['name', 'qty', 'confirm'], steps);
    // The second visit of `name` sees the state from before its first visit: no trace of `qty`.
    const secondName = seen.filter((s) => s.name === 'name')[1];
    assert.deepStrictEqual(secondName.state, { visits: [] });
    assert.strictEqual(secondName.ctx.canGoBack, false);
    assert.deepStrictEqual(final?.visits, ['name', 'qty', 'confirm']);
    assert.strictEqual(final?.name, 'n1');
  });

  it('Back on the first step and Escape anywhere cancel', async () => {
    assert.strictEqual(await runFlow<State>({ visits: [] }, ['name'], scripted({ name: [BACK] }, [])), undefined);
    assert.strictEqual(await runFlow<State>({ visits: [] }, ['name', 'qty'], scripted({ name: ['qty'], qty: [undefined] }, [])), undefined);
  });

  it('Rewind goes back to an earlier step keeping the current state, and Back from there skips the rewound steps', async () => {
    const seen: { name: string; ctx: StepContext; state: State }[] = [];
    const steps = scripted({ name: ['qty', BACK], qty: ['confirm'], confirm: [new Rewind('name')] }, seen);
    const final = await runFlow<State>({ visits: [] }, ['name', 'qty', 'confirm'], steps);
    const rewound = seen[3];
    assert.strictEqual(rewound.name, 'name');
    assert.deepStrictEqual(rewound.state.visits, ['name', 'qty', 'confirm'], 'the state is kept');
    assert.strictEqual(rewound.ctx.canGoBack, false, 'nothing before the first step');
    assert.strictEqual(final, undefined, 'Back from the first step cancels');
  });

  it('a step outside the path is numbered by how many steps came before it', async () => {
    const seen: { name: string; ctx: StepContext; state: State }[] = [];
    const steps = scripted({ name: ['qty'], qty: ['confirm'], confirm: [FINISH] }, seen);
    await runFlow<State>({ visits: [] }, ['name', 'confirm'], steps);
    assert.deepStrictEqual(seen.map((s) => [s.name, s.ctx.step, s.ctx.totalSteps]), [
      ['name', 1, 2],
      ['qty', 2, undefined],
      ['confirm', 2, 2],
    ]);
  });
});
