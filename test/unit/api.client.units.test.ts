// The client's pure parts: Retry-After forms, 403 reasons, describeError sentences, page walking.
import * as assert from 'node:assert/strict';
import { describeError, pages } from '../../src/api/client';
import { describeWait } from '../../src/api/describeError';
import { isRetracError, RetracError, type RetracErrorInit } from '../../src/api/errors';
import { classifyForbidden } from '../../src/api/http';
import { parseResetAt, parseRetryAfter } from '../../src/api/retryAfter';
import { fakeKey } from '../fakeKeys';

const NOW = Date.UTC(2026, 10, 27, 20, 0, 0);

function err(init: Partial<RetracErrorInit> & Pick<RetracErrorInit, 'code'>): RetracError {
  return new RetracError({ status: 403, message: '', ...init });
}

describe('Retry-After', () => {
  it('reads delta seconds', () => {
    assert.equal(parseRetryAfter('7', NOW), 7000);
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter('1.5', NOW), 1500);
  });
  it('reads an HTTP date', () => {
    assert.equal(parseRetryAfter(new Date(NOW + 12_000).toUTCString(), NOW), 12_000);
  });
  it('reads epoch seconds and epoch milliseconds by magnitude', () => {
    assert.equal(parseRetryAfter(String(NOW / 1000 + 30), NOW), 30_000);
    assert.equal(parseRetryAfter(String(NOW + 2500), NOW), 2500);
  });
  it('never returns a negative wait, and ignores garbage', () => {
    assert.equal(parseRetryAfter(String(NOW - 5000), NOW), 0);
    assert.equal(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter('', NOW), undefined);
    assert.equal(parseRetryAfter(null, NOW), undefined);
  });
  it('reads X-RateLimit-Reset as epoch milliseconds', () => {
    assert.equal(parseResetAt('1900000000', NOW), 1_900_000_000_000);
    assert.equal(parseResetAt(String(NOW), NOW), NOW);
    assert.equal(parseResetAt('60', NOW), NOW + 60_000);
    assert.equal(parseResetAt('x', NOW), undefined);
  });
});

describe('403 reasons', () => {
  it('names the missing scope, preferring the specific one over a preset', () => {
    assert.deepEqual(classifyForbidden('forbidden', 'Missing scope: apis.all or inventory.write'), { forbidden: 'scope', missingScope: 'inventory.write' });
    assert.deepEqual(classifyForbidden('forbidden', 'This key lacks the items.read scope.'), { forbidden: 'scope', missingScope: 'items.read' });
  });
  it('tells role, location, plan and plan limit apart', () => {
    assert.equal(classifyForbidden('forbidden', 'Only workspace owners can revert transfers.').forbidden, 'role');
    assert.equal(classifyForbidden('forbidden', 'You have View access at location Van 2.').forbidden, 'location');
    assert.equal(classifyForbidden('forbidden', 'API keys need the Business plan or above.').forbidden, 'plan');
    assert.equal(classifyForbidden('exceeded_limit', 'You reached the 50 items of your plan.').forbidden, 'plan_limit');
    assert.equal(classifyForbidden('forbidden', 'Nope.').forbidden, 'unknown');
  });
  it('is not misled by a location name in the message', () => {
    assert.equal(classifyForbidden('forbidden', 'You have view-only access to location "Business Park Owners"; changing its stock needs Edit access.').forbidden, 'location');
    assert.equal(classifyForbidden('forbidden', 'Only workspace owners can create locations.').forbidden, 'role');
  });
});

