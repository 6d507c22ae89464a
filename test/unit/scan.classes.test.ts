// Classes of constructs from issue 10 §1 and issue 16 item 14, each in several languages and file
// kinds: true positives and hard negatives. Keys are generated at run time.
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type RuleId, type ScanOptions } from '../../src/scan';
import { mayHaveFindings, sharedParts } from '../../src/scan/prepare';
import { fullKey, restrictedKey, workspaceIdLiteral } from './scanFixtures';

const API = 'https://api.retrac.co';
const B = '`';

interface Case {
  name: string;
  file: string;
  make: (key: string) => string;
  options?: Partial<ScanOptions>;
}

function scan(text: string, file: string, options: Partial<ScanOptions> = {}): Finding[] {
  return scanText(text, { fileName: file, ...options });
}

function describeFindings(fs: Finding[], text: string): string {
  return JSON.stringify(fs.map((f) => `${f.rule} ${JSON.stringify(text.slice(f.start, f.end))}`));
}

/** Each case must report `rule` on exactly the key (or on `flagged`), without the key in any message. */
function positives(title: string, rule: RuleId, keyOf: () => string, cases: Case[], flagged?: string): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.name} (${c.file})`, () => {
        const key = keyOf();
        const text = c.make(key);
        const fs = scan(text, c.file, c.options);
        const hits = fs.filter((f) => f.rule === rule);
        assert.ok(hits.length > 0, `expected ${rule} in:\n${text}\ngot ${describeFindings(fs, text)}`);
        for (const f of hits) assert.equal(text.slice(f.start, f.end), flagged ?? key);
        for (const f of fs) assert.ok(!f.message.includes(key), 'a message shows the key');
        for (const f of hits) assert.equal(f.line, text.slice(0, f.start).split('\n').length);
      });
    }
  });
}

/** Each case must report none of `rules`. */
function negatives(title: string, rules: RuleId[], keyOf: () => string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.name} (${c.file})`, () => {
        const text = c.make(keyOf());
        const fs = scan(text, c.file, c.options).filter((f) => rules.includes(f.rule));
        assert.deepEqual(describeFindings(fs, text), '[]', text);
      });
    }
  });
}

const KEY_RULES: RuleId[] = ['retrac/full-access-key', 'retrac/restricted-key'];

