// The incremental scan equals a full scan after random edits (property test, fixed seed), and
// adversarial input stays linear.
import * as assert from 'node:assert/strict';
import { IncrementalScan, scanText, type Finding, type ScanOptions, type TextChange } from '../../src/scan';
import { assignmentCarriers, publicCarriers, requestCarriers, withCpuMs } from './scanFixtures';
import { seededRng } from '../../src/sandbox/ids';

// mulberry32, the sandbox's seeded generator, so a failure replays.
const rng = seededRng;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function seededKey(r: () => number, prefixed: boolean): string {
  let body = '';
  while (!(/[0-9]/.test(body) && /[a-z]/.test(body) && /[A-Z]/.test(body))) {
    body = Array.from({ length: 24 }, () => ALNUM[Math.floor(r() * 62)]).join('');
  }
  return (prefixed ? 'retrac' + '_' : '') + body;
}

const FILLER = [
  'const total = items.reduce((n, i) => n + i.onHandQty, 0);',
  '',
  '// retrac-ignore-next-line',
  'function list() {',
  '}',
  '  return fetch(`${BASE}/items?page=${page}`);',
  'workspaceId: ws,',
  'Authorization: `Bearer ${token}`,',
  'retrac',
  '"\n"',
  'BASE = "https://api.retrac.co"',
  'curl -H "Authorization: Bearer \\',
];

function buildDocument(r: () => number, blocks: number): string {
  const parts: string[] = [];
  for (let i = 0; i < blocks; i++) {
    const pick = r();
    const key = seededKey(r, r() < 0.5);
    if (pick < 0.3) {
      const c = requestCarriers[Math.floor(r() * requestCarriers.length)];
      const path = ['/items', '/workspaces', '/tags?workspaceId=ws_' + 'acme123456', '/locations'][Math.floor(r() * 4)];
      parts.push(c.make(`${r() < 0.2 ? 'http' : 'https'}://api.retrac.co${path}`, `Bearer ${key}`));
    } else if (pick < 0.5) {
      parts.push(assignmentCarriers[Math.floor(r() * assignmentCarriers.length)].make(key));
    } else if (pick < 0.6) {
      parts.push(publicCarriers[Math.floor(r() * publicCarriers.length)].make(key));
    } else {
      parts.push(FILLER[Math.floor(r() * FILLER.length)]);
    }
  }
  return parts.join('\n');
}

function randomEdit(r: () => number, text: string): TextChange {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  const pieces = ['\n', 'x', 'retrac', '_', 'Bearer ', '"', '// retrac-ignore', 'workspaceId=', 'RETRAC_API_KEY=', seededKey(r, true), seededKey(r, false), '\n\n', 'http://api.retrac.co', '/items'];
  if (kind < 0.4) return { rangeOffset: at, rangeLength: 0, text: pieces[Math.floor(r() * pieces.length)] };
  const len = Math.min(text.length - at, Math.floor(r() * (kind < 0.7 ? 3 : 80)));
  return { rangeOffset: at, rangeLength: len, text: kind < 0.85 ? '' : pieces[Math.floor(r() * pieces.length)] };
}

function pickFrom(r: () => number, a: string[]): string {
  return a[Math.floor(r() * a.length)];
}

function apply(text: string, c: TextChange): string {
  return text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
}

const strip = (fs: Finding[]): string[] => fs.map((f) => JSON.stringify(f));