describe('describeError', () => {
  it('says which scope is missing', () => {
    assert.equal(describeError(err({ code: 'forbidden', forbidden: 'scope', missingScope: 'inventory.write' })), 'This key lacks the `inventory.write` scope.');
  });
  it('says what only owners can do', () => {
    assert.equal(describeError(err({ code: 'forbidden', forbidden: 'role', path: '/inventory/transfers/t1/revert' })), 'Only workspace owners can revert transfers.');
  });
  it('says what access the user has at a location', () => {
    assert.equal(describeError(err({ code: 'forbidden', forbidden: 'location', message: 'View access only at Van 2' })), 'You have View access only at this location.');
    assert.equal(describeError(err({ code: 'forbidden', forbidden: 'location', message: 'No access to this location' })), 'You have no access to this location.');
  });
  it('explains plans and plan limits', () => {
    assert.equal(describeError(err({ code: 'forbidden', forbidden: 'plan' })), 'Your plan has no API access: API keys need Business or above.');
    assert.equal(describeError(err({ code: 'exceeded_limit', forbidden: 'plan_limit', message: 'Items limit of 50 reached' })), 'Plan limit reached: Items limit of 50 reached.');
  });
  it('gives the rate-limit wait in whole seconds', () => {
    assert.equal(describeError(err({ code: 'rate_limit_exceeded', status: 429, retryAfterMs: 12_300 })), 'Rate limited: try again in 13 s.');
  });
  it('gives a long rate-limit wait in minutes, and one of an hour or more in words', () => {
    assert.equal(describeError(err({ code: 'rate_limit_exceeded', status: 429, retryAfterMs: 300_000 })), 'Rate limited: try again in 5 min.');
    assert.equal(describeError(err({ code: 'rate_limit_exceeded', status: 429, retryAfterMs: 3_600_000 })), 'Rate limited: Retrac asked to wait more than an hour; try again later.');
    assert.equal(describeError(err({ code: 'rate_limit_exceeded', status: 429 })), 'Rate limited: try again in a minute.');
    assert.equal(describeWait(Number.NaN), 'a minute');
    assert.equal(describeWait(1), '1 s');
  });
  it('explains certificate problems, pointing at the CA setting for the sandbox', () => {
    assert.match(describeError(err({ code: 'tls', status: 0, tls: 'untrusted', host: '127.0.0.1:8787' })), /^The sandbox certificate is not trusted.*retrac\.caCertificatePath/);
    assert.match(describeError(err({ code: 'tls', status: 0, tls: 'expired', host: 'api.retrac.co' })), /api\.retrac\.co has expired/);
    assert.match(describeError(err({ code: 'tls', status: 0, tls: 'hostname', host: 'api.retrac.co' })), /another host name/);
  });
  it('says which host cannot be reached', () => {
    assert.equal(describeError(err({ code: 'network', status: 0, host: 'api.retrac.co', message: 'Cannot reach api.retrac.co: host not found (ENOTFOUND).' })), 'Cannot reach api.retrac.co: host not found (ENOTFOUND).');
  });
  it('never includes a key, even from a foreign error', () => {
    const key = fakeKey('restricted');
    const full = fakeKey('full');
    assert.ok(!describeError(new Error(`failed with ${key}`)).includes(key));
    assert.ok(!describeError(new Error(`failed with ${full}`)).includes(full));
    assert.ok(!describeError(err({ code: 'bad_request', status: 400, message: `Bearer ${full} is malformed` })).includes(full));
  });
});

describe('pages()', () => {
  const catalog = Array.from({ length: 25 }, (_, i) => i);
  const calls: number[] = [];
  const fetchPage = (page: number, size: number): Promise<number[]> => {
    calls.push(page);
    return Promise.resolve(catalog.slice((page - 1) * size, page * size));
  };
  beforeEach(() => { calls.length = 0; });

  it('walks every page and stops at the short one', async () => {
    const seen: number[][] = [];
    for await (const page of pages(fetchPage, 10)) seen.push(page);
    assert.deepEqual(seen.map((p) => p.length), [10, 10, 5]);
    assert.deepEqual(seen.flat(), catalog);
    assert.deepEqual(calls, [1, 2, 3]);
  });

  it('fetches one page at a time: breaking after the first fetches only the first', async () => {
    for await (const page of pages(fetchPage, 10)) { assert.equal(page.length, 10); break; }
    assert.deepEqual(calls, [1]);
  });

  it('ends after an empty page when the total is a multiple of pageSize, yielding no empty page', async () => {
    const seen: number[][] = [];
    for await (const page of pages(fetchPage, 5)) seen.push(page);
    assert.equal(seen.length, 5);
    assert.deepEqual(calls, [1, 2, 3, 4, 5, 6]);
  });

  it('starts at a later page', async () => {
    const seen: number[] = [];
    for await (const page of pages(fetchPage, 10, 3)) seen.push(...page);
    assert.deepEqual(seen, [20, 21, 22, 23, 24]);
  });
});

describe('RetracError across bundles', () => {
  it('a RetracError from another copy of the module (a lazily loaded bundle) is still recognised', () => {
    // A second, independent copy of errors.js, as each bundle carries its own.
    const path = require.resolve('../../src/api/errors');
    const saved = require.cache[path];
    delete require.cache[path];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const other = require(path) as typeof import('../../src/api/errors');
      assert.notEqual(other.RetracError, RetracError, 'a distinct copy of the class');
      const e = new other.RetracError({ status: 429, code: 'rate_limit_exceeded', message: 'slow down' });
      assert.ok(e instanceof RetracError);
      assert.ok(isRetracError(e));
      assert.ok(!(new Error('x') instanceof RetracError));
      assert.ok(!({ name: 'RetracError', code: 'network' } as unknown instanceof RetracError));
    } finally {
      if (saved) require.cache[path] = saved;
    }
  });
});