// ---------------------------------------------------------------------------------------------
// A request is recognised by what it does: auth helpers, builder chains, headers set on a
// request object, client constructors; and the key reaches it through a constant, an attribute
// or a variable (values flow), across blank lines and comments.
positives('full-access key sent by a request to Retrac, by what the code does', 'retrac/full-access-key', () => fullKey(), [
  { name: 'Rust reqwest .bearer_auth literal', file: 'src/main.rs', make: (k) => `let items = client\n    .get("${API}/items")\n    .bearer_auth("${k}")\n    .send()\n    .await?;` },
  { name: 'Rust reqwest .bearer_auth(&constant)', file: 'src/api.rs', make: (k) => `const API_TOKEN: &str = "${k}";\n\nfn list(client: &Client) -> Result<Response> {\n    client.get("${API}/items?workspaceId=ws").bearer_auth(&API_TOKEN).send()\n}` },
  { name: 'Python requests auth=(key, "")', file: 'sync.py', make: (k) => `resp = requests.get(\n    "${API}/tags?workspaceId=ws",\n    auth=("${k}", ""),\n)` },
  { name: 'Python HTTPBasicAuth', file: 'basic.py', make: (k) => `from requests.auth import HTTPBasicAuth\nr = requests.get("${API}/workspaces", auth=HTTPBasicAuth("${k}", ""))` },
  { name: 'Python attribute self.api_key set in __init__', file: 'client.py', make: (k) => `class Inventory:\n    def __init__(self):\n        self.api_key = "${k}"\n        self.base = "https://example.org"\n\n    def items(self):\n        # list everything\n        return requests.get(\n            "${API}/workspaces",\n            headers={"Authorization": f"Bearer {self.api_key}"},\n        )` },
  { name: 'Python httpx client with a module constant', file: 'inv.py', make: (k) => `TOKEN = "${k}"\n\n\ndef client():\n    return httpx.Client(base_url="${API}", headers={"Authorization": f"Bearer {TOKEN}"})` },
  { name: 'Python aiohttp with an f-string', file: 'aio.py', make: (k) => `KEY = "${k}"\nasync with aiohttp.ClientSession() as s:\n    async with s.get("${API}/workspaces", headers={"Authorization": f"Bearer {KEY}"}) as r:\n        print(await r.json())` },
  { name: 'Go constant, http.NewRequest, req.Header.Set', file: 'main.go', make: (k) => `const apiKey = "${k}"\n\nfunc list() {\n\treq, _ := http.NewRequest("GET", "${API}/workspaces", nil)\n\n\t// auth\n\treq.Header.Set("Authorization", "Bearer "+apiKey)\n\thttp.DefaultClient.Do(req)\n}` },
  { name: 'Go resty SetAuthToken', file: 'resty.go', make: (k) => `resp, err := resty.New().\n\tSetAuthToken("${k}").\n\tR().\n\tGet("${API}/workspaces")` },
  { name: 'Java OkHttp with a static final constant', file: 'Inventory.java', make: (k) => `public class Inventory {\n  private static final String TOKEN = "${k}";\n\n  Request request() {\n    return new Request.Builder()\n        .url("${API}/workspaces")\n        // the key\n        .addHeader("Authorization", "Bearer " + TOKEN)\n        .build();\n  }\n}` },
  { name: 'Java Spring WebClient defaultHeader', file: 'Config.java', make: (k) => `WebClient client = WebClient.builder()\n    .baseUrl("${API}")\n    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer ${k}")\n    .build();` },
  { name: 'Kotlin val and header chain', file: 'Api.kt', make: (k) => `val token = "${k}"\n\nval request = Request.Builder()\n    .url("${API}/workspaces")\n    .header("Authorization", "Bearer $token")\n    .build()` },
  { name: 'C# DefaultRequestHeaders on a client with a Retrac base address', file: 'Api.cs', make: (k) => `var http = new HttpClient { BaseAddress = new Uri("${API}") };\n\nhttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${k}");` },
  { name: 'C# RestSharp JwtAuthenticator', file: 'Rest.cs', make: (k) => `var client = new RestClient("${API}") {\n    Authenticator = new JwtAuthenticator("${k}")\n};` },
  { name: 'PHP Guzzle client then request', file: 'inv.php', make: (k) => `<?php\n$client = new GuzzleHttp\\Client(['base_uri' => '${API}']);\n$res = $client->get('/workspaces', [\n    'headers' => ['Authorization' => 'Bearer ${k}'],\n]);` },
  { name: 'PHP curl_setopt with a variable', file: 'curl.php', make: (k) => `<?php\n$key = '${k}';\n$ch = curl_init('${API}/workspaces');\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . $key]);\n$out = curl_exec($ch);` },
  { name: 'Ruby Faraday authorization middleware', file: 'inv.rb', make: (k) => `conn = Faraday.new(url: "${API}") do |f|\n  f.request :authorization, "Bearer", "${k}"\nend` },
  { name: 'Ruby HTTParty with a constant', file: 'party.rb', make: (k) => `API_TOKEN = "${k}"\n\nHTTParty.get("${API}/workspaces", headers: { "Authorization" => "Bearer #{API_TOKEN}" })` },
  { name: 'JS ky with a const declared above', file: 'ky.mjs', make: (k) => `const token = '${k}';\n\n// list workspaces\nconst data = await ky.get('${API}/workspaces', {\n  headers: { Authorization: ${B}Bearer \${token}${B} },\n}).json();` },
  { name: 'JS superagent .set', file: 'sa.js', make: (k) => `superagent\n  .get('${API}/workspaces')\n  .set('Authorization', 'Bearer ${k}')\n  .end(done);` },
  { name: 'JS got authorization header', file: 'got.mjs', make: (k) => `const res = await got('${API}/workspaces', {\n  headers: {\n    authorization: 'Bearer ${k}',\n  },\n});` },
  { name: 'TS axios.create with baseURL and a constant', file: 'api.ts', make: (k) => `const KEY = '${k}';\nexport const api = axios.create({\n  baseURL: '${API}',\n  headers: { Authorization: ${B}Bearer \${KEY}${B} },\n});` },
  { name: 'ofetch baseURL option', file: 'nuxt.ts', make: (k) => `const items = await $fetch('/workspaces', {\n  baseURL: '${API}',\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'Rust format!("Bearer {}", literal)', file: 'src/ureq.rs', make: (k) => `let res = ureq::get("${API}/workspaces")\n    .set("Authorization", &format!("Bearer {}", "${k}"))\n    .call()?;` },
  { name: 'Go fmt.Sprintf("Bearer %s", literal) and SetBasicAuth', file: 'fmt.go', make: (k) => `req, _ := http.NewRequest("GET", "${API}/workspaces", nil)\nreq.Header.Set("Authorization", fmt.Sprintf("Bearer %s", "${k}"))` },
  { name: 'X-Api-Key header without Bearer', file: 'x.ts', make: (k) => `await fetch('${API}/workspaces', { headers: { 'X-Api-Key': '${k}' } });` },
  { name: 'Retrac client constructor with shorthand apiKey', file: 'sdk.ts', make: (k) => `const apiKey = '${k}';\nconst retrac = new Retrac({ apiKey });` },
  { name: 'Retrac client constructor with a module constant', file: 'sdk.py', make: (k) => `API_KEY = "${k}"\n\nclient = RetracClient(api_key=API_KEY)` },
  { name: 'PowerShell headers hashtable', file: 'call.ps1', make: (k) => `$key = "${k}"\n$headers = @{ Authorization = "Bearer $key" }\nInvoke-RestMethod -Uri "${API}/workspaces" -Headers $headers` },
  { name: 'shell variable, blank line, curl with continuations', file: 'smoke.sh', make: (k) => `TOKEN=${k}\n\ncurl -fsS \\\n  -H "Authorization: Bearer $TOKEN" \\\n  "${API}/workspaces"` },
  { name: 'curl -u key:', file: 'basic.sh', make: (k) => `curl -u ${k}: ${API}/workspaces` },
  { name: '.http file variable', file: 'api.http', make: (k) => `@token = ${k}\n\n### Workspaces\nGET ${API}/workspaces\nAuthorization: Bearer {{token}}` },
  { name: 'Vue component script', file: 'Items.vue', make: (k) => `<script setup>\nconst key = '${k}'\nconst { data } = await useFetch('${API}/workspaces', {\n  headers: { Authorization: ${B}Bearer \${key}${B} },\n})\n</script>\n<template><ul></ul></template>` },
  { name: 'Svelte component script', file: 'Items.svelte', make: (k) => `<script>\n  const token = "${k}";\n  const items = fetch("${API}/workspaces", { headers: { Authorization: "Bearer " + token } });\n</script>` },
  { name: 'GitHub Actions env then run: curl', file: '.github/workflows/smoke.yml', make: (k) => `jobs:\n  smoke:\n    runs-on: ubuntu-latest\n    env:\n      TOKEN: ${k}\n    steps:\n      - run: |\n          curl -fsS "${API}/workspaces" \\\n            -H "Authorization: Bearer $TOKEN"` },
  { name: 'GitLab CI script: curl', file: '.gitlab-ci.yml', make: (k) => `smoke:\n  script:\n    - curl -fsS -H "Authorization: Bearer ${k}" ${API}/workspaces` },
  { name: 'base URL constant used far below', file: 'far.ts', make: (k) => `const BASE = '${API}';\n${'// filler\n'.repeat(30)}export const list = () => fetch(${B}\${BASE}/workspaces${B}, { headers: { Authorization: 'Bearer ${k}' } });` },
]);

// A courier's (or any other service's) token in a file that also uses Retrac is not a Retrac key.
negatives('other services next to Retrac code (hard negatives)', KEY_RULES, () => fullKey(), [
  { name: 'TS: Retrac SDK import and client, courier fetch below', file: 'ship.ts', make: (k) => `import { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n\nconst res = await fetch('https://api.courier.example/labels', {\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'TS: courier fetch right after the Retrac client, no blank line', file: 'ship2.ts', make: (k) => `const retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\nconst label = await fetch('https://api.courier.example/labels', { headers: { Authorization: 'Bearer ${k}' } });` },
  { name: 'Python: retrac client from env, courier requests.post', file: 'ship.py', make: (k) => `import retrac\nclient = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])\nrequests.post("https://api.courier.example/send", headers={"Authorization": "Bearer ${k}"})` },
  { name: 'Python: courier constant, Retrac client from env', file: 'ship3.py', make: (k) => `COURIER_TOKEN = "${k}"\nretrac = RetracClient(api_key=os.environ["RETRAC_API_KEY"])\n\nrequests.post("https://api.courier.example/send", headers={"Authorization": f"Bearer {COURIER_TOKEN}"})` },
  { name: 'Go: courier request in a file importing the Retrac SDK', file: 'ship.go', make: (k) => `import (\n\t"net/http"\n\tretrac "github.com/retrac/retrac-go"\n)\n\nfunc label() {\n\treq, _ := http.NewRequest("POST", "https://api.courier.example/labels", nil)\n\treq.Header.Set("Authorization", "Bearer ${k}")\n}` },
  { name: 'Stripe client next to a Retrac client', file: 'pay.ts', make: (k) => `const retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n\nconst stripe = new Stripe({ apiKey: '${k}' });` },
  { name: 'a token under a stripe section after a retrac section', file: 'config.yml', make: (k) => `retrac:\n  api_key: \${RETRAC_API_KEY}\nstripe:\n  api_key: ${k}` },
  { name: 'JSON: stripe object after a retrac object', file: 'settings.json', make: (k) => `{\n  "retrac": {\n    "baseUrl": "${API}"\n  },\n  "stripe": {\n    "apiKey": "${k}"\n  }\n}` },
  { name: 'env fallback for another service', file: 'a.ts', make: (k) => `const stripe = process.env.STRIPE_KEY || '${k}';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });` },
  { name: 'a random id in a Retrac request body', file: 'body.ts', make: (k) => `await fetch('${API}/items?workspaceId=ws', {\n  method: 'POST',\n  headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n  body: JSON.stringify({ requestId: '${k}' }),\n});` },
  { name: 'a constant of the same shape not sent anywhere', file: 'ids.ts', make: (k) => `const SEED = '${k}';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\nawait retrac.items.list();` },
  { name: 'shell: a courier curl on the line after a Retrac command', file: 'deploy.sh', make: (k) => `retrac-cli sync --key "$RETRAC_API_KEY"\ncurl -H "Authorization: Bearer ${k}" https://api.courier.example/labels` },
  { name: 'CI: a courier curl in the step after a Retrac step', file: '.github/workflows/ship.yml', make: (k) => `    steps:\n      - run: retrac sync --workspace "$WS"\n      - run: curl -H "Authorization: Bearer ${k}" https://api.courier.example/labels` },
  { name: 'Python: a courier class with an attribute token, Retrac client from env', file: 'ship4.py', make: (k) => `import retrac\n\nclass Courier:\n    def __init__(self):\n        self.token = "${k}"\n\n    def send(self):\n        return requests.post("https://api.courier.example/send", headers={"Authorization": f"Bearer {self.token}"})\n\nretrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])` },
  { name: '.http file: another host', file: 'other.http', make: (k) => `@token = ${k}\n\nGET https://api.example.org/items\nAuthorization: Bearer {{token}}\n\n### Retrac\nGET ${API}/workspaces\nAuthorization: Bearer {{$dotenv RETRAC_API_KEY}}` },
]);

