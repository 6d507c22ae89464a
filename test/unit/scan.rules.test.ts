// True positives for every rule across syntaxes, with keys generated at run time.
import * as assert from 'node:assert/strict';
import { ruleTable, scanText, type Finding, type RuleId, type ScanOptions } from '../../src/scan';
import { assignmentCarriers, fullKey, publicCarriers, requestCarriers, restrictedKey, workspaceIdLiteral } from './scanFixtures';

function scan(text: string, fileName: string, extra: Partial<ScanOptions> = {}): Finding[] {
  return scanText(text, { fileName, ...extra });
}

function only(findings: Finding[], rule: RuleId): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** The rule flagged exactly `flagged` (every occurrence), and no message shows a key. */
function assertFlags(text: string, findings: Finding[], rule: RuleId, flagged: string, keys: string[]): Finding[] {
  const hits = only(findings, rule);
  assert.ok(hits.length > 0, `expected ${rule} in:\n${text}\ngot ${JSON.stringify(findings.map((f) => f.rule))}`);
  for (const f of hits) assert.equal(text.slice(f.start, f.end), flagged);
  for (const f of findings) for (const k of keys) assert.ok(!f.message.includes(k), `message leaks the key: ${f.message}`);
  return hits;
}

const API = 'https://api.retrac.co';

