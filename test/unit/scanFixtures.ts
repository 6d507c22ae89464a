// Fake keys and carriers for the scanner tests. Keys are generated at run time: the repository
// never holds a key-shaped string.
import { randomBytes } from 'node:crypto';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomAlnum(length: number): string {
  for (;;) {
    const s = Array.from(randomBytes(length), (b) => ALNUM[b % 62]).join('');
    // Real keys mix digits and both cases; this only drops the rare all-one-class draw.
    if (/[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
  }
}

export const restrictedKey = (length = 24): string => 'retrac' + '_' + randomAlnum(length);
export const fullKey = (length = 24): string => randomAlnum(length);
export const workspaceIdLiteral = (): string => 'ws' + '_' + 'c' + Array.from(randomBytes(12), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** A text in one syntax that carries a value. */
export interface Carrier {
  name: string;
  fileName: string;
  make: (value: string) => string;
}

/** Requests in 27 syntaxes: `make(url, authorization)`. */
export interface RequestCarrier {
  fileName: string;
  make: (url: string, auth: string) => string;
}

export const requestCarriers: RequestCarrier[] = [
  { fileName: 'fetch.js', make: (u, a) => `const res = await fetch('${u}', {\n  headers: { Authorization: '${a}' },\n});` },
  { fileName: 'axios.ts', make: (u, a) => `const { data } = await axios.get("${u}", {\n  headers: { "Authorization": "${a}", Accept: "application/json" },\n});` },
  { fileName: 'template.mjs', make: (u, a) => 'const auth = `' + a + '`;\nawait fetch(`' + u + '`, { headers: { Authorization: auth } });' },
  { fileName: 'headers.ts', make: (u, a) => `const headers = new Headers();\nheaders.set('Authorization', '${a}');\nconst r = await fetch(new Request('${u}', { headers }));` },
  { fileName: 'node-https.cjs', make: (u, a) => `https.get('${u}', { headers: { authorization: '${a}' } }, onResponse);` },
  { fileName: 'client.py', make: (u, a) => `resp = requests.get(\n    "${u}",\n    headers={"Authorization": "${a}"},\n    timeout=10,\n)` },
  { fileName: 'async_client.py', make: (u, a) => `async with httpx.AsyncClient() as client:\n    r = await client.get(f"${u}", headers={'Authorization': '${a}'})` },
  { fileName: 'client.go', make: (u, a) => `req, _ := http.NewRequest("GET", "${u}", nil)\nreq.Header.Set("Authorization", "${a}")\nresp, err := http.DefaultClient.Do(req)` },
  { fileName: 'client.rb', make: (u, a) => `uri = URI("${u}")\nreq = Net::HTTP::Get.new(uri)\nreq["Authorization"] = "${a}"\nres = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }` },
  { fileName: 'Client.java', make: (u, a) => `HttpRequest request = HttpRequest.newBuilder()\n    .uri(URI.create("${u}"))\n    .header("Authorization", "${a}")\n    .build();` },
  { fileName: 'Client.cs', make: (u, a) => `using var req = new HttpRequestMessage(HttpMethod.Get, "${u}");\nreq.Headers.TryAddWithoutValidation("Authorization", "${a}");\nvar res = await http.SendAsync(req);` },
  { fileName: 'client.php', make: (u, a) => `$ch = curl_init('${u}');\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: ${a}']);\n$out = curl_exec($ch);` },
  { fileName: 'call.sh', make: (u, a) => `curl -sS "${u}" \\\n  -H "Authorization: ${a}" \\\n  -H "Accept: application/json"` },
  { fileName: 'httpie.sh', make: (u, a) => `http GET '${u}' 'Authorization:${a}'` },
  { fileName: 'api.http', make: (u, a) => `GET ${u}\nAuthorization: ${a}\nAccept: application/json` },
  { fileName: 'README.md', make: (u, a) => "## Try it\n\n```bash\ncurl -H 'Authorization: " + a + "' \\\n  '" + u + "'\n```" },
  { fileName: 'main.rs', make: (u, a) => `let resp = reqwest::Client::new()\n    .get("${u}")\n    .header("Authorization", "${a}")\n    .send()\n    .await?;` },
  { fileName: 'Api.kt', make: (u, a) => `val request = Request.Builder()\n    .url("${u}")\n    .addHeader("Authorization", "${a}")\n    .build()` },
  { fileName: 'Api.swift', make: (u, a) => `var request = URLRequest(url: URL(string: "${u}")!)\nrequest.setValue("${a}", forHTTPHeaderField: "Authorization")` },
  { fileName: 'call.ps1', make: (u, a) => `Invoke-RestMethod -Uri "${u}" -Headers @{ Authorization = "${a}" }` },
  { fileName: 'wget.sh', make: (u, a) => `wget --header="Authorization: ${a}" -O - "${u}"` },
  { fileName: 'api.dart', make: (u, a) => `final res = await http.get(Uri.parse('${u}'), headers: {'Authorization': '${a}'});` },
  { fileName: 'api.ex', make: (u, a) => `HTTPoison.get!("${u}", [{"Authorization", "${a}"}])` },
  { fileName: '.github/workflows/smoke.yml', make: (u, a) => `jobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          curl -fsS "${u}" \\\n            -H "Authorization: ${a}"` },
  { fileName: 'Makefile', make: (u, a) => `smoke:\n\tcurl -fsS "${u}" -H "Authorization: ${a}"` },
  { fileName: 'Dockerfile', make: (u, a) => `FROM alpine:3.20\nRUN curl -fsS "${u}" -H "Authorization: ${a}" > /tmp/items.json` },
  { fileName: 'collection.json', make: (u, a) => `{\n  "request": {\n    "url": "${u}",\n    "header": [{ "key": "Authorization", "value": "${a}" }]\n  }\n}` },
];

/** A key assigned to a name that says Retrac key (or passed to a Retrac client), in 30 syntaxes. */
export const assignmentCarriers: Carrier[] = [
  { name: 'dotenv', fileName: '.env.example', make: (k) => `# Retrac\nRETRAC_API_KEY=${k}\nRETRAC_WORKSPACE_ID=` },
  { name: 'dotenv export quoted', fileName: '.env.sample', make: (k) => `export RETRAC_API_KEY="${k}"` },
  { name: 'yaml section', fileName: 'config.yml', make: (k) => `retrac:\n  api_key: ${k}\n  base_url: https://api.retrac.co` },
  { name: 'json', fileName: 'settings.json', make: (k) => `{\n  "retracApiKey": "${k}",\n  "timeoutMs": 5000\n}` },
  { name: 'toml section', fileName: 'config.toml', make: (k) => `[retrac]\napi_key = "${k}"` },
  { name: 'properties', fileName: 'application.properties', make: (k) => `retrac.api.key=${k}\nretrac.api.url=https://api.retrac.co` },
  { name: 'compose list', fileName: 'docker-compose.yml', make: (k) => `services:\n  app:\n    environment:\n      - RETRAC_API_KEY=${k}` },
  { name: 'compose map', fileName: 'compose.yaml', make: (k) => `services:\n  worker:\n    environment:\n      RETRAC_API_KEY: "${k}"` },
  { name: 'github actions env', fileName: '.github/workflows/ci.yml', make: (k) => `jobs:\n  test:\n    env:\n      RETRAC_API_KEY: ${k}\n    steps:\n      - run: npm test` },
  { name: 'kubernetes', fileName: 'deployment.yaml', make: (k) => `        env:\n          - name: RETRAC_API_KEY\n            value: "${k}"` },
  { name: 'makefile', fileName: 'Makefile', make: (k) => `RETRAC_API_KEY ?= ${k}\nexport RETRAC_API_KEY` },
  { name: 'dockerfile env space', fileName: 'Dockerfile', make: (k) => `FROM node:20\nENV RETRAC_API_KEY ${k}` },
  { name: 'dockerfile env equals', fileName: 'Dockerfile.prod', make: (k) => `FROM node:20\nENV RETRAC_API_KEY=${k} NODE_ENV=production` },
  { name: 'powershell', fileName: 'setup.ps1', make: (k) => `$env:RETRAC_API_KEY = "${k}"` },
  { name: 'java', fileName: 'Config.java', make: (k) => `public final class Config {\n  private static final String RETRAC_API_KEY = "${k}";\n}` },
  { name: 'csharp', fileName: 'Config.cs', make: (k) => `internal static class Config { public const string RetracApiKey = "${k}"; }` },
  { name: 'go', fileName: 'config.go', make: (k) => `func main() {\n\tretracAPIKey := "${k}"\n\t_ = retracAPIKey\n}` },
  { name: 'php variable', fileName: 'config.php', make: (k) => `<?php\n$retracApiKey = '${k}';` },
  { name: 'php define', fileName: 'wp-config.php', make: (k) => `define('RETRAC_API_KEY', '${k}');` },
  { name: 'ruby constant', fileName: 'config.rb', make: (k) => `RETRAC_API_KEY = '${k}'.freeze` },
  { name: 'ruby client', fileName: 'client.rb', make: (k) => `client = Retrac::Client.new(api_key: "${k}")` },
  { name: 'python constant', fileName: 'settings.py', make: (k) => `RETRAC_API_KEY = "${k}"` },
  { name: 'python annotated', fileName: 'typed_settings.py', make: (k) => `RETRAC_API_KEY: str = "${k}"` },
  { name: 'python client', fileName: 'sync.py', make: (k) => `client = retrac.Client(api_key="${k}")` },
  { name: 'typescript client', fileName: 'client.ts', make: (k) => `export const client = new Retrac({\n  apiKey: '${k}',\n  timeoutMs: 10_000,\n});` },
  { name: 'typescript annotated', fileName: 'keys.ts', make: (k) => `export const RETRAC_API_KEY: string = '${k}';` },
  { name: 'terraform', fileName: 'main.tf', make: (k) => `variable "retrac_api_key" {\n  type = string\n}\nretrac_api_key = "${k}"` },
  { name: 'ini section', fileName: 'retrac.ini', make: (k) => `[retrac]\ntoken = ${k}` },
  { name: 'swift', fileName: 'Keys.swift', make: (k) => `let retracApiKey = "${k}"` },
  { name: 'kotlin', fileName: 'Keys.kt', make: (k) => `const val RETRAC_API_KEY = "${k}"` },
  { name: 'rust', fileName: 'keys.rs', make: (k) => `const RETRAC_API_KEY: &str = "${k}";` },
];

/** A key behind a name that bundlers inline into browser code. */
export const publicCarriers: Carrier[] = [
  { name: 'next .env', fileName: '.env', make: (k) => `NEXT_PUBLIC_RETRAC_API_KEY=${k}` },
  { name: 'vite .env.local', fileName: '.env.local', make: (k) => `VITE_RETRAC_KEY=${k}` },
  { name: 'cra quoted', fileName: '.env.development', make: (k) => `REACT_APP_RETRAC_TOKEN="${k}"` },
  { name: 'expo generic name', fileName: '.env', make: (k) => `# Retrac inventory\nEXPO_PUBLIC_API_KEY=${k}` },
  { name: 'nuxt', fileName: '.env.production', make: (k) => `NUXT_PUBLIC_RETRAC_KEY='${k}'` },
  { name: 'gatsby', fileName: '.env.production', make: (k) => `GATSBY_RETRAC_API_KEY=${k}` },
  { name: 'sveltekit', fileName: '.env', make: (k) => `PUBLIC_RETRAC_API_KEY=${k}` },
  { name: 'vue cli', fileName: '.env', make: (k) => `VUE_APP_RETRAC_KEY=${k}` },
  { name: 'storybook', fileName: '.env', make: (k) => `STORYBOOK_RETRAC_KEY=${k}` },
  { name: 'next.config.js env', fileName: 'next.config.js', make: (k) => `module.exports = {\n  env: { NEXT_PUBLIC_RETRAC_KEY: '${k}' },\n};` },
  { name: 'compose', fileName: 'docker-compose.yml', make: (k) => `services:\n  web:\n    environment:\n      - VITE_RETRAC_KEY=${k}` },
  { name: 'github actions env', fileName: '.github/workflows/deploy.yml', make: (k) => `    env:\n      NEXT_PUBLIC_RETRAC_KEY: ${k}` },
  { name: 'dockerfile', fileName: 'Dockerfile', make: (k) => `FROM node:20\nENV VITE_RETRAC_KEY=${k}` },
  { name: 'makefile', fileName: 'Makefile', make: (k) => `VITE_RETRAC_KEY ?= ${k}` },
  { name: 'vercel.json', fileName: 'vercel.json', make: (k) => `{ "env": { "NEXT_PUBLIC_RETRAC_KEY": "${k}" } }` },
  { name: 'expo app.json', fileName: 'app.json', make: (k) => `{\n  "expo": { "extra": { "EXPO_PUBLIC_RETRAC_KEY": "${k}" } }\n}` },
  { name: 'netlify.toml', fileName: 'netlify.toml', make: (k) => `[build.environment]\nVITE_RETRAC_KEY = "${k}"` },
  { name: 'kubernetes', fileName: 'web.yaml', make: (k) => `        env:\n          - name: NEXT_PUBLIC_RETRAC_KEY\n            value: "${k}"` },
  { name: 'shell export', fileName: 'build.sh', make: (k) => `export REACT_APP_RETRAC_KEY=${k}\nnpm run build` },
  { name: 'powershell', fileName: 'build.ps1', make: (k) => `$env:VITE_RETRAC_KEY = "${k}"` },
  { name: 'vite config', fileName: 'vite.config.ts', make: (k) => `process.env.VITE_RETRAC_KEY = '${k}';\nexport default defineConfig({});` },
  { name: 'astro .env.production', fileName: '.env.production', make: (k) => `PUBLIC_RETRAC_TOKEN="${k}"` },
  { name: 'storybook main.js', fileName: '.storybook/main.js', make: (k) => `module.exports = { env: (config) => ({ ...config, STORYBOOK_RETRAC_KEY: '${k}' }) };` },
  { name: 'nuxt.config.ts', fileName: 'nuxt.config.ts', make: (k) => `export default defineNuxtConfig({ runtimeConfig: { public: { NUXT_PUBLIC_RETRAC_KEY: '${k}' } } });` },
  { name: 'gatsby .env.staging', fileName: '.env.staging', make: (k) => `GATSBY_RETRAC_KEY=${k}` },
];

/** Runs `f` (synchronous) and says how much CPU time (user + system, this process) and wall time it took. */
export function withCpuMs<T>(f: () => T): { value: T; cpuMs: number; wallMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}