// ---------------------------------------------------------------------------------------------
// A name can sit on another line than its value; API tools keep values in variable stores.
positives('a Retrac name on another line than its value', 'retrac/full-access-key', () => fullKey(), [
  { name: 'plist key/string pair', file: 'Info.plist', make: (k) => `<dict>\n  <key>RetracApiKey</key>\n  <string>${k}</string>\n</dict>` },
  { name: 'Kubernetes name/value', file: 'deploy.yaml', make: (k) => `env:\n  - name: RETRAC_TOKEN\n    value: ${k}` },
  { name: 'JSON { name, value } settings over lines', file: 'app-settings.json', make: (k) => `[\n  {\n    "name": "RetracApiKey",\n    "value": "${k}",\n    "slotSetting": false\n  }\n]` },
  { name: 'Terraform variable default', file: 'variables.tf', make: (k) => `variable "retrac_api_key" {\n  type      = string\n  sensitive = true\n  default   = "${k}"\n}` },
  { name: 'XML appSettings add key/value', file: 'Web.config', make: (k) => `<appSettings>\n  <add key="RetracApiKey" value="${k}" />\n</appSettings>` },
  { name: 'XML element named for the key', file: 'config.xml', make: (k) => `<settings>\n  <RetracToken>${k}</RetracToken>\n</settings>` },
  { name: 'Postman environment', file: 'retrac.postman_environment.json', make: (k) => `{\n  "values": [\n    { "key": "retracToken", "value": "${k}", "enabled": true }\n  ]\n}` },
  { name: 'Postman collection variable over lines', file: 'inventory.postman_collection.json', make: (k) => `{\n  "variable": [\n    {\n      "key": "retracToken",\n      "value": "${k}"\n    }\n  ]\n}` },
  { name: 'Insomnia environment data', file: 'insomnia.json', make: (k) => `{ "_type": "environment", "data": { "retracToken": "${k}" } }` },
  { name: 'Thunder Client environment', file: 'thunder-tests/thunderEnvironment.json', make: (k) => `[{ "name": "Retrac", "data": [{ "name": "retracKey", "value": "${k}" }] }]` },
  { name: 'Bruno environment vars block', file: 'environments/prod.bru', make: (k) => `vars {\n  baseUrl: ${API}\n  retracKey: ${k}\n}` },
  { name: 'HTTPie session for the Retrac host', file: 'sessions/api.retrac.co/default.json', make: (k) => `{\n  "headers": {\n    "Authorization": "Bearer ${k}"\n  }\n}` },
]);