describe('scan: incremental equals full', () => {
  const options: ScanOptions = { fileName: 'mixed.ts', envValues: new Map([['INV_KEY', seededKey(rng(99), true)]]) };

  it('after 1,500 random single edits (seed 20261127)', () => {
    const r = rng(20261127);
    let text = buildDocument(r, 120);
    const inc = new IncrementalScan(options);
    assert.deepEqual(strip(inc.full(text)), strip(scanText(text, options)));
    let nonEmpty = 0;
    for (let step = 0; step < 1500; step++) {
      const change = randomEdit(r, text);
      text = apply(text, change);
      const got = inc.update(text, [change]);
      const want = scanText(text, options);
      if (want.length) nonEmpty++;
      assert.deepEqual(strip(got), strip(want), `step ${step}: ${JSON.stringify(change)}`);
    }
    assert.ok(nonEmpty > 1000, 'the property ran on documents with findings');
  });

  it('after random edits on documents whose findings reach far: constants, sections, hosts, requests over many lines (seed 31)', () => {
    const r = rng(31);
    const blocks = (n: number): string => {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const k = seededKey(r, r() < 0.4);
        const pick = Math.floor(r() * 7);
        if (pick === 0) parts.push(`const TOKEN${i % 3} = "${k}";`);
        else if (pick === 1) parts.push(`const res = await fetch(BASE + '/items', {\n\n  // auth\n  headers: { Authorization: \`Bearer \${TOKEN${i % 3}}\` },\n});`);
        else if (pick === 2) parts.push(`const BASE = 'https://api.retrac.co';`);
        else if (pick === 3) parts.push(`retrac:\n  nested:\n    api_key: ${k}`);
        else if (pick === 4) parts.push(`req, _ := http.NewRequest("GET", "https://api.retrac.co/tags?workspaceId=ws", nil)\nif err != nil {\n  return err\n}\nreq.Header.Set("Authorization", "Bearer "+TOKEN${i % 3})`);
        else parts.push(FILLER[Math.floor(r() * FILLER.length)]);
      }
      return parts.join('\n');
    };
    let text = blocks(160);
    const opts: ScanOptions = { fileName: 'far.ts' };
    const inc = new IncrementalScan(opts);
    assert.deepEqual(strip(inc.full(text)), strip(scanText(text, opts)));
    let nonEmpty = 0;
    for (let step = 0; step < 600; step++) {
      const change = r() < 0.15 ? { rangeOffset: Math.floor(r() * text.length), rangeLength: 0, text: pickFrom(r, ['{', '}', '(', ')', '\\\n', 'TOKEN1', 'BASE', '\n\n', 'retrac:\n  ']) } : randomEdit(r, text);
      text = apply(text, change);
      const want = scanText(text, opts);
      if (want.length) nonEmpty++;
      assert.deepEqual(strip(inc.update(text, [change])), strip(want), `step ${step}: ${JSON.stringify(change)}`);
    }
    assert.ok(nonEmpty > 400, 'the property ran on documents with findings');
  });

  it('after multi-change events applied bottom-up, as VS Code sends multi-cursor edits', () => {
    const r = rng(7);
    let text = buildDocument(r, 80);
    const inc = new IncrementalScan({ fileName: '.env.example' });
    inc.full(text);
    for (let step = 0; step < 300; step++) {
      const offsets = [Math.floor(r() * text.length), Math.floor(r() * text.length), Math.floor(r() * text.length)].sort((a, b) => b - a);
      const changes: TextChange[] = [];
      let next = text;
      let limit = text.length;
      for (const at of offsets) {
        if (at >= limit) continue;
        const change = { rangeOffset: at, rangeLength: Math.min(limit - at, Math.floor(r() * 4)), text: r() < 0.5 ? '\n' : seededKey(r, r() < 0.5) };
        next = apply(next, change);
        changes.push(change);
        limit = at;
      }
      text = next;
      assert.deepEqual(strip(inc.update(text, changes)), strip(scanText(text, { fileName: '.env.example' })), `step ${step}`);
    }
  });

  it('on CRLF documents, with edits that split line breaks (seed 42)', () => {
    const r = rng(42);
    let text = buildDocument(r, 60).split('\n').join('\r\n');
    const inc = new IncrementalScan(options);
    inc.full(text);
    for (let step = 0; step < 400; step++) {
      const change = r() < 0.3 ? { rangeOffset: Math.floor(r() * text.length), rangeLength: 0, text: '\r\n' } : randomEdit(r, text);
      text = apply(text, change);
      assert.deepEqual(strip(inc.update(text, [change])), strip(scanText(text, options)), `step ${step}`);
    }
  });

  it('falls back to a full scan when the changes do not add up to the text', () => {
    const inc = new IncrementalScan({ fileName: 'a.ts' });
    inc.full('const a = 1;');
    const key = seededKey(rng(1), true);
    const text = `const k = "${key}";`;
    assert.deepEqual(strip(inc.update(text, [{ rangeOffset: 0, rangeLength: 1, text: 'x' }])), strip(scanText(text, { fileName: 'a.ts' })));
  });
});

describe('scan: adversarial input stays linear', () => {
  const MB = 1024 * 1024;
  const cases: [string, string][] = [
    ['"retrac_" repeated', 'retrac_'.repeat(MB / 7)],
    ['"Bearer " repeated', 'Bearer '.repeat(MB / 7)],
    ['one 1 MB token', 'a'.repeat(MB)],
    ['"retrac_" then a 1 MB token', 'retrac_' + 'aB1'.repeat(MB / 3)],
    ['"Bearer " then a 1 MB token, next to api.retrac.co', 'https://api.retrac.co Bearer ' + 'aB1'.repeat(MB / 3)],
    ['quotes and escapes', '"\\'.repeat(MB / 2) + ' retrac'],
    ['"workspaceId=" repeated', 'workspaceId='.repeat(MB / 12)],
    ['"RETRAC_API_KEY=" repeated', 'RETRAC_API_KEY='.repeat(MB / 15)],
    ['"NEXT_PUBLIC_RETRAC_KEY " repeated', 'NEXT_PUBLIC_RETRAC_KEY '.repeat(MB / 23)],
    ['"http://api.retrac.co" repeated', 'http://api.retrac.co'.repeat(MB / 20)],
    ['"retrac." repeated', 'retrac.'.repeat(MB / 7)],
    ['"/items" repeated with retrac', 'retrac Bearer x /items'.repeat(MB / 22)],
    ['many short lines of retrac_ and Bearer', 'retrac_ Bearer retrac_\n'.repeat(MB / 23)],
    // Far-reaching rules: Retrac URLs bound to distinct names, requests sending distinct names, unclosed brackets.
    ['Retrac URLs bound to 30,000 distinct names', Array.from({ length: 30_000 }, (_, i) => `const a${i} = "https://api.retrac.co"`).join('\n')],
    ['requests sending 12,000 distinct names', Array.from({ length: 12_000 }, (_, i) => `fetch("https://api.retrac.co/items", {headers: {Authorization: "Bearer " + k${i}}})`).join('\n')],
    ['unclosed brackets on every line', 'retrac(\n'.repeat(MB / 8)],
  ];
  for (const [name, text] of cases) {
    it(`${name} (${(text.length / MB).toFixed(1)} MB) in under 1 s`, () => {
      for (const fileName of ['a.ts', '.env']) {
        // CPU time: the work must be bounded; a loaded machine stretches wall time without more work.
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName, lenient: true }));
        assert.ok(cpuMs < 1000, `${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
      }
    });
  }
});