describe('scan rules: true positives', () => {
  it('ruleTable lists every rule with severity, texts and a doc link', () => {
    assert.equal(ruleTable.length, 7);
    for (const r of ruleTable) {
      assert.ok(r.title && r.description, r.id);
      assert.ok(r.docUrl.endsWith('#rule-' + r.id.slice('retrac/'.length)), r.docUrl);
    }
  });

  describe(`retrac/restricted-key in ${requestCarriers.length} request syntaxes and ${assignmentCarriers.length} assignment syntaxes`, () => {
    for (const c of requestCarriers) {
      it(`Bearer in ${c.fileName}`, () => {
        const key = restrictedKey();
        const text = c.make(`${API}/workspaces`, `Bearer ${key}`);
        const [f] = assertFlags(text, scan(text, c.fileName), 'retrac/restricted-key', key, [key]);
        assert.equal(f.severity, 'error');
        assert.equal(f.keyType, 'restricted');
        assert.match(f.message, /retrac_…[0-9A-Za-z]{4}/);
        assert.equal(f.line, text.slice(0, f.start).split('\n').length);
        assert.equal(f.column, f.start - text.lastIndexOf('\n', f.start - 1));
      });
    }
    for (const c of assignmentCarriers) {
      it(`assigned in ${c.name}`, () => {
        const key = restrictedKey();
        const text = c.make(key);
        assertFlags(text, scan(text, c.fileName), 'retrac/restricted-key', key, [key]);
      });
    }
    it('a bare literal anywhere, with the string literal range for quick fixes', () => {
      const key = restrictedKey();
      const text = `const k = doSomething("${key}", 3);`;
      const [f] = assertFlags(text, scan(text, 'x.js'), 'retrac/restricted-key', key, [key]);
      assert.equal(text.slice(f.literalStart, f.literalEnd), `"${key}"`);
      assert.equal(f.envName, 'RETRAC_API_KEY');
    });
    it('names the assigned variable in envName', () => {
      const key = restrictedKey();
      const text = `INVENTORY_TOKEN=${key}`;
      const [f] = assertFlags(text, scan(text, '.env.example'), 'retrac/restricted-key', key, [key]);
      assert.equal(f.envName, 'INVENTORY_TOKEN');
    });
    it('other lengths only in lenient mode', () => {
      const key = restrictedKey(32);
      const text = `key = "${key}"`;
      assert.deepEqual(scan(text, 'a.py'), []);
      assertFlags(text, scan(text, 'a.py', { lenient: true }), 'retrac/restricted-key', key, [key]);
    });
  });

  describe('retrac/full-access-key', () => {
    for (const c of requestCarriers) {
      it(`Bearer to the Retrac API in ${c.fileName}`, () => {
        const key = fullKey();
        const text = c.make(`${API}/workspaces`, `Bearer ${key}`);
        const [f] = assertFlags(text, scan(text, c.fileName), 'retrac/full-access-key', key, [key]);
        assert.equal(f.keyType, 'full');
        assert.match(f.message, /…[0-9A-Za-z]{4}/);
      });
    }
    for (const c of assignmentCarriers) {
      it(`assigned in ${c.name}`, () => {
        const key = fullKey();
        const text = c.make(key);
        assertFlags(text, scan(text, c.fileName), 'retrac/full-access-key', key, [key]);
      });
    }
    it('C# AuthenticationHeaderValue("Bearer", …) on a client whose base address is a RETRAC_ URL', () => {
      const key = fullKey();
      const text = `var baseUrl = Environment.GetEnvironmentVariable("RETRAC_API_URL");\nhttp.BaseAddress = new Uri(baseUrl);\n\nhttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${key}");`;
      assertFlags(text, scan(text, 'Api.cs'), 'retrac/full-access-key', key, [key]);
    });
    it('lenient mode accepts other lengths', () => {
      const key = fullKey(40);
      const text = `RETRAC_API_KEY=${key}`;
      assert.deepEqual(only(scan(text, '.env.example'), 'retrac/full-access-key'), []);
      assertFlags(text, scan(text, '.env.example', { lenient: true }), 'retrac/full-access-key', key, [key]);
    });
  });

  describe('retrac/workspace-id-with-restricted-key', () => {
    for (const c of requestCarriers) {
      it(`workspaceId query with a restricted key in ${c.fileName}`, () => {
        const key = restrictedKey();
        const text = c.make(`${API}/items?workspaceId=${workspaceIdLiteral()}`, `Bearer ${key}`);
        const [f] = assertFlags(text, scan(text, c.fileName), 'retrac/workspace-id-with-restricted-key', 'workspaceId', [key]);
        assert.equal(f.severity, 'warning');
      });
    }
    it('projectSlug in a JSON body', () => {
      const key = restrictedKey();
      const text = `await fetch('${API}/items', {\n  method: 'POST',\n  headers: { Authorization: 'Bearer ${key}' },\n  body: JSON.stringify({ projectSlug: 'acme', sku: 'A-1' }),\n});`;
      assertFlags(text, scan(text, 'a.js'), 'retrac/workspace-id-with-restricted-key', 'projectSlug', [key]);
    });
    it('from an env name whose local value is a restricted key', () => {
      const key = restrictedKey();
      const text = `const r = await fetch(\`\${BASE}/items?workspaceId=\${ws}\`, {\n  headers: { Authorization: \`Bearer \${process.env.INVENTORY_KEY}\` },\n});`;
      assert.deepEqual(only(scan(text, 'a.ts'), 'retrac/workspace-id-with-restricted-key'), []);
      const [f] = assertFlags(text, scan(text, 'a.ts', { envValues: new Map([['INVENTORY_KEY', key]]) }), 'retrac/workspace-id-with-restricted-key', 'workspaceId', [key]);
      assert.equal(f.envName, 'INVENTORY_KEY');
      assert.ok(f.message.includes('INVENTORY_KEY'));
    });
    it('Python params and SDK options', () => {
      const key = restrictedKey();
      const py = `r = requests.get(f"{BASE}/tags", params={"workspaceId": WS}, headers={"Authorization": "Bearer ${key}"})`;
      assertFlags(py, scan(py, 'a.py'), 'retrac/workspace-id-with-restricted-key', 'workspaceId', [key]);
      const ts = `const retrac = new Retrac({\n  apiKey: '${key}',\n  workspaceId: process.env.RETRAC_WORKSPACE_ID,\n});`;
      assertFlags(ts, scan(ts, 'a.ts'), 'retrac/workspace-id-with-restricted-key', 'workspaceId', [key]);
    });
  });

  describe('retrac/missing-workspace-id', () => {
    const paths = ['/items', '/tags', '/locations', '/inventory/balances', '/inventory/transfers', '/items/count'];
    requestCarriers.forEach((c, i) => {
      const path = paths[i % paths.length];
      it(`${path} with a full-access key and no workspaceId in ${c.fileName}`, () => {
        const key = fullKey();
        const text = c.make(`${API}${path}`, `Bearer ${key}`);
        const [f] = assertFlags(text, scan(text, c.fileName), 'retrac/missing-workspace-id', path.replace('/count', ''), [key]);
        assert.equal(f.severity, 'warning');
        assert.equal(f.keyType, 'full');
      });
    });
    it('from an env name whose local value is a full-access key', () => {
      const key = fullKey();
      const text = `const res = await fetch('${API}/locations', {\n  headers: { Authorization: \`Bearer \${process.env.INV_KEY}\` },\n});`;
      const [f] = assertFlags(text, scan(text, 'a.ts', { envValues: new Map([['INV_KEY', key]]) }), 'retrac/missing-workspace-id', '/locations', [key]);
      assert.equal(f.envName, 'INV_KEY');
    });
    it('not when the request sends workspaceId', () => {
      const key = fullKey();
      const text = requestCarriers[0].make(`${API}/items?workspaceId=ws_acme`, `Bearer ${key}`);
      assert.deepEqual(only(scan(text, 'a.js'), 'retrac/missing-workspace-id'), []);
    });
  });

  describe('retrac/insecure-http', () => {
    for (const c of requestCarriers) {
      it(`in ${c.fileName}`, () => {
        const url = 'http://api.retrac.co/workspaces';
        const text = c.make(url, 'Bearer ${TOKEN}');
        const [f] = assertFlags(text, scan(text, c.fileName), 'retrac/insecure-http', url, []);
        assert.equal(f.severity, 'error');
      });
    }
    it('in a git-ignored .env file too, case-insensitively', () => {
      const text = 'RETRAC_API_URL=HTTP://API.RETRAC.CO';
      assertFlags(text, scan(text, '.env', { gitIgnored: true }), 'retrac/insecure-http', 'HTTP://API.RETRAC.CO', []);
    });
  });

  describe('retrac/client-exposed-key', () => {
    for (const c of publicCarriers) {
      for (const [kind, make] of [['restricted', () => restrictedKey()], ['full-access', () => fullKey()]] as const) {
        if (kind === 'full-access' && c.name === 'expo generic name') continue; // a generic public name needs a prefixed key
        it(`${kind} key in ${c.name} (${c.fileName}), even when git ignores it`, () => {
          const key = make();
          const text = c.make(key);
          const findings = scan(text, c.fileName, { gitIgnored: true });
          const [f] = assertFlags(text, findings, 'retrac/client-exposed-key', key, [key]);
          assert.equal(f.severity, 'error');
          assert.ok(f.envName && text.includes(f.envName + (c.fileName.startsWith('.env') ? '=' : '')), f.envName);
          // A key literal is always a key finding too, except in a git-ignored .env file.
          const keyRule = kind === 'restricted' ? 'retrac/restricted-key' : 'retrac/full-access-key';
          if (c.fileName.startsWith('.env')) assert.equal(findings.length, 1, 'a git-ignored .env file reports only the public name');
          else {
            assert.deepEqual(findings.map((x) => x.rule).sort(), ['retrac/client-exposed-key', keyRule].sort());
            assert.equal(text.slice(findings[0].start, findings[0].end), key);
            assert.equal(text.slice(findings[1].start, findings[1].end), key);
          }
        });
      }
    }
    it('a public name in code that holds a Retrac key', () => {
      const text = 'const client = createClient(import.meta.env.VITE_RETRAC_API_KEY);';
      const [f] = assertFlags(text, scan(text, 'src/main.ts'), 'retrac/client-exposed-key', 'VITE_RETRAC_API_KEY', []);
      assert.equal(f.envName, 'VITE_RETRAC_API_KEY');
      const key = restrictedKey();
      const generic = 'fetch(url, { headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_TOKEN}` } })';
      assert.deepEqual(scan(generic, 'page.tsx'), []);
      const [g] = assertFlags(generic, scan(generic, 'page.tsx', { envValues: new Map([['NEXT_PUBLIC_TOKEN', key]]) }), 'retrac/client-exposed-key', 'NEXT_PUBLIC_TOKEN', [key]);
      assert.equal(g.keyType, 'restricted');
    });
    it('a public name set from a Retrac key variable', () => {
      const env = 'NEXT_PUBLIC_INVENTORY=${RETRAC_API_KEY}';
      assertFlags(env, scan(env, '.env', { gitIgnored: true }), 'retrac/client-exposed-key', 'NEXT_PUBLIC_INVENTORY', []);
      const cfg = "module.exports = { env: { NEXT_PUBLIC_INV: process.env.RETRAC_API_KEY } };";
      assertFlags(cfg, scan(cfg, 'next.config.js'), 'retrac/client-exposed-key', 'NEXT_PUBLIC_INV', []);
    });
  });

  describe(`retrac/hardcoded-workspace-id in ${requestCarriers.length} request syntaxes and more`, () => {
    for (const c of requestCarriers) {
      it(`?workspaceId=ws_… in ${c.fileName}`, () => {
        const ws = workspaceIdLiteral();
        const text = c.make(`${API}/items?workspaceId=${ws}`, 'Bearer ${TOKEN}');
        assertFlags(text, scan(text, c.fileName), 'retrac/hardcoded-workspace-id', ws, []);
      });
    }
    const shapes: [string, (ws: string) => string][] = [
      ['a.ts', (ws) => `const items = await retrac.items.list({ workspaceId: '${ws}' });`],
      ['a.js', (ws) => `fetch(\`https://api.retrac.co/items?workspaceId=${ws}&page=2\`)`],
      ['a.py', (ws) => `client.items.list(workspace_id="${ws}")`],
      ['a.json', (ws) => `{ "url": "https://api.retrac.co/items?workspaceId=${ws}" }`],
      ['a.go', (ws) => `params := retrac.ListParams{WorkspaceID: "${ws}"}`],
      ['a.sh', (ws) => `curl "https://api.retrac.co/tags?workspaceId=${ws}" -H "Authorization: Bearer $RETRAC_API_KEY"`],
      ['a.rb', (ws) => `client.items(workspaceId => "${ws}")`],
    ];
    for (const [file, make] of shapes) {
      it(`in ${file}`, () => {
        const ws = workspaceIdLiteral();
        const text = make(ws);
        const [f] = assertFlags(text, scan(text, file), 'retrac/hardcoded-workspace-id', ws, []);
        assert.equal(f.severity, 'hint');
        assert.equal(f.envName, 'RETRAC_WORKSPACE_ID');
      });
    }
  });

  describe('git-ignored .env files', () => {
    it('report no key rule, but client-exposed-key still', () => {
      const r = restrictedKey();
      const k = fullKey();
      const text = `RETRAC_API_KEY=${k}\nRETRAC_RESTRICTED_KEY=${r}\nVITE_RETRAC_KEY=${r}`;
      const ignored = scan(text, '.env.local', { gitIgnored: true });
      assert.deepEqual(ignored.map((f) => f.rule), ['retrac/client-exposed-key']);
      const tracked = scan(text, '.env.local', { gitIgnored: false });
      assert.deepEqual(tracked.map((f) => f.rule), ['retrac/full-access-key', 'retrac/restricted-key', 'retrac/client-exposed-key', 'retrac/restricted-key']);
    });
    it('the same key in a git-ignored source file is still an error', () => {
      const r = restrictedKey();
      const text = `const k = '${r}';`;
      assert.equal(scan(text, 'scratch.js', { gitIgnored: true })[0].severity, 'error');
    });
  });
});