// Unprefixed full-access keys under key-like fields in sections named for Retrac, at any depth.
positives('sections named for Retrac, at any depth', 'retrac/full-access-key', () => fullKey(), [
  { name: 'JSON nested object', file: 'config/default.json', make: (k) => `{\n  "services": {\n    "retrac": {\n      "auth": {\n        "token": "${k}"\n      }\n    }\n  }\n}` },
  { name: '.NET appsettings', file: 'appsettings.Development.json', make: (k) => `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "Retrac": {\n    "BaseUrl": "${API}",\n    "ApiKey": "${k}"\n  }\n}` },
  { name: 'YAML nested mapping', file: 'config/settings.yaml', make: (k) => `retrac:\n  production:\n    base_url: ${API}\n    credentials:\n      secret: ${k}` },
  { name: 'Helm values', file: 'charts/app/values.yaml', make: (k) => `image:\n  tag: 1.2.3\nretrac:\n  enabled: true\n  auth:\n    apiKey: "${k}"` },
  { name: 'TOML dotted table', file: 'settings.toml', make: (k) => `[server]\nport = 8080\n\n[retrac.auth]\ntoken = "${k}"` },
  { name: 'INI section', file: 'app.ini', make: (k) => `[database]\nhost = db\n\n[Retrac]\nkey = ${k}` },
  { name: 'config/*.js object', file: 'config/production.js', make: (k) => `module.exports = {\n  port: 8080,\n  retrac: {\n    apiKey: '${k}',\n    timeoutMs: 5000,\n  },\n};` },
  { name: 'config/*.ts exported object', file: 'config/index.ts', make: (k) => `export default {\n  integrations: {\n    Retrac: {\n      accessToken: "${k}",\n    },\n  },\n} as const;` },
  { name: 'XML section element', file: 'settings.xml', make: (k) => `<config>\n  <retrac>\n    <apiKey>${k}</apiKey>\n  </retrac>\n</config>` },
  { name: 'a file named for Retrac', file: 'config/retrac.env', make: (k) => `TOKEN=${k}` },
  { name: 'variables named for Retrac in code', file: 'keys.ts', make: (k) => `export const retracToken = '${k}';` },
]);

// Env lookups with a literal fallback, in every language.
const fallbacks: [string, string, (k: string) => string][] = [
  ['JS ||', 'a.js', (k) => `const key = process.env.RETRAC_API_KEY || '${k}';`],
  ['TS ??', 'a.ts', (k) => `const key = process.env.RETRAC_API_KEY ?? "${k}";`],
  ['Vite import.meta.env ??', 'b.ts', (k) => `const key = import.meta.env.RETRAC_KEY ?? '${k}';`],
  ['Python os.getenv', 'a.py', (k) => `key = os.getenv("RETRAC_API_KEY", "${k}")`],
  ['Python os.environ.get', 'b.py', (k) => `key = os.environ.get("RETRAC_API_KEY", "${k}")`],
  ['Python or', 'c.py', (k) => `key = os.environ.get("RETRAC_TOKEN") or "${k}"`],
  ['Ruby ENV.fetch', 'a.rb', (k) => `key = ENV.fetch("RETRAC_API_KEY", "${k}")`],
  ['Ruby ENV.fetch block', 'b.rb', (k) => `key = ENV.fetch("RETRAC_API_KEY") { "${k}" }`],
  ['shell ${X:-…}', 'run.sh', (k) => `curl -H "Authorization: Bearer \${RETRAC_API_KEY:-${k}}" ${API}/workspaces`],
  ['Compose ${X:-…}', 'docker-compose.yml', (k) => `services:\n  app:\n    environment:\n      RETRAC_API_KEY: \${RETRAC_API_KEY:-${k}}`],
  ['Kotlin ?:', 'a.kt', (k) => `val key = System.getenv("RETRAC_API_KEY") ?: "${k}"`],
  ['Java orElse', 'A.java', (k) => `String key = Optional.ofNullable(System.getenv("RETRAC_API_KEY")).orElse("${k}");`],
  ['Rust unwrap_or', 'a.rs', (k) => `let key = env::var("RETRAC_API_KEY").unwrap_or("${k}".to_string());`],
  ['Rust unwrap_or_else', 'b.rs', (k) => `let key = std::env::var("RETRAC_API_KEY").unwrap_or_else(|_| "${k}".into());`],
  ['C# ??', 'A.cs', (k) => `var key = Environment.GetEnvironmentVariable("RETRAC_API_KEY") ?? "${k}";`],
  ['PHP ?:', 'a.php', (k) => `<?php $key = getenv('RETRAC_API_KEY') ?: '${k}';`],
  ['PHP $_ENV ??', 'b.php', (k) => `<?php $key = $_ENV['RETRAC_API_KEY'] ?? '${k}';`],
  ['Elixir System.get_env', 'a.exs', (k) => `key = System.get_env("RETRAC_API_KEY", "${k}")`],
  ['Dart ??', 'a.dart', (k) => `final key = Platform.environment['RETRAC_API_KEY'] ?? '${k}';`],
  ['Spring placeholder default', 'application.yml', (k) => `retrac:\n  api-key: \${RETRAC_API_KEY:${k}}`],
];
positives('env lookups with a literal fallback', 'retrac/full-access-key', () => fullKey(), fallbacks.map(([name, file, make]) => ({ name, file, make })));
positives('env lookups with a restricted-key fallback', 'retrac/restricted-key', () => restrictedKey(), fallbacks.map(([name, file, make]) => ({ name, file, make })));
negatives('env fallbacks that are not keys', KEY_RULES, () => fullKey(), [
  { name: 'placeholder fallback', file: 'a.ts', make: () => `const key = process.env.RETRAC_API_KEY || 'your-key-here';` },
  { name: 'empty fallback', file: 'a.py', make: () => `key = os.getenv("RETRAC_API_KEY", "")` },
  { name: 'another service', file: 'b.py', make: (k) => `key = os.getenv("STRIPE_API_KEY", "${k}")` },
  { name: 'shell default to another variable', file: 'run.sh', make: () => 'KEY=${RETRAC_API_KEY:-$FALLBACK_KEY}' },
]);

// ---------------------------------------------------------------------------------------------
describe('Jupyter notebooks: code cells are JSON strings', () => {
  it('reports a key in a code cell on its line in the file', () => {
    const k = fullKey();
    const text = `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "import requests\\n",\n    "RETRAC_API_KEY = \\"${k}\\"\\n",\n    "r = requests.get(\\"${API}/workspaces\\")"\n   ]\n  }\n ]\n}`;
    const fs = scan(text, 'explore.ipynb').filter((f) => f.rule === 'retrac/full-access-key');
    assert.equal(fs.length, 1);
    assert.equal(text.slice(fs[0].start, fs[0].end), k);
    assert.equal(fs[0].line, 7);
  });
  it('follows a header built in a cell', () => {
    const k = fullKey();
    const text = `{"cells": [{"cell_type": "code", "source": [\n "token = \\"${k}\\"\\n",\n "\\n",\n "resp = requests.get(\\"${API}/workspaces\\", headers={\\"Authorization\\": f\\"Bearer {token}\\"})"\n]}]}`;
    const fs = scan(text, 'nb.ipynb').filter((f) => f.rule === 'retrac/full-access-key');
    assert.equal(fs.length, 1, describeFindings(fs, text));
    assert.equal(fs[0].line, 2);
  });
  it('stays quiet on a notebook that reads the key from the environment', () => {
    const text = `{"cells": [{"cell_type": "code", "source": [\n "key = os.environ[\\"RETRAC_API_KEY\\"]\\n",\n "resp = requests.get(\\"${API}/workspaces\\", headers={\\"Authorization\\": f\\"Bearer {key}\\"})"\n]}]}`;
    assert.deepEqual(scan(text, 'nb.ipynb'), []);
  });
});

// Tracked env files hold real-shaped keys; git-ignored ones stay quiet for the key rules.
describe('tracked env files', () => {
  for (const file of ['.env.development', '.env.test', '.env.example', 'config/staging.env']) {
    it(`${file}: a tracked file with a Retrac key is reported, an ignored one is not`, () => {
      const k = fullKey();
      const r = restrictedKey();
      const text = `# Retrac\nRETRAC_API_KEY=${k}\nRETRAC_RESTRICTED=${r}\n`;
      assert.deepEqual(scan(text, file).map((f) => f.rule), ['retrac/full-access-key', 'retrac/restricted-key']);
      assert.deepEqual(scan(text, file, { gitIgnored: true }), []);
    });
  }
  it('a public name in a tracked .env.development is both a leaked key and an exposed one', () => {
    const r = restrictedKey();
    const text = `NEXT_PUBLIC_RETRAC_KEY=${r}`;
    const fs = scan(text, '.env.development');
    assert.deepEqual(fs.map((f) => f.rule).sort(), ['retrac/client-exposed-key', 'retrac/restricted-key']);
    assert.equal(fs.find((f) => f.rule === 'retrac/restricted-key')!.envName, 'RETRAC_KEY');
  });
  it('a generic name in a tracked env file without Retrac stays quiet', () => {
    assert.deepEqual(scan(`API_KEY=${fullKey()}\nDATABASE_URL=postgres://db/app`, '.env.test'), []);
  });
});

// ---------------------------------------------------------------------------------------------
// missing-workspace-id wherever a request to a workspace-scoped path is recognised.
positives('missing-workspace-id wherever the request is recognised', 'retrac/missing-workspace-id', () => fullKey(), [
  { name: 'Go http.NewRequest with a constant key', file: 'inv.go', make: (k) => `const apiKey = "${k}"\n\nfunc items() {\n\treq, _ := http.NewRequest("GET", "${API}/items", nil)\n\treq.Header.Set("Authorization", "Bearer "+apiKey)\n\thttp.DefaultClient.Do(req)\n}` },
  { name: 'Go: an if err block between the request and its header', file: 'err.go', make: (k) => `req, err := http.NewRequest(http.MethodGet, "${API}/items", nil)\nif err != nil {\n\treturn err\n}\nreq.Header.Set("Authorization", "Bearer ${k}")` },
  { name: 'Python requests with params= lacking workspaceId', file: 'items.py', make: (k) => `KEY = "${k}"\nr = requests.get(\n    "${API}/items",\n    params={"page": 1, "pageSize": 100},\n    headers={"Authorization": f"Bearer {KEY}"},\n)` },
  { name: 'httpx params', file: 'tags.py', make: (k) => `r = httpx.get("${API}/items", params={"page": 2}, headers={"Authorization": "Bearer ${k}"})` },
  { name: 'shell curl with continuations and a variable', file: 'items.sh', make: (k) => `KEY=${k}\ncurl -fsS \\\n  -H "Authorization: Bearer $KEY" \\\n  "${API}/items"` },
  { name: 'GitHub Actions run: block', file: '.github/workflows/items.yml', make: (k) => `    steps:\n      - run: |\n          curl -fsS "${API}/items" \\\n            -H "Authorization: Bearer ${k}"` },
  { name: 'GitLab script: block', file: '.gitlab-ci.yml', make: (k) => `check:\n  script:\n    - >\n      curl -fsS "${API}/items"\n      -H "Authorization: Bearer ${k}"` },
  { name: 'Vue component', file: 'Items.vue', make: (k) => `<script setup lang="ts">\nconst key = '${k}'\n\nconst { data } = await useFetch('${API}/items', {\n  headers: { Authorization: ${B}Bearer \${key}${B} },\n})\n</script>` },
  { name: 'Svelte component', file: 'Items.svelte', make: (k) => `<script>\n  const res = fetch("${API}/items", {\n    headers: { Authorization: "Bearer ${k}" },\n  });\n</script>` },
  { name: 'Java HttpClient with a constant', file: 'Items.java', make: (k) => `static final String KEY = "${k}";\n\nHttpRequest req = HttpRequest.newBuilder()\n    .uri(URI.create("${API}/items"))\n    .header("Authorization", "Bearer " + KEY)\n    .build();` },
  { name: 'C# HttpClient', file: 'Items.cs', make: (k) => `var http = new HttpClient();\nhttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${k}");\nvar items = await http.GetStringAsync("${API}/items");` },
  { name: 'PHP Guzzle', file: 'items.php', make: (k) => `<?php\n$res = (new Client())->get('${API}/items', [\n    'headers' => ['Authorization' => 'Bearer ${k}'],\n]);` },
  { name: 'a blank line and a comment inside the call', file: 'items.ts', make: (k) => `const res = await fetch('${API}/items', {\n\n  // auth\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'env name set earlier in the same shell script', file: 'env.sh', make: (k) => `export RETRAC_KEY=${k}\n\ncurl -H "Authorization: Bearer $RETRAC_KEY" ${API}/items` },
], '/items');

describe('missing-workspace-id through values known elsewhere', () => {
  it("an env name whose value is in the folder's .env", () => {
    const k = fullKey();
    const text = `BASE = "${API}"\nresp = requests.get(f"{BASE}/items", headers={"Authorization": f"Bearer {os.environ['INV_TOKEN']}"})`;
    const fs = scan(text, 'a.py', { envValues: new Map([['INV_TOKEN', k]]) }).filter((f) => f.rule === 'retrac/missing-workspace-id');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].envName, 'INV_TOKEN');
  });
});

negatives('requests that are fine or not to Retrac', ['retrac/missing-workspace-id', 'retrac/workspace-id-with-restricted-key'], () => fullKey(), [
  { name: 'Python params with workspaceId', file: 'a.py', make: (k) => `r = requests.get("${API}/items", params={"workspaceId": WS}, headers={"Authorization": "Bearer ${k}"})` },
  { name: 'Go query with workspaceId', file: 'a.go', make: (k) => `req, _ := http.NewRequest("GET", "${API}/items?workspaceId="+ws, nil)\nreq.Header.Set("Authorization", "Bearer ${k}")` },
  { name: 'another host with the same path', file: 'b.ts', make: (k) => `import { Retrac } from '@retrac/sdk';\n\nconst res = await fetch('https://shop.example/items', { headers: { Authorization: 'Bearer ${k}' } });` },
  { name: 'a full-access key with workspaceId', file: 'c.ts', make: (k) => `await fetch('${API}/items?workspaceId=' + ws, { headers: { Authorization: 'Bearer ${k}' } });` },
  { name: 'workspaceId with a blank line and a comment inside the call', file: 'd.ts', make: (k) => `await fetch('${API}/items', {\n  headers: { Authorization: 'Bearer ${k}' },\n\n  // scope\n  query: { workspaceId: ws },\n});` },
]);

// ---------------------------------------------------------------------------------------------
// Issue 16 item 14: a blank line (or a comment) between the key and the request that sends it.
describe('workspace-id-with-restricted-key across blank lines and comments (issue 16 #14)', () => {
  const cases: [string, string, (k: string) => string][] = [
    ['JS const, blank line, fetch', 'a.ts', (k) => `const key = "${k}";\n\nconst res = await fetch(${B}${API}/items?workspaceId=\${ws}${B}, {\n  headers: { Authorization: ${B}Bearer \${key}${B} },\n});`],
    ['JS blank lines and comments inside the call', 'b.js', (k) => `const res = await fetch('${API}/items', {\n  headers: { Authorization: 'Bearer ${k}' },\n\n  // which workspace\n\n  query: { workspaceId: ws },\n});`],
    ['Python constant, blank lines, params', 'a.py', (k) => `KEY = "${k}"\n\n\nresp = requests.get(\n    f"{BASE}/tags",\n\n    # scope\n    params={"workspaceId": WS},\n    headers={"Authorization": f"Bearer {KEY}"},\n)`],
    ['Go key variable and request object', 'a.go', (k) => `key := "${k}"\n\nreq, _ := http.NewRequest("GET", BASE+"/items?workspaceId="+ws, nil)\n\n// auth\nreq.Header.Set("Authorization", "Bearer "+key)`],
    ['Ruby constant and Net::HTTP', 'a.rb', (k) => `KEY = "${k}"\n\nuri = URI("${API}/items?workspaceId=#{ws}")\nreq = Net::HTTP::Get.new(uri)\n\nreq["Authorization"] = "Bearer #{KEY}"`],
    ['shell variable and curl', 'a.sh', (k) => `KEY=${k}\n\n# list\ncurl -H "Authorization: Bearer $KEY" \\\n  "${API}/items?workspaceId=$WS"`],
  ];
  for (const [name, file, make] of cases) {
    it(`${name} (${file})`, () => {
      const k = restrictedKey();
      const text = make(k);
      const fs = scan(text, file);
      const hits = fs.filter((f) => f.rule === 'retrac/workspace-id-with-restricted-key');
      assert.equal(hits.length, 1, `${text}\n${describeFindings(fs, text)}`);
      assert.equal(text.slice(hits[0].start, hits[0].end), 'workspaceId');
      assert.ok(fs.some((f) => f.rule === 'retrac/restricted-key'));
    });
  }
  it('not when the key belongs to another statement that does not send it', () => {
    const k = restrictedKey();
    const text = `const other = "${k}";\nlog(other);\n\nconst res = await fetch(${B}${API}/items?workspaceId=\${ws}${B}, { headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} } });`;
    assert.deepEqual(scan(text, 'a.ts').filter((f) => f.rule === 'retrac/workspace-id-with-restricted-key'), []);
  });
});

// Data is not a request.
describe('data is not a request', () => {
  it('a workspaceId field in a JSON fixture or a recorded response', () => {
    const ws = workspaceIdLiteral();
    const r = restrictedKey();
    const fixture = `{\n  "data": [\n    { "id": "itm_1", "workspaceId": "${ws}", "sku": "A-1" }\n  ],\n  "meta": { "key": "${r}" }\n}`;
    const fs = scan(fixture, 'test/fixtures/items.json');
    assert.deepEqual(fs.map((f) => f.rule), ['retrac/restricted-key']);
    const recorded = `{"status": 200, "body": {"workspaceId": "${ws}", "name": "Acme"}}`;
    assert.deepEqual(scan(recorded, 'recordings/workspace.json'), []);
  });
  it('a workspaceId in a request URL in JSON is still a request parameter', () => {
    const ws = workspaceIdLiteral();
    const text = `{ "request": { "url": "${API}/items?workspaceId=${ws}" } }`;
    assert.deepEqual(scan(text, 'requests.json').map((f) => f.rule), ['retrac/hardcoded-workspace-id']);
  });
  it('a full-access key sent with workspaceId is not workspace-id-with-restricted-key', () => {
    const text = `await fetch('${API}/items?workspaceId=' + ws, {\n  headers: { Authorization: 'Bearer ${fullKey()}' },\n});`;
    assert.deepEqual(scan(text, 'a.ts').map((f) => f.rule), ['retrac/full-access-key']);
  });
});

// Build-time defines inline a value into the bundle: the literal is the leak.
positives('build-time defines', 'retrac/full-access-key', () => fullKey(), [
  { name: 'webpack DefinePlugin', file: 'webpack.config.js', make: (k) => `plugins: [\n  new webpack.DefinePlugin({\n    'process.env.RETRAC_API_KEY': JSON.stringify('${k}'),\n  }),\n],` },
  { name: 'vite define', file: 'vite.config.ts', make: (k) => `export default defineConfig({\n  define: {\n    __RETRAC_TOKEN__: JSON.stringify("${k}"),\n  },\n});` },
  { name: 'esbuild define', file: 'build.mjs', make: (k) => `await esbuild.build({ define: { 'process.env.RETRAC_KEY': '"${k}"' } });` },
]);

describe('the workspace scan reads files named for Retrac', () => {
  it('mayHaveFindings is true for config/retrac.env whatever its bytes', () => {
    const bytes = Buffer.from(`TOKEN=${fullKey()}\n`);
    assert.equal(mayHaveFindings(bytes, sharedParts(undefined, false)), false);
    assert.equal(mayHaveFindings(bytes, sharedParts(undefined, false), 'config/retrac.env'), true);
    assert.equal(scan(bytes.toString(), 'config/retrac.env').length, 1);
  });

  it("the byte gate passes every text the scanner's own gate matches (UTF-8, words run together)", () => {
    // The byte gate is narrower than a plain word list (`project` alone does not pass): it must
    // still never refuse a text with a gate word, or a file with a finding would go unread.
    const parts = sharedParts(new Map([['MY_SERVICE_TOKEN', fullKey()]]), false);
    const words = ['Retrac', 'retrac', 'RETRAC', 'workspaceId', 'WorkspaceID', 'workspace_id', 'projectSlug', 'Project_slug', 'MY_SERVICE_TOKEN'];
    const near = ['etrac', 'ETRAC', 'workspace', 'Workspace', 'project', 'Projects', 'orkspaceI', 'rojectS', 'MY_SERVICE', '\u00e9', 'é', '字', '\n', ' ', '"'];
    const gate = new RegExp(parts.gate.source);
    let seed = 7;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    let passed = 0;
    for (let i = 0; i < 5000; i++) {
      const pieces = Array.from({ length: 1 + rand(6) }, () => (rand(4) ? near[rand(near.length)] : words[rand(words.length)]));
      const text = pieces.join(rand(2) ? '' : ' ');
      const bytes = Buffer.from(text, 'utf8');
      if (gate.test(text)) {
        passed++;
        assert.equal(mayHaveFindings(bytes, parts), true, JSON.stringify(text));
        assert.equal(mayHaveFindings(bytes, parts, undefined, true), true, JSON.stringify(text));
      }
    }
    assert.ok(passed > 1000, `only ${passed} texts had a gate word`);
    for (const plain of ['project', 'workspace', 'Projects and workspaces', 'projector', 'workspaces_id']) {
      assert.equal(mayHaveFindings(Buffer.from(plain), parts), false, plain);
      assert.equal(mayHaveFindings(Buffer.from(plain), parts, undefined, true), true, `${plain}: a source map's bytes pass on the bare word`);
    }
  });
});

// A key literal is always a key finding, even when another rule fires on the line.
describe('a key literal is always a key finding', () => {
  for (const [file, make] of [
    ['next.config.js', (k: string) => `module.exports = {\n  env: { NEXT_PUBLIC_RETRAC_KEY: '${k}' },\n};`],
    ['.env.development', (k: string) => `VITE_RETRAC_KEY=${k}`],
    ['vite.config.ts', (k: string) => `export default defineConfig({ define: { 'import.meta.env.VITE_RETRAC_KEY': JSON.stringify('${k}') } });`],
  ] as const) {
    for (const kind of ['restricted', 'full'] as const) {
      it(`${kind} key behind a public name in ${file}`, () => {
        const k = kind === 'restricted' ? restrictedKey() : fullKey();
        const text = make(k);
        const rules = scan(text, file).map((f) => f.rule).sort();
        assert.ok(rules.includes('retrac/client-exposed-key') || file === 'vite.config.ts', rules.join());
        assert.ok(rules.includes(kind === 'restricted' ? 'retrac/restricted-key' : 'retrac/full-access-key'), rules.join());
      });
    }
  }
});
