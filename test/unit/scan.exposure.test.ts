// Red-team cases for issue 10 (engineer V): WHERE a key or a workspace id ends up, on file kinds no
// other scan test uses. `retrac/client-exposed-key` (a Retrac key behind a public env name or a
// name that a client build inlines: framework config sections, client app config, build defines;
// a key in a built bundle or a served file is a leaked key, reported by the key rules),
// `retrac/hardcoded-workspace-id` (a literal workspace id sent as a request parameter; data is not a
// request), `retrac/insecure-http` (plain HTTP to the Retrac API, not to a local sandbox, not a
// namespace) and the key rules where they meet these (a key literal is always a key finding).
// Written before reading the rules in depth; keys and ids are generated at run time. The last test
// prints recall and precision per rule over all cases.
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type RuleId, type ScanOptions } from '../../src/scan';
import { fullKey, restrictedKey, withCpuMs, workspaceIdLiteral } from './scanFixtures';

const API = 'https://api.retrac.co';
const HTTP = 'http://api.retrac.co';
const B = '`';

/** The values a case is written around. */
interface Values {
  r: string; // a restricted key
  f: string; // a full-access key
  ws: string; // a workspace id
}

type Short = 'key' | 'exp' | 'ws' | 'http';
const RULE: Record<Short, (needle: string) => RuleId> = {
  key: (n) => (n === 'f' ? 'retrac/full-access-key' : 'retrac/restricted-key'),
  exp: () => 'retrac/client-exposed-key',
  ws: () => 'retrac/hardcoded-workspace-id',
  http: () => 'retrac/insecure-http',
};
const MEASURED: RuleId[] = ['retrac/restricted-key', 'retrac/full-access-key', 'retrac/client-exposed-key', 'retrac/hardcoded-workspace-id', 'retrac/insecure-http'];

/**
 * `expect` lists the findings a user must see, as `rule:needle`: rule `key` (the key rule for the
 * needle's kind), `exp`, `ws` or `http`; needle `r`, `f`, `ws` (the generated value) or a literal
 * text. A finding matches when it has that rule and sits on a line where the needle is. Any other
 * finding of a measured rule is false.
 */
interface Case {
  round: number;
  group: string;
  name: string;
  file: string;
  make: (v: Values) => string;
  expect: string[];
  options?: Partial<ScanOptions>;
}

const cases: Case[] = [];
let round = 0;
function add(group: string, list: [string, string, (v: Values) => string, string[], Partial<ScanOptions>?][]): void {
  for (const [name, file, make, expect, options] of list) cases.push({ round, group, name, file, make, expect, options });
}
const IGNORED: Partial<ScanOptions> = { gitIgnored: true };

// =============================================================================================
// Round 1
round = 1;
// ---------------------------------------------------------------------------------------------
// Public env names in files that define them, beyond the carriers in scanFixtures.ts: a tracked
// file holds a leaked key AND an exposed one.
add('public env names', [
  ['Dockerfile ARG with a public default', 'web/Dockerfile', (v) => `FROM node:20-alpine AS build\nWORKDIR /app\nARG NEXT_PUBLIC_RETRAC_KEY=${v.r}\nRUN npm ci && npm run build`, ['key:r', 'exp:r']],
  ['docker build --build-arg in CI', '.github/workflows/image.yml', (v) => `      - name: Build image\n        run: |\n          docker build \\\n            --build-arg VITE_RETRAC_KEY=${v.r} \\\n            -t ghcr.io/acme/web:latest .`, ['key:r', 'exp:r']],
  ['package.json script with an inline public env', 'package.json', (v) => `{\n  "name": "web",\n  "scripts": {\n    "build": "REACT_APP_RETRAC_KEY=${v.r} react-scripts build",\n    "test": "react-scripts test"\n  }\n}`, ['key:r', 'exp:r']],
  ['cross-env in package.json', 'package.json', (v) => `{\n  "scripts": {\n    "build": "cross-env VITE_RETRAC_API_KEY=${v.f} vite build"\n  }\n}`, ['key:f', 'exp:f']],
  ['direnv .envrc', '.envrc', (v) => `use node\nexport NEXT_PUBLIC_RETRAC_KEY=${v.r}\nexport DATABASE_URL=postgres://localhost/app`, ['key:r', 'exp:r']],
  ['render.yaml key/value on two lines', 'render.yaml', (v) => `services:\n  - type: web\n    name: storefront\n    envVars:\n      - key: NODE_VERSION\n        value: 20\n      - key: NEXT_PUBLIC_RETRAC_KEY\n        value: ${v.r}`, ['key:r', 'exp:r']],
  ['App Engine app.yaml env_variables', 'app.yaml', (v) => `runtime: nodejs20\nenv_variables:\n  VITE_RETRAC_KEY: "${v.r}"\n  NODE_ENV: production`, ['key:r', 'exp:r']],
  ['fly.toml [env]', 'fly.toml', (v) => `app = "storefront"\n\n[env]\n  PUBLIC_RETRAC_KEY = "${v.r}"\n  PORT = "8080"`, ['key:r', 'exp:r']],
  ['EAS build profile env', 'eas.json', (v) => `{\n  "build": {\n    "production": {\n      "env": {\n        "EXPO_PUBLIC_RETRAC_KEY": "${v.r}"\n      }\n    }\n  }\n}`, ['key:r', 'exp:r']],
  ['GitLab CI variables', '.gitlab-ci.yml', (v) => `variables:\n  NEXT_PUBLIC_RETRAC_KEY: "${v.r}"\n\nbuild:\n  script:\n    - npm run build`, ['key:r', 'exp:r']],
  ['tracked .env.production, full key behind a Retrac public name', '.env.production', (v) => `# Storefront\nVITE_RETRAC_API_KEY=${v.f}\nVITE_RETRAC_BASE_URL=${API}`, ['key:f', 'exp:f']],
  ['git-ignored .env.production.local: only exposure', '.env.production.local', (v) => `VITE_RETRAC_KEY=${v.r}`, ['exp:r'], IGNORED],
  ['git-ignored .env.local with a server-only name: quiet', '.env.local', (v) => `RETRAC_API_KEY=${v.r}\nRETRAC_WORKSPACE_ID=${v.ws}`, [], IGNORED],
]);

// Framework config that is inlined into client code without a public prefix.
add('client config', [
  ['Vite define into import.meta.env', 'vite.config.ts', (v) => `import { defineConfig } from 'vite';\nimport react from '@vitejs/plugin-react';\n\nexport default defineConfig({\n  plugins: [react()],\n  define: {\n    'import.meta.env.VITE_RETRAC_KEY': JSON.stringify('${v.r}'),\n  },\n});`, ['key:r', 'exp:r']],
  ['Vite define of a global', 'vite.config.js', (v) => `export default {\n  define: {\n    __APP_VERSION__: JSON.stringify('1.4.0'),\n    __RETRAC_KEY__: JSON.stringify('${v.r}'),\n  },\n};`, ['key:r', 'exp:r']],
  ['Astro vite define', 'astro.config.mjs', (v) => `import { defineConfig } from 'astro/config';\nexport default defineConfig({\n  vite: {\n    define: { 'import.meta.env.PUBLIC_RETRAC_TOKEN': JSON.stringify('${v.r}') },\n  },\n});`, ['key:r', 'exp:r']],
  ['Nuxt runtimeConfig.public field', 'nuxt.config.ts', (v) => `export default defineNuxtConfig({\n  modules: ['@pinia/nuxt'],\n  runtimeConfig: {\n    public: {\n      retracBaseUrl: '${API}',\n      retracApiKey: '${v.f}',\n    },\n  },\n});`, ['key:f', 'exp:f']],
  ['Nuxt private runtimeConfig: key only', 'nuxt.config.ts', (v) => `export default defineNuxtConfig({\n  runtimeConfig: {\n    retracApiKey: '${v.f}',\n    public: {\n      retracBaseUrl: '${API}',\n    },\n  },\n});`, ['key:f']],
  ['Next env block (inlined whatever the name)', 'next.config.mjs', (v) => `/** @type {import('next').NextConfig} */\nconst nextConfig = {\n  reactStrictMode: true,\n  env: {\n    retracKey: '${v.r}',\n  },\n};\nexport default nextConfig;`, ['key:r', 'exp:r']],
  ['Next publicRuntimeConfig', 'next.config.js', (v) => `module.exports = {\n  publicRuntimeConfig: {\n    retracApiKey: '${v.r}',\n  },\n};`, ['key:r', 'exp:r']],
  ['Next serverRuntimeConfig: key only', 'next.config.js', (v) => `module.exports = {\n  serverRuntimeConfig: {\n    retracApiKey: '${v.r}',\n  },\n  publicRuntimeConfig: {\n    staticFolder: '/static',\n  },\n};`, ['key:r']],
  ['Angular environment.prod.ts', 'src/environments/environment.prod.ts', (v) => `export const environment = {\n  production: true,\n  retracApiUrl: '${API}',\n  retracApiKey: '${v.f}',\n};`, ['key:f', 'exp:f']],
  ['Ember config/environment.js', 'config/environment.js', (v) => `'use strict';\n\nmodule.exports = function (environment) {\n  const ENV = {\n    modulePrefix: 'storefront',\n    environment,\n    APP: {\n      RETRAC_KEY: '${v.r}',\n    },\n  };\n  return ENV;\n};`, ['key:r', 'exp:r']],
  ['Expo app.config.ts extra', 'app.config.ts', (v) => `export default ({ config }) => ({\n  ...config,\n  name: 'Stock',\n  extra: {\n    retracApiKey: '${v.r}',\n  },\n});`, ['key:r', 'exp:r']],
  ['Capacitor config plugin entry', 'capacitor.config.ts', (v) => `const config: CapacitorConfig = {\n  appId: 'com.acme.stock',\n  plugins: {\n    Retrac: { apiKey: '${v.r}' },\n  },\n};\nexport default config;`, ['key:r', 'exp:r']],
  ['Cordova config.xml preference', 'config.xml', (v) => `<?xml version='1.0' encoding='utf-8'?>\n<widget id="com.acme.stock" version="1.0.0">\n    <preference name="RetracApiKey" value="${v.r}" />\n</widget>`, ['key:r', 'exp:r']],
  ['Flutter --dart-define in a build script', 'scripts/build_android.sh', (v) => `#!/usr/bin/env bash\nset -euo pipefail\nflutter build apk --release \\\n  --dart-define=RETRAC_API_KEY=${v.r} \\\n  --dart-define=FLAVOR=prod`, ['key:r', 'exp:r']],
  ['Electron preload: a key in a file, not behind a name: key only', 'src/preload.js', (v) => `const { contextBridge } = require('electron');\n\ncontextBridge.exposeInMainWorld('retrac', {\n  apiKey: '${v.r}',\n});`, ['key:r']],
]);

// Code that reads a public name holding a Retrac key.
add('public names in code', [
  ['SvelteKit $env/static/public import', 'src/routes/+page.svelte', () => `<script>\n  import { PUBLIC_RETRAC_API_KEY } from '$env/static/public';\n  const items = fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${PUBLIC_RETRAC_API_KEY}${B} } });\n</script>`, ['exp:PUBLIC_RETRAC_API_KEY', 'exp:PUBLIC_RETRAC_API_KEY']],
  ['SvelteKit private import in a server file: quiet', 'src/routes/+page.server.ts', () => `import { RETRAC_API_KEY } from '$env/static/private';\nexport async function load({ fetch }) {\n  const r = await fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${RETRAC_API_KEY}${B} } });\n  return { items: await r.json() };\n}`, []],
  ['Expo app reads EXPO_PUBLIC_', 'App.tsx', () => `const client = new RetracClient({ apiKey: process.env.EXPO_PUBLIC_RETRAC_API_KEY });`, ['exp:EXPO_PUBLIC_RETRAC_API_KEY']],
  ['Remix window.ENV with a Retrac key', 'app/root.tsx', () => `export async function loader() {\n  return json({ ENV: { RETRAC_API_KEY: process.env.RETRAC_API_KEY } });\n}\n// …\n<script dangerouslySetInnerHTML={{ __html: ${B}window.ENV = \${JSON.stringify(data.ENV)}${B} }} />`, ['exp:RETRAC_API_KEY: process']],
  ['a public base URL name in code: quiet', 'src/api.ts', () => `const base = import.meta.env.VITE_RETRAC_BASE_URL ?? '${API}';\nconst ws = import.meta.env.VITE_RETRAC_WORKSPACE;`, []],
  ['a courier key behind a public name in code: quiet', 'src/ship.ts', () => `const courier = new Courier(process.env.NEXT_PUBLIC_COURIER_KEY);\nconst retrac = await fetch('/api/items');`, []],
  ['Next route handler with a server-only name: quiet', 'app/api/items/route.ts', () => `export async function GET() {\n  const r = await fetch('${API}/items?workspaceId=' + process.env.RETRAC_WORKSPACE_ID, {\n    headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n  });\n  return Response.json(await r.json());\n}`, []],
  ['Next pages/api with a literal key: key only', 'pages/api/items.ts', (v) => `export default async function handler(req, res) {\n  const r = await fetch('${API}/items', { headers: { Authorization: 'Bearer ${v.r}' } });\n  res.status(200).json(await r.json());\n}`, ['key:r']],
]);

// Built bundles, source maps and folders served as they are: a key there is a leaked key (the key
// rules, in every one of them); client-exposed-key is about the NAME that puts it there (the
// project's decision, held by scan.cli, scan.failClosed and scan.suppression tests). A Retrac key
// name rendered into a page by a template is such a name.
add('shipped files', [
  ['Vite bundle with the inlined env object: the public name is still there', 'dist/assets/index-4f2a9c1b.js', (v) => `import{r as a}from"./vendor-1c2d.js";const Ve={BASE_URL:"/",MODE:"production",DEV:!1,PROD:!0,SSR:!1,VITE_RETRAC_KEY:"${v.r}"};function Ge(){return fetch("${API}/items",{headers:{Authorization:${B}Bearer \${Ve.VITE_RETRAC_KEY}${B}}})}export{Ge as l};`, ['key:r', 'exp:r']],
  ['Next static chunk with an inlined key', '.next/static/chunks/pages/_app-8e1d3a7c5b2f.js', (v) => `(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[888],{6840:function(e,t,n){"use strict";let r="${v.r}";async function o(){return fetch("${API}/items",{headers:{Authorization:"Bearer "+r}})}}}]);`, ['key:r']],
  ['CRA bundle, full key to Retrac', 'build/static/js/main.8e4d2f1a.js', (v) => `!function(){"use strict";var e="${API}",t="${v.f}";function n(n){return fetch(e+"/workspaces",{headers:{Authorization:"Bearer "+t}})}window.loadWs=n}();`, ['key:f']],
  ['source map sourcesContent', 'dist/assets/index-4f2a9c1b.js.map', (v) => `{"version":3,"file":"index-4f2a9c1b.js","sources":["../../src/api.ts"],"sourcesContent":["export const RETRAC_KEY = \\"${v.r}\\";\\nexport const base = \\"${API}\\";\\n"],"mappings":"AAAA"}`, ['key:r']],
  ['public/config.js window global', 'public/config.js', (v) => `window.__APP_CONFIG__ = {\n  retracBaseUrl: '${API}',\n  retracApiKey: '${v.r}',\n};`, ['key:r']],
  ['HTML script global', 'index.html', (v) => `<!doctype html>\n<html>\n  <head>\n    <script>\n      window.RETRAC_KEY = "${v.r}";\n    </script>\n    <script type="module" src="/src/main.ts"></script>\n  </head>\n</html>`, ['key:r']],
  ['service worker in public/', 'public/sw.js', (v) => `self.addEventListener('sync', (event) => {\n  event.waitUntil(fetch('${API}/items', { headers: { Authorization: 'Bearer ${v.r}' } }));\n});`, ['key:r']],
  ['browser extension content script', 'extension/content.js', (v) => `const RETRAC_TOKEN = '${v.r}';\nchrome.runtime.onMessage.addListener(async (msg) => {\n  const r = await fetch('${API}/items?search=' + msg.sku, { headers: { Authorization: 'Bearer ' + RETRAC_TOKEN } });\n});`, ['key:r']],
  ['Django template renders a key into JS', 'templates/stock/index.html', () => `{% extends "base.html" %}\n{% block scripts %}\n<script>\n  const retracKey = "{{ retrac_api_key }}";\n</script>\n{% endblock %}`, ['exp:retrac_api_key']],
  ['a bundle with another service key next to a Retrac URL: quiet', 'dist/assets/index-77aa01.js', (v) => `const Qe="${API}";var Ze={writeKey:"${v.f}",host:"https://api.segment.io"};analytics.load(Ze.writeKey);fetch(Qe+"/api/proxy");`, []],
  ['a bundle of chunk hashes: quiet', 'dist/assets/manifest-3b.js', (v) => `const m={"index":"${v.f}","vendor":"${v.f.split('').reverse().join('')}"};const r="${API}";`, []],
]);

// Hard negatives around public names.
add('public name negatives', [
  ['a server-only name that contains PUBLIC', '.env.production', () => `RETRAC_PUBLIC_LOCATION=clq2x0b7k0000l908h6ab1xyz\nRETRAC_PUBLIC_CATALOG=true`, []],
  ['RETRAC_PUBLIC_KEY is server-only: key rule only', '.env.staging', (v) => `RETRAC_PUBLIC_KEY=${v.r}`, ['key:r']],
  ['a public name holding a workspace id', '.env.production', (v) => `NEXT_PUBLIC_RETRAC_WORKSPACE=${v.ws}\nNEXT_PUBLIC_RETRAC_URL=${API}`, []],
  ['a public name holding a workspace slug', '.env', () => `VITE_RETRAC_WORKSPACE_SLUG=acme-hardware\nVITE_RETRAC_LOCALE=en`, [], IGNORED],
  ['a courier key behind NEXT_PUBLIC_COURIER_KEY', '.env.development', (v) => `NEXT_PUBLIC_RETRAC_URL=${API}\nNEXT_PUBLIC_COURIER_KEY=${v.f}`, []],
  ['a Stripe publishable key next to Retrac names', '.env.production', () => `VITE_STRIPE_KEY=pk_live_51Habc0123456789abcdefGHIJ\nVITE_RETRAC_URL=${API}`, []],
  ['an empty public name in .env.example', '.env.example', () => `NEXT_PUBLIC_RETRAC_KEY=\nRETRAC_API_KEY=your-key-here`, []],
  ['Expo extra holding a workspace id', 'app.json', (v) => `{\n  "expo": {\n    "name": "Stock",\n    "extra": { "retracWorkspace": "${v.ws}" }\n  }\n}`, []],
]);

// ---------------------------------------------------------------------------------------------
// hardcoded-workspace-id: a literal id as a request parameter in many clients.
add('workspace id in requests', [
  ['axios params object', 'src/items.ts', (v) => `const { data } = await axios.get(${B}${API}/items${B}, {\n  params: { workspaceId: '${v.ws}', page: 1 },\n  headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n});`, ['ws:ws']],
  ['Python requests params dict over lines', 'sync/items.py', (v) => `resp = requests.get(\n    f"{BASE}/items",\n    params={\n        "workspaceId": "${v.ws}",\n        "pageSize": 100,\n    },\n    headers=auth_headers(),\n)`, ['ws:ws']],
  ['Go url.Values', 'internal/retrac/items.go', (v) => `q := req.URL.Query()\nq.Set("workspaceId", "${v.ws}")\nreq.URL.RawQuery = q.Encode()`, ['ws:ws']],
  ['URLSearchParams', 'src/lib/items.js', (v) => `const qs = new URLSearchParams({ workspaceId: '${v.ws}', pageSize: '100' });\nconst res = await fetch(${B}${API}/items?\${qs}${B}, { headers });`, ['ws:ws']],
  ['OkHttp addQueryParameter', 'app/src/main/java/com/acme/Items.java', (v) => `HttpUrl url = HttpUrl.parse(BASE + "/items").newBuilder()\n    .addQueryParameter("workspaceId", "${v.ws}")\n    .build();`, ['ws:ws']],
  ['Spring WebClient queryParam', 'src/main/java/com/acme/RetracClient.java', (v) => `return webClient.get()\n    .uri(b -> b.path("/items").queryParam("workspaceId", "${v.ws}").build())\n    .retrieve().bodyToFlux(Item.class);`, ['ws:ws']],
  ['C# QueryHelpers', 'Services/RetracService.cs', (v) => `var url = QueryHelpers.AddQueryString("${API}/items", "workspaceId", "${v.ws}");\nvar items = await _http.GetFromJsonAsync<Item[]>(url);`, ['ws:ws']],
  ['Ruby HTTParty query', 'lib/retrac.rb', (v) => `self.class.get("/items", query: { workspaceId: "${v.ws}", page: page }, headers: headers)`, ['ws:ws']],
  ['PHP Guzzle query', 'src/Retrac.php', (v) => `$res = $this->client->request('GET', '/items', [\n    'query' => ['workspaceId' => '${v.ws}'],\n    'headers' => ['Authorization' => 'Bearer ' . getenv('RETRAC_API_KEY')],\n]);`, ['ws:ws']],
  ['Rust reqwest query tuple', 'src/retrac.rs', (v) => `let items: Vec<Item> = client\n    .get(format!("{BASE}/items"))\n    .query(&[("workspaceId", "${v.ws}")])\n    .send()\n    .await?\n    .json()\n    .await?;`, ['ws:ws']],
  ['HTTPie query param ==', 'scripts/items.sh', (v) => `http GET api.retrac.co/items workspaceId==${v.ws} "Authorization:Bearer $RETRAC_API_KEY"`, ['ws:ws']],
  ['curl -G --data-urlencode', 'scripts/items.sh', (v) => `curl -G "${API}/items" \\\n  --data-urlencode "workspaceId=${v.ws}" \\\n  -H "Authorization: Bearer $RETRAC_API_KEY"`, ['ws:ws']],
  ['Postman collection query array', 'postman/Retrac.postman_collection.json', (v) => `{\n  "request": {\n    "method": "GET",\n    "url": {\n      "raw": "{{baseUrl}}/items",\n      "host": ["{{baseUrl}}"],\n      "path": ["items"],\n      "query": [\n        { "key": "workspaceId", "value": "${v.ws}" }\n      ]\n    }\n  }\n}`, ['ws:ws']],
  ['Insomnia parameters', 'insomnia/export.json', (v) => `{\n  "_type": "request",\n  "url": "{{ base_url }}/items",\n  "parameters": [\n    { "name": "workspaceId", "value": "${v.ws}" }\n  ]\n}`, ['ws:ws']],
  ['Ktor parameter()', 'shared/src/commonMain/kotlin/Retrac.kt', (v) => `val items: List<Item> = client.get("${API}/items") {\n    parameter("workspaceId", "${v.ws}")\n    bearerAuth(token)\n}.body()`, ['ws:ws']],
  ['Swift URLQueryItem', 'Stock/RetracAPI.swift', (v) => `var c = URLComponents(string: "${API}/items")!\nc.queryItems = [URLQueryItem(name: "workspaceId", value: "${v.ws}")]`, ['ws:ws']],
  ['Dart Uri.https query map', 'lib/retrac.dart', (v) => `final uri = Uri.https('api.retrac.co', '/items', {'workspaceId': '${v.ws}'});`, ['ws:ws']],
  ['Elixir Req params', 'lib/stock/retrac.ex', (v) => `Req.get!("${API}/items", params: [workspaceId: "${v.ws}"], auth: {:bearer, token})`, ['ws:ws']],
  ['path /workspaces/{id}', 'src/workspace.ts', (v) => `const ws = await fetch(${B}${API}/workspaces/${v.ws}${B}, { headers });`, ['ws:ws']],
  ['JSON body of a POST', 'src/transfer.ts', (v) => `await fetch(${B}${API}/inventory/transfers${B}, {\n  method: 'POST',\n  headers,\n  body: JSON.stringify({ workspaceId: '${v.ws}', fromLocationId, toLocationId, lines }),\n});`, ['ws:ws']],
  ['a constant that a request sends', 'src/retrac.ts', (v) => `const WORKSPACE = '${v.ws}';\n\nexport const listItems = () =>\n  api.get('items', { searchParams: { workspaceId: WORKSPACE } }).json();`, ['ws:ws']],
  ['Java SDK builder', 'src/main/java/Sync.java', (v) => `ListItemsRequest req = ListItemsRequest.builder()\n    .workspaceId("${v.ws}")\n    .pageSize(100)\n    .build();`, ['ws:ws']],
  ['Nuxt useFetch query', 'pages/items.vue', (v) => `<script setup lang="ts">\nconst { data } = await useFetch('/items', {\n  baseURL: '${API}',\n  query: { workspaceId: '${v.ws}' },\n});\n</script>`, ['ws:ws']],
  ['Bruno params:query block', 'retrac/List items.bru', (v) => `get {\n  url: ${API}/items\n}\n\nparams:query {\n  workspaceId: ${v.ws}\n}\n\nauth:bearer {\n  token: {{retracKey}}\n}`, ['ws:ws']],
  ['PowerShell -Body on a GET', 'scripts/Get-Items.ps1', (v) => `$items = Invoke-RestMethod -Uri "${API}/items" -Method Get -Headers $headers -Body @{ workspaceId = '${v.ws}' }`, ['ws:ws']],
]);

// Data, config and records are not requests.
add('workspace id not in a request', [
  ['Prisma seed', 'prisma/seed.ts', (v) => `await prisma.item.create({\n  data: { sku: 'A-1', description: 'Anchor bolt', workspaceId: '${v.ws}' },\n});`, []],
  ['Jest assertion', 'src/api.test.ts', (v) => `expect(items[0].workspaceId).toBe('${v.ws}');`, []],
  ['Storybook args', 'src/components/ItemCard.stories.tsx', (v) => `export const Default = {\n  args: { item: { id: 'itm_1', sku: 'A-1', workspaceId: '${v.ws}' } },\n};`, []],
  ['OpenAPI parameter example', 'openapi.yaml', (v) => `      parameters:\n        - name: workspaceId\n          in: query\n          schema:\n            type: string\n          example: ${v.ws}`, []],
  ['docs: a response example', 'docs/items.md', (v) => "Response:\n\n```json\n{\n  \"id\": \"itm_1\",\n  \"workspaceId\": \"" + v.ws + "\"\n}\n```", []],
  ['analytics event', 'src/track.ts', (v) => `posthog.capture('stock_synced', { workspaceId: '${v.ws}', items: 42 });`, []],
  ['structured log call', 'src/sync.ts', (v) => `logger.info({ workspaceId: '${v.ws}', count }, 'synced items');`, []],
  ['a log file of requests', 'logs/sync.log', (v) => `2026-01-04T10:00:01Z INFO GET ${API}/items?workspaceId=${v.ws}&page=1 200 143ms\n2026-01-04T10:00:02Z INFO GET ${API}/items?workspaceId=${v.ws}&page=2 200 97ms`, []],
  ['a Pact contract', 'pacts/storefront-retrac.json', (v) => `{\n  "interactions": [\n    {\n      "request": { "method": "GET", "path": "/items", "query": "workspaceId=${v.ws}" },\n      "response": { "status": 200 }\n    }\n  ]\n}`, []],
  ['SQL seed', 'db/seed.sql', (v) => `INSERT INTO items (id, sku, workspace_id) VALUES ('itm_1', 'A-1', '${v.ws}');`, []],
  ['CSV export', 'data/items.csv', (v) => `id,sku,workspaceId\nitm_1,A-1,${v.ws}\nitm_2,A-2,${v.ws}`, []],
  ['.env workspace id is configuration', '.env.development', (v) => `RETRAC_API_URL=${API}\nRETRAC_WORKSPACE_ID=${v.ws}`, []],
  ['appsettings workspace id', 'appsettings.json', (v) => `{\n  "Retrac": {\n    "BaseUrl": "${API}",\n    "WorkspaceId": "${v.ws}"\n  }\n}`, []],
  ['YAML config workspace id', 'config/settings.yml', (v) => `retrac:\n  base_url: ${API}\n  workspace_id: ${v.ws}`, []],
]);

// ---------------------------------------------------------------------------------------------
// insecure-http
add('insecure http', [
  ['tracked .env.staging with a public URL name', '.env.staging', () => `VITE_RETRAC_URL=${HTTP}/\nVITE_APP_NAME=Stock`, [`http:${HTTP}`]],
  ['appsettings BaseUrl', 'appsettings.Production.json', () => `{\n  "Retrac": {\n    "BaseUrl": "${HTTP}"\n  }\n}`, [`http:${HTTP}`]],
  ['Retrofit baseUrl', 'app/src/main/java/com/acme/Api.kt', () => `val retrofit = Retrofit.Builder()\n    .baseUrl("${HTTP}/")\n    .addConverterFactory(MoshiConverterFactory.create())\n    .build()`, [`http:${HTTP}`]],
  ['nginx proxy_pass', 'deploy/nginx.conf', () => `location /retrac/ {\n    proxy_pass ${HTTP}/;\n    proxy_set_header Authorization "Bearer $retrac_key";\n}`, [`http:${HTTP}`]],
  ['Terraform provider base_url', 'main.tf', () => `provider "retrac" {\n  base_url = "${HTTP}"\n  api_key  = var.retrac_api_key\n}`, [`http:${HTTP}`]],
  ['OpenAPI servers', 'openapi.yaml', () => `openapi: 3.1.0\nservers:\n  - url: ${HTTP}\n    description: Production`, [`http:${HTTP}`]],
  ['docs curl example', 'docs/quickstart.md', () => "```bash\ncurl " + HTTP + "/items \\\n  -H \"Authorization: Bearer $RETRAC_API_KEY\"\n```", [`http:${HTTP}`]],
  ['with a port', 'src/config.go', () => `const base = "${HTTP}:80"`, [`http:${HTTP}`]],
  ['escaped slashes in JSON', 'storage/config.json', () => `{"retrac":{"url":"http:\\/\\/api.retrac.co\\/items"}}`, ['http:http:\\/\\/api.retrac.co']],
  ['CRA dev proxy', 'package.json', () => `{\n  "name": "web",\n  "proxy": "${HTTP}"\n}`, [`http:${HTTP}`]],
  ['sandbox on localhost: quiet', '.env.development', () => `RETRAC_API_URL=http://localhost:4010\nRETRAC_SANDBOX=http://127.0.0.1:4010`, []],
  ['an XML namespace on retrac.co: quiet', 'export.xml', () => `<inventory xmlns="http://retrac.co/schema/inventory/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <item sku="A-1"/>\n</inventory>`, []],
  ['a JSON schema URL: quiet', 'retrac.config.json', () => `{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "baseUrl": "${API}"\n}`, []],
  ['a prose comment about http: quiet', 'src/client.ts', () => `// The API is HTTPS only: a client that calls http://api.retrac.co is refused.\nexport const BASE = '${API}';`, []],
  ['another domain that starts like Retrac: quiet', 'src/mirror.ts', () => `const mirror = 'http://api.retrac.co.mirror.example.net/items';`, []],
  ['a homepage link to the marketing site: quiet', 'package.json', () => `{\n  "name": "retrac-tools",\n  "homepage": "http://retrac.co"\n}`, []],
]);

// ---------------------------------------------------------------------------------------------
// Key rules where they meet the others.
add('key meets other rules', [
  ['all on one curl line', 'scripts/smoke.sh', (v) => `curl "${HTTP}/items?workspaceId=${v.ws}" -H "Authorization: Bearer ${v.r}"`, ['key:r', 'ws:ws', `http:${HTTP}`]],
  ['full key to http in a bundle', 'dist/app.min.js', (v) => `var n="${HTTP}",k="${v.f}";fetch(n+"/workspaces",{headers:{Authorization:"Bearer "+k}});`, ['key:f', `http:${HTTP}`]],
  ['public name and workspace id in one .env.development', '.env.development', (v) => `NEXT_PUBLIC_RETRAC_KEY=${v.r}\nNEXT_PUBLIC_RETRAC_WORKSPACE_ID=${v.ws}`, ['key:r', 'exp:r']],
]);

// =============================================================================================
// Round 2: new file kinds and clients, written after the round-1 fixes and run on them first.
round = 2;
add('r2 public names and client builds', [
  ['tracked .env.staging, Nuxt public full key', '.env.staging', (v) => `NUXT_PUBLIC_RETRAC_API_KEY=${v.f}\nNUXT_PUBLIC_SITE_URL=https://shop.example.com`, ['key:f', 'exp:f']],
  ['vercel.json build.env', 'vercel.json', (v) => `{\n  "build": {\n    "env": {\n      "NEXT_PUBLIC_RETRAC_KEY": "${v.r}"\n    }\n  }\n}`, ['key:r', 'exp:r']],
  ['Bitbucket Pipelines script export', 'bitbucket-pipelines.yml', (v) => `pipelines:\n  default:\n    - step:\n        script:\n          - export VITE_RETRAC_KEY=${v.r}\n          - npm run build`, ['key:r', 'exp:r']],
  ['Azure Pipelines step env', 'azure-pipelines.yml', (v) => `steps:\n  - script: npm run build\n    env:\n      REACT_APP_RETRAC_KEY: ${v.r}`, ['key:r', 'exp:r']],
  ['Jenkinsfile environment', 'Jenkinsfile', (v) => `pipeline {\n  environment {\n    VITE_RETRAC_KEY = '${v.r}'\n  }\n  stages { stage('build') { steps { sh 'npm run build' } } }\n}`, ['key:r', 'exp:r']],
  ['webpack DefinePlugin with a public name', 'webpack.config.js', (v) => `plugins: [\n  new webpack.DefinePlugin({\n    'process.env.REACT_APP_RETRAC_KEY': JSON.stringify('${v.r}'),\n  }),\n],`, ['key:r', 'exp:r']],
  ['webpack DefinePlugin of a global', 'webpack.config.js', (v) => `module.exports = {\n  entry: './src/index.js',\n  plugins: [\n    new webpack.DefinePlugin({\n      __RETRAC_KEY__: JSON.stringify('${v.r}'),\n    }),\n  ],\n};`, ['key:r', 'exp:r']],
  ['Astro env schema default', 'astro.config.mjs', (v) => `export default defineConfig({\n  env: {\n    schema: {\n      PUBLIC_RETRAC_KEY: envField.string({ context: 'client', access: 'public', default: '${v.r}' }),\n    },\n  },\n});`, ['key:r', 'exp:r']],
  ['Expo app.json extra', 'app.json', (v) => `{\n  "expo": {\n    "name": "Stock",\n    "slug": "stock",\n    "extra": {\n      "retracApiKey": "${v.r}"\n    }\n  }\n}`, ['key:r', 'exp:r']],
  ['Expo app.json eas project id: quiet', 'app.json', () => `{\n  "expo": {\n    "name": "Retrac Stock",\n    "extra": { "eas": { "projectId": "0f9c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f" } }\n  }\n}`, []],
  ['next.config env from a server name', 'next.config.ts', () => `const config: NextConfig = {\n  env: {\n    RETRAC_API_KEY: process.env.RETRAC_API_KEY,\n  },\n};\nexport default config;`, ['exp:RETRAC_API_KEY: process']],
  ['getServerSideProps returns the key as props', 'pages/index.tsx', () => `export async function getServerSideProps() {\n  return {\n    props: {\n      retracKey: process.env.RETRAC_API_KEY,\n    },\n  };\n}`, ['exp:retracKey']],
  ['getServerSideProps uses the key server-side: quiet', 'pages/items.tsx', () => `export async function getServerSideProps() {\n  const r = await fetch('${API}/items?workspaceId=' + process.env.RETRAC_WORKSPACE_ID, {\n    headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n  });\n  return { props: { items: await r.json() } };\n}`, []],
  ['next.config serverRuntimeConfig lookup: quiet', 'next.config.js', () => `module.exports = {\n  serverRuntimeConfig: {\n    retracApiKey: process.env.RETRAC_API_KEY,\n  },\n};`, []],
  ['Nuxt private runtimeConfig lookup: quiet', 'nuxt.config.ts', () => `export default defineNuxtConfig({\n  runtimeConfig: {\n    retracApiKey: process.env.NUXT_RETRAC_API_KEY,\n    public: { retracBaseUrl: '${API}' },\n  },\n});`, []],
  ['Vite dev proxy with a server key lookup: quiet', 'vite.config.ts', () => `export default defineConfig({\n  define: { __APP_VERSION__: JSON.stringify(pkg.version) },\n  server: {\n    proxy: {\n      '/api': {\n        target: '${API}',\n        headers: { Authorization: 'Bearer ' + process.env.RETRAC_API_KEY },\n      },\n    },\n  },\n});`, []],
  ['Vite dev proxy with a literal key: key only', 'vite.config.ts', (v) => `export default defineConfig({\n  server: {\n    proxy: {\n      '/api': {\n        target: '${API}',\n        headers: { Authorization: 'Bearer ${v.r}' },\n      },\n    },\n  },\n});`, ['key:r']],
  ['Angular environment with a workspace id: quiet', 'src/environments/environment.ts', (v) => `export const environment = {\n  production: false,\n  retracWorkspaceId: '${v.ws}',\n  retracBaseUrl: '${API}',\n};`, []],
  ['Ember environment reads the key at build time', 'config/environment.js', () => `module.exports = function (environment) {\n  const ENV = { modulePrefix: 'stock', APP: {} };\n  ENV.APP.retracKey = process.env.RETRAC_API_KEY;\n  return ENV;\n};`, ['exp:RETRAC_API_KEY']],
  ['Flutter launch.json args dart-define', '.vscode/launch.json', (v) => `{\n  "configurations": [\n    {\n      "name": "stock",\n      "type": "dart",\n      "args": ["--dart-define=RETRAC_TOKEN=${v.f}"]\n    }\n  ]\n}`, ['key:f', 'exp:f']],
  ['Android buildConfigField', 'app/build.gradle.kts', (v) => `android {\n    defaultConfig {\n        buildConfigField("String", "RETRAC_API_KEY", "\\"${v.f}\\"")\n    }\n}`, ['key:f', 'exp:f']],
  ['Android resValue', 'app/build.gradle', (v) => `android {\n    defaultConfig {\n        resValue "string", "retrac_key", "${v.r}"\n    }\n}`, ['key:r', 'exp:r']],
]);

add('r2 workspace id in requests', [
  ['Go resty SetQueryParam', 'retrac/client.go', (v) => `resp, err := client.R().\n\tSetAuthToken(os.Getenv("RETRAC_API_KEY")).\n\tSetQueryParam("workspaceId", "${v.ws}").\n\tGet("${API}/items")`, ['ws:ws']],
  ['httpx params=dict(...)', 'sync.py', (v) => `r = client.get("/items", params=dict(workspaceId="${v.ws}", pageSize=100))`, ['ws:ws']],
  ['Faraday get with a params hash', 'lib/stock.rb', (v) => `resp = conn.get("/items", { workspaceId: "${v.ws}", page: 1 })`, ['ws:ws']],
  ['Laravel Http client', 'app/Services/Retrac.php', (v) => `$items = Http::withToken(config('services.retrac.key'))\n    ->get('${API}/items', ['workspaceId' => '${v.ws}'])\n    ->json();`, ['ws:ws']],
  ['RestSharp AddQueryParameter', 'Retrac/Client.cs', (v) => `var request = new RestRequest("items");\nrequest.AddQueryParameter("workspaceId", "${v.ws}");\nvar items = await client.GetAsync<List<Item>>(request);`, ['ws:ws']],
  ['Flurl SetQueryParam', 'Retrac/Items.cs', (v) => `var items = await "${API}".AppendPathSegment("items").SetQueryParam("workspaceId", "${v.ws}").WithOAuthBearerToken(key).GetJsonAsync<Item[]>();`, ['ws:ws']],
  ['Retrofit @GET with the id in the query', 'app/src/main/java/com/acme/RetracService.kt', (v) => `interface RetracService {\n    @GET("items?workspaceId=${v.ws}")\n    suspend fun items(): List<Item>\n}`, ['ws:ws']],
  ['Tesla query keyword list', 'lib/stock/retrac.ex', (v) => `Tesla.get(client, "/items", query: [workspaceId: "${v.ws}", page: 1])`, ['ws:ws']],
  ['R httr query list', 'R/retrac.R', (v) => `res <- httr::GET(paste0(base, "/items"), query = list(workspaceId = "${v.ws}"), add_headers(Authorization = paste("Bearer", key)))`, ['ws:ws']],
  ['curl JSON body', 'scripts/transfer.sh', (v) => `curl -X POST "${API}/inventory/transfers" \\\n  -H "Authorization: Bearer $RETRAC_API_KEY" \\\n  -d '{"workspaceId":"${v.ws}","fromLocationId":"loc_a","toLocationId":"loc_b"}'`, ['ws:ws']],
  ['k6 load test', 'load/items.js', (v) => `export default function () {\n  http.get(${B}\${BASE}/items?workspaceId=${v.ws}${B}, { headers: { Authorization: ${B}Bearer \${__ENV.RETRAC_API_KEY}${B} } });\n}`, ['ws:ws']],
  ['Cypress cy.request qs', 'cypress/e2e/items.cy.ts', (v) => `cy.request({ url: '${API}/items', qs: { workspaceId: '${v.ws}' }, auth: { bearer: Cypress.env('RETRAC_API_KEY') } });`, ['ws:ws']],
  ['Playwright request params', 'e2e/api.spec.ts', (v) => `const res = await request.get('${API}/items', {\n  params: { workspaceId: '${v.ws}' },\n  headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n});`, ['ws:ws']],
  ['Hoppscotch collection params', 'hoppscotch/retrac.json', (v) => `{\n  "requests": [\n    {\n      "endpoint": "${API}/items",\n      "params": [{ "key": "workspaceId", "value": "${v.ws}", "active": true }]\n    }\n  ]\n}`, ['ws:ws']],
]);

add('r2 workspace id not in a request', [
  ['Segment identify traits', 'src/identify.ts', (v) => `analytics.identify(user.id, { workspaceId: '${v.ws}', plan: 'business' });`, []],
  ['Sentry tag', 'src/sentry.ts', (v) => `Sentry.setTag('workspaceId', '${v.ws}');`, []],
  ['factories folder', 'test/factories/item.ts', (v) => `export const itemFactory = Factory.define<Item>(() => ({\n  id: 'itm_1',\n  workspaceId: '${v.ws}',\n}));`, []],
  ['Python logging extra', 'stock/sync.py', (v) => `logging.info("synced %d items", n, extra={"workspaceId": "${v.ws}"})`, []],
  ['Go slog attributes', 'internal/sync/sync.go', (v) => `slog.Info("synced items", "workspaceId", "${v.ws}", "count", n)`, []],
  ['mongosh insert', 'scripts/seed-mongo.js', (v) => `db.items.insertOne({ sku: 'A-1', workspaceId: '${v.ws}' });`, []],
  ['Terraform tfvars', 'env/prod.tfvars', (v) => `retrac_base_url     = "${API}"\nretrac_workspace_id = "${v.ws}"\nworkspace_id        = "${v.ws}"`, []],
  ['Spring properties', 'src/main/resources/application.properties', (v) => `retrac.base-url=${API}\nretrac.workspaceId=${v.ws}`, []],
  ['TOML section', 'stock.toml', (v) => `[retrac]\nbase_url = "${API}"\nworkspace_id = "${v.ws}"`, []],
]);

add('r2 insecure http', [
  ['Caddyfile reverse_proxy', 'Caddyfile', () => `shop.example.com {\n  reverse_proxy /retrac/* ${HTTP}\n}`, [`http:${HTTP}`]],
  ['Swift URL', 'Stock/Retrac.swift', () => `let url = URL(string: "${HTTP}/items")!`, [`http:${HTTP}`]],
  ['PowerShell Invoke-WebRequest', 'scripts/items.ps1', () => `Invoke-WebRequest ${HTTP}/items -Headers @{ Authorization = "Bearer $env:RETRAC_API_KEY" }`, [`http:${HTTP}`]],
  ['Python getenv fallback', 'stock/config.py', () => `BASE_URL = os.getenv("RETRAC_URL", "${HTTP}")`, [`http:${HTTP}`]],
  ['ConfigMap value', 'k8s/configmap.yaml', () => `kind: ConfigMap\ndata:\n  RETRAC_BASE_URL: "${HTTP}"`, [`http:${HTTP}`]],
  ['YAML value with a trailing comment', 'config/retrac.yml', () => `base_url: ${HTTP} # TODO: https`, [`http:${HTTP}`]],
  ['a .local dev host: quiet', '.env.development', () => `RETRAC_API_URL=http://api.retrac.co.local:8080`, []],
  ['a local proxy to the https API: quiet', 'src/dev.ts', () => `const url = 'http://localhost:8787/proxy?target=${API}/items';`, []],
  ['an XML comment: quiet', 'web.config', () => `<!-- The Retrac API refuses http://api.retrac.co: keep https. -->\n<add key="RetracBaseUrl" value="${API}" />`, []],
  ['a commented-out curl: quiet', 'scripts/old.sh', () => `# curl http://api.retrac.co/items  (old, plain http)\ncurl -fsS "${API}/items" -H "Authorization: Bearer $RETRAC_API_KEY"`, []],
]);

add('r2 key meets other rules', [
  ['tracked .env.development: key, exposure and http', '.env.development', (v) => `VITE_RETRAC_KEY=${v.f}\nVITE_RETRAC_URL=${HTTP}`, ['key:f', 'exp:f', `http:${HTTP}`]],
  ['git-ignored .env.local: exposure only', '.env.local', (v) => `NEXT_PUBLIC_RETRAC_KEY=${v.f}`, ['exp:f'], IGNORED],
  ['git-ignored .env.local: http still', '.env.local', () => `RETRAC_API_URL=${HTTP}`, [`http:${HTTP}`], IGNORED],
  ['next.config env: key, exposure and http', 'next.config.js', (v) => `module.exports = {\n  env: {\n    retracUrl: '${HTTP}',\n    retracKey: '${v.r}',\n  },\n};`, ['key:r', 'exp:r', `http:${HTTP}`]],
]);

// =============================================================================================
// Round 3: more kinds, written after the round-2 fixes and run on them first.
round = 3;
add('r3 client builds and public names', [
  ['Docusaurus customFields', 'docusaurus.config.js', (v) => `module.exports = {\n  title: 'Stock docs',\n  customFields: {\n    retracKey: '${v.r}',\n  },\n};`, ['key:r', 'exp:r']],
  ['Quasar build.env', 'quasar.config.js', (v) => `module.exports = configure(() => ({\n  build: {\n    env: {\n      RETRAC_KEY: '${v.r}',\n    },\n  },\n}));`, ['key:r', 'exp:r']],
  ['Nuxt app.config.ts', 'app.config.ts', (v) => `export default defineAppConfig({\n  retrac: {\n    apiKey: '${v.f}',\n  },\n});`, ['key:f', 'exp:f']],
  ['Vite define from loadEnv', 'vite.config.ts', () => `export default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd(), '');\n  return {\n    define: {\n      'process.env.RETRAC_API_KEY': JSON.stringify(env.RETRAC_API_KEY),\n    },\n  };\n});`, ["exp:'process.env.RETRAC_API_KEY'"]],
  ['Expo app.config.js extra from the environment', 'app.config.js', () => `export default {\n  expo: {\n    extra: {\n      retracKey: process.env.RETRAC_API_KEY,\n    },\n  },\n};`, ['exp:RETRAC_API_KEY']],
  ['GitHub Actions public name from a secret', '.github/workflows/eas.yml', () => `      - run: eas build --platform all --non-interactive\n        env:\n          EXPO_PUBLIC_RETRAC_KEY: \${{ secrets.RETRAC_KEY }}`, ['exp:EXPO_PUBLIC_RETRAC_KEY']],
  ['Dockerfile ARG and ENV of a public Retrac key name', 'Dockerfile', () => `FROM node:20 AS build\nARG VITE_RETRAC_KEY\nENV VITE_RETRAC_KEY=$VITE_RETRAC_KEY\nRUN npm run build`, ['exp:ARG VITE_RETRAC_KEY', 'exp:ENV VITE_RETRAC_KEY']],
  ['next.config images domain: quiet', 'next.config.js', () => `module.exports = {\n  images: { domains: ['cdn.retrac.co'] },\n  env: { NEXT_PUBLIC_SITE: 'https://shop.example.com' },\n};`, []],
  ['Vite define of a workspace id: quiet', 'vite.config.ts', (v) => `export default defineConfig({\n  define: { __RETRAC_WORKSPACE__: JSON.stringify('${v.ws}') },\n});`, []],
  ['Angular environment with a header name: quiet', 'src/environments/environment.ts', () => `export const environment = {\n  production: false,\n  retracApiKeyHeader: 'Authorization',\n  retracBaseUrl: '${API}',\n};`, []],
  ['Gatsby node API server-side: quiet', 'gatsby-node.js', () => `exports.sourceNodes = async ({ actions }) => {\n  const r = await fetch('${API}/items?workspaceId=' + process.env.RETRAC_WORKSPACE_ID, {\n    headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n  });\n};`, []],
  ['Next middleware server-side: quiet', 'middleware.ts', () => `export function middleware(req: NextRequest) {\n  const headers = new Headers(req.headers);\n  headers.set('Authorization', ${B}Bearer \${process.env.RETRAC_API_KEY}${B});\n  return NextResponse.rewrite(new URL('${API}/items', req.url), { request: { headers } });\n}`, []],
  ['Remix loader returns data only: quiet', 'app/routes/items.tsx', () => `export async function loader() {\n  const r = await fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} } });\n  return json({ items: await r.json() });\n}`, []],
  ['a placeholder behind a public name: quiet', '.env.example', () => `NEXT_PUBLIC_RETRAC_KEY=<your-restricted-key>\nVITE_RETRAC_KEY=changeme`, []],
]);

add('r3 workspace id in requests', [
  ['OpenAPI-generated TS client', 'src/sync.ts', (v) => `const items = await itemsApi.listItems({ workspaceId: '${v.ws}', pageSize: 100 });`, ['ws:ws']],
  ['Alamofire parameters', 'Stock/API.swift', (v) => `AF.request("${API}/items", parameters: ["workspaceId": "${v.ws}"], headers: headers)`, ['ws:ws']],
  ['dio queryParameters', 'lib/api.dart', (v) => `final res = await dio.get('/items', queryParameters: {'workspaceId': '${v.ws}'});`, ['ws:ws']],
  ['Unirest queryString', 'src/main/java/Items.java', (v) => `HttpResponse<JsonNode> r = Unirest.get("${API}/items")\n    .queryString("workspaceId", "${v.ws}")\n    .header("Authorization", "Bearer " + key)\n    .asJson();`, ['ws:ws']],
  ['Perl LWP', 'bin/items.pl', (v) => `my $res = $ua->get("$base/items?workspaceId=${v.ws}", Authorization => "Bearer $key");`, ['ws:ws']],
  ['OpenResty args table', 'lua/items.lua', (v) => `local res = ngx.location.capture('/retrac/items', { args = { workspaceId = '${v.ws}' } })`, ['ws:ws']],
  ['Ansible uri with a query', 'playbooks/stock.yml', (v) => `- name: List items\n  ansible.builtin.uri:\n    url: "${API}/items?workspaceId=${v.ws}"\n    headers:\n      Authorization: "Bearer {{ retrac_api_key }}"`, ['ws:ws']],
  ['Ansible uri with a body', 'playbooks/transfer.yml', (v) => `- name: Transfer\n  ansible.builtin.uri:\n    url: "${API}/inventory/transfers"\n    method: POST\n    body_format: json\n    body:\n      workspaceId: ${v.ws}\n      fromLocationId: loc_a`, ['ws:ws']],
  ['http-request action', '.github/workflows/sync.yml', (v) => `      - uses: fjogeleit/http-request-action@v1\n        with:\n          url: '${API}/items?workspaceId=${v.ws}'\n          bearerToken: \${{ secrets.RETRAC_API_KEY }}`, ['ws:ws']],
]);

add('r3 workspace id not in a request', [
  ['JSON Schema examples', 'schemas/item.schema.json', (v) => `{\n  "properties": {\n    "workspaceId": {\n      "type": "string",\n      "examples": ["${v.ws}"]\n    }\n  }\n}`, []],
  ['a typed object without a workspace parameter', 'src/types.test.ts', (v) => `const ws: Workspace = { id: '${v.ws}', name: 'Acme', slug: 'acme' };`, []],
  ['changelog prose', 'CHANGELOG.md', (v) => `## 1.2.0\n\n- Items list no longer drops workspaceId: ${v.ws} from cached pages.`, []],
  ['nock interceptor in a test', 'test/items.test.ts', (v) => `nock('${API}').get('/items').query({ workspaceId: '${v.ws}' }).reply(200, []);`, []],
]);

add('r3 insecure http', [
  ['Go http.Get', 'cmd/items/main.go', () => `resp, err := http.Get("${HTTP}/items")`, [`http:${HTTP}`]],
  ['Rust reqwest::get', 'src/main.rs', () => `let body = reqwest::get("${HTTP}/items").await?.text().await?;`, [`http:${HTTP}`]],
  ['Procfile inline env', 'Procfile', () => `web: RETRAC_URL=${HTTP} node server.js`, [`http:${HTTP}`]],
  ['docs inline code', 'docs/setup.md', () => "Set `RETRAC_URL=" + HTTP + "` for the legacy proxy.", [`http:${HTTP}`]],
  ['changelog prose: quiet', 'CHANGELOG.md', () => `## 0.3.0\n\n- The client now refuses http://api.retrac.co base URLs.`, []],
]);

// =============================================================================================
// Round 4: more kinds, written after the round-3 fixes and run on them first.
round = 4;
add('r4 client builds and public names', [
  ['tracked .env.production.local', '.env.production.local', (v) => `VITE_RETRAC_KEY=${v.r}`, ['key:r', 'exp:r']],
  ['vite-env.d.ts declares a public Retrac key', 'src/vite-env.d.ts', () => `interface ImportMetaEnv {\n  readonly VITE_RETRAC_API_KEY: string;\n}`, ['exp:VITE_RETRAC_API_KEY']],
  ['Svelte component reads a public key', 'src/lib/Items.svelte', () => `<script lang="ts">\n  const token = import.meta.env.VITE_RETRAC_TOKEN;\n</script>`, ['exp:VITE_RETRAC_TOKEN']],
  ['Vue SFC reads a Vue CLI key', 'src/components/Items.vue', () => `<script>\nexport default {\n  data: () => ({ key: process.env.VUE_APP_RETRAC_KEY }),\n};\n</script>`, ['exp:VUE_APP_RETRAC_KEY']],
  ['Astro frontmatter', 'src/pages/index.astro', () => `---\nconst key = import.meta.env.PUBLIC_RETRAC_KEY;\n---\n<h1>Stock</h1>`, ['exp:PUBLIC_RETRAC_KEY']],
  ['runtime env.js with a public name', 'public/env.js', (v) => `window._env_ = {\n  REACT_APP_RETRAC_KEY: "${v.r}",\n};`, ['key:r', 'exp:r']],
  ['Next Script writes a window global from a lookup', 'app/layout.tsx', () => `<Script id="cfg">{${B}window.RETRAC_KEY = '\${process.env.RETRAC_API_KEY}'${B}}</Script>`, ['exp:RETRAC_API_KEY']],
  ['Astro env schema, server secret: quiet', 'astro.config.mjs', () => `export default defineConfig({\n  env: {\n    schema: {\n      RETRAC_API_KEY: envField.string({ context: 'server', access: 'secret' }),\n    },\n  },\n});`, []],
  ['Nuxt empty runtimeConfig key: quiet', 'nuxt.config.ts', () => `export default defineNuxtConfig({\n  runtimeConfig: {\n    retracApiKey: '',\n    public: { retracBaseUrl: '${API}' },\n  },\n});`, []],
  ['Next env with a public URL from a server URL: quiet', 'next.config.js', () => `module.exports = {\n  env: {\n    NEXT_PUBLIC_RETRAC_URL: process.env.RETRAC_URL,\n  },\n};`, []],
  ['Next env with a courier key: quiet', 'next.config.js', (v) => `module.exports = {\n  env: {\n    retracUrl: '${API}',\n    courierKey: '${v.f}',\n  },\n};`, []],
  ['server code reads a public URL: quiet', 'app/api/sync/route.ts', () => `const base = process.env.NEXT_PUBLIC_RETRAC_URL ?? '${API}';`, []],
]);

add('r4 workspace id in requests', [
  ['Kotlin named argument', 'app/src/main/java/com/acme/Sync.kt', (v) => `val items = retrac.items(workspaceId = "${v.ws}", pageSize = 100)`, ['ws:ws']],
  ['C# named argument', 'Sync/Worker.cs', (v) => `var items = await _retrac.Items.ListAsync(workspaceId: "${v.ws}", pageSize: 100);`, ['ws:ws']],
  ['PHP named argument', 'src/Sync.php', (v) => `$items = $this->retrac->items->list(workspaceId: '${v.ws}');`, ['ws:ws']],
  ['Scala sttp interpolated URI', 'src/main/scala/Retrac.scala', (v) => `val req = basicRequest.get(uri"$base/items?workspaceId=${v.ws}").auth.bearer(token)`, ['ws:ws']],
  ['Clojure clj-http query-params', 'src/stock/retrac.clj', (v) => `(client/get (str base "/items") {:query-params {"workspaceId" "${v.ws}"} :oauth-token token})`, ['ws:ws']],
  ['Clojure keyword query-params', 'src/stock/items.clj', (v) => `(http/get url {:query-params {:workspaceId "${v.ws}"}})`, ['ws:ws']],
  ['Elixir map params', 'lib/stock/items.ex', (v) => `HTTPoison.get!(url, headers, params: %{"workspaceId" => "${v.ws}"})`, ['ws:ws']],
]);

add('r4 workspace id not in a request', [
  ['compose workspace_id: quiet', 'docker-compose.yml', (v) => `services:\n  sync:\n    environment:\n      workspace_id: ${v.ws}\n      RETRAC_API_URL: ${API}`, []],
  ['JS test assertion', 'test/sync.test.js', (v) => `assert.equal(body.workspaceId, '${v.ws}');`, []],
  ['Jest toEqual with an object', 'src/items.test.ts', (v) => `expect(call.params).toEqual({ workspaceId: '${v.ws}', page: 1 });`, []],
  ['Python assert on a dict', 'tests/test_sync.py', (v) => `assert params == {"workspaceId": "${v.ws}", "page": 1}`, []],
]);

add('r4 insecure http', [
  ['Kotlin const', 'app/src/main/java/com/acme/Config.kt', () => `const val RETRAC_BASE = "${HTTP}"`, [`http:${HTTP}`]],
  ['Spring properties', 'src/main/resources/application-prod.properties', () => `retrac.base-url=${HTTP}`, [`http:${HTTP}`]],
  ['Helm values', 'chart/values.yaml', () => `retrac:\n  url: ${HTTP}\n  timeout: 10s`, [`http:${HTTP}`]],
  ['Dockerfile ENV', 'Dockerfile', () => `FROM python:3.12\nENV RETRAC_URL=${HTTP}`, [`http:${HTTP}`]],
  ['a Vue template comment: quiet', 'src/App.vue', () => `<template>\n  <!-- calls https only; http://api.retrac.co is refused -->\n  <ItemList />\n</template>`, []],
  ['a JSDoc line: quiet', 'src/client.ts', () => `/**\n * Never http://api.retrac.co: the API is HTTPS only.\n */\nexport const BASE = '${API}';`, []],
  ['a trailing Python comment: quiet', 'stock/settings.py', () => `RETRAC_URL = "${API}"  # was http://api.retrac.co until 2025`, []],
]);

add('r4 key meets other rules', [
  ['publicRuntimeConfig key and a rewrite with a workspace id', 'next.config.js', (v) => `module.exports = {\n  publicRuntimeConfig: { retracKey: '${v.r}' },\n  async rewrites() {\n    return [{ source: '/items', destination: '${API}/items?workspaceId=${v.ws}' }];\n  },\n};`, ['key:r', 'exp:r', 'ws:ws']],
]);

// =============================================================================================
// Round 5: the key rules where the others fire (a key literal is always a key finding; full-access
// keys need Retrac context), written after the round-4 fixes and run on them first.
round = 5;
add('r5 keys with exposure', [
  ['tracked .env.production, generic public name in a Retrac env file', '.env.production', (v) => `# Retrac inventory\nNEXT_PUBLIC_TOKEN=${v.f}\nNEXT_PUBLIC_RETRAC_URL=${API}`, ['key:f', 'exp:f']],
  ['next.config env, full key named for Retrac', 'next.config.js', (v) => `module.exports = {\n  env: {\n    RETRAC_KEY: '${v.f}',\n  },\n};`, ['key:f', 'exp:f']],
  ['Vite define of a Retrac-named global, full key', 'vite.config.ts', (v) => `export default defineConfig({\n  define: {\n    __RETRAC_TOKEN__: JSON.stringify('${v.f}'),\n  },\n});`, ['key:f', 'exp:f']],
  ['Angular environment, retrac section', 'src/environments/environment.ts', (v) => `export const environment = {\n  production: false,\n  retrac: {\n    apiKey: '${v.f}',\n  },\n};`, ['key:f', 'exp:f']],
  ['Angular environment, other services: quiet', 'src/environments/environment.prod.ts', (v) => `export const environment = {\n  production: true,\n  retracBaseUrl: '${API}',\n  courier: {\n    apiKey: '${v.f}',\n  },\n};`, []],
  ['Expo extra with a courier key: quiet', 'app.json', (v) => `{\n  "expo": {\n    "extra": {\n      "retracUrl": "${API}",\n      "courierKey": "${v.f}"\n    }\n  }\n}`, []],
  ['Capacitor courier plugin: quiet', 'capacitor.config.ts', (v) => `const config: CapacitorConfig = {\n  appId: 'com.acme.retrac',\n  plugins: {\n    Courier: { apiKey: '${v.f}' },\n  },\n};`, []],
  ['Ember courier token: quiet', 'config/environment.js', (v) => `module.exports = function () {\n  const ENV = { APP: { retracUrl: '${API}' } };\n  ENV.courier = { token: '${v.f}' };\n  return ENV;\n};`, []],
]);

add('r5 keys in shipped and recorded files', [
  ['minified bundle, full key to Retrac', 'dist/assets/index-9c1d22ab.js', (v) => `function a(){return fetch("${API}/items?workspaceId="+w,{headers:{Authorization:"Bearer ${v.f}"}})}export{a};`, ['key:f']],
  ['source map with a full key named for Retrac', 'build/static/js/main.3f2a.js.map', (v) => `{"version":3,"sources":["src/api.js"],"sourcesContent":["const RETRAC_API_KEY = \\"${v.f}\\";\\n"],"mappings":"AAAA"}`, ['key:f']],
  ['HTML meta tag named for Retrac', 'index.html', (v) => `<head>\n  <meta name="retrac-api-key" content="${v.f}">\n</head>`, ['key:f']],
  ['HTML window object named for Retrac', 'index.html', (v) => `<script>\n  window.__RETRAC__ = { apiKey: '${v.f}' };\n</script>`, ['key:f']],
  ['a key in changelog prose', 'CHANGELOG.md', (v) => `## 1.0.1\n\n- Rotated the key ${v.r} that leaked in 1.0.0.`, ['key:r']],
  ['a key in a comment', 'src/client.ts', (v) => `// old key: ${v.r}\nexport const key = process.env.RETRAC_API_KEY;`, ['key:r']],
  ['a restricted key in a log file', 'logs/app.log', (v) => `2026-01-04T10:00:00Z DEBUG retrac client key=${v.r}`, ['key:r']],
  ['a full key in a logged request', 'logs/http.log', (v) => `2026-01-04T10:00:00Z GET ${API}/items Authorization: Bearer ${v.f}`, ['key:f']],
  ['a key in a nock header matcher', 'test/items.test.ts', (v) => `nock('${API}').matchHeader('authorization', 'Bearer ${v.r}').get('/items').reply(200, []);`, ['key:r']],
]);

add('r5 workspace id and http', [
  ['.http variable', 'api/items.http', (v) => `@workspaceId = ${v.ws}\n\nGET ${API}/items?workspaceId={{workspaceId}}\nAuthorization: Bearer {{token}}`, ['ws:ws']],
  ['Android Log.d string: quiet', 'app/src/main/java/com/acme/Sync.kt', (v) => `Log.d(TAG, "synced workspaceId=${v.ws} items=\${items.size}")`, []],
  ['Terraform http data source', 'data.tf', () => `data "http" "items" {\n  url = "${HTTP}/items"\n}`, [`http:${HTTP}`]],
  ['Python f-string URL', 'stock/items.py', (v) => `r = requests.get(f"${HTTP}/items?workspaceId=${v.ws}", headers=h)`, [`http:${HTTP}`, 'ws:ws']],
  ['tracked .env.test: key, exposure, http; a workspace id is config', '.env.test', (v) => `VITE_RETRAC_KEY=${v.r}\nVITE_RETRAC_URL=${HTTP}\nVITE_RETRAC_WORKSPACE=${v.ws}`, ['key:r', 'exp:r', `http:${HTTP}`]],
]);

// =============================================================================================
// Round 6: written after the round-5 fixes and run on them first (client app config of other
// frameworks, other services' keys in client files, ids in more request shapes).
round = 6;
add('r6 mixed', [
  ['SolidStart app.config.ts vite define', 'app.config.ts', (v) => `export default defineConfig({\n  vite: {\n    define: { 'import.meta.env.VITE_RETRAC_KEY': JSON.stringify('${v.r}') },\n  },\n});`, ['key:r', 'exp:r']],
  ['Ionic environment with a Retrac key and a Maps key', 'src/environments/environment.prod.ts', (v) => `export const environment = {\n  production: true,\n  googleMapsKey: 'AIzaSyA-not-a-retrac-key-0000000000',\n  retracApiKey: '${v.f}',\n};`, ['key:f', 'exp:f']],
  ['Angular environment, Stripe section only: quiet', 'src/environments/environment.ts', (v) => `export const environment = {\n  retracBaseUrl: '${API}',\n  stripe: {\n    publishableKey: 'pk_test_123',\n    secretKey: '${v.f}',\n  },\n};`, []],
  ['Next env with a Sentry token next to a Retrac URL: quiet', 'next.config.js', (v) => `module.exports = {\n  env: {\n    NEXT_PUBLIC_RETRAC_URL: '${API}',\n  },\n  sentry: {\n    authToken: '${v.f}',\n  },\n};`, []],
  ['Expo app.config.ts with a Retrac-named extra, full key', 'app.config.ts', (v) => `export default {\n  expo: {\n    extra: {\n      retracToken: '${v.f}',\n    },\n  },\n};`, ['key:f', 'exp:f']],
  ['nuxt.config public runtimeConfig with an env lookup', 'nuxt.config.ts', () => `export default defineNuxtConfig({\n  runtimeConfig: {\n    public: {\n      retracKey: process.env.RETRAC_API_KEY,\n    },\n  },\n});`, ['exp:RETRAC_API_KEY']],
  ['Go querystring via url.Values literal', 'retrac/items.go', (v) => `q := url.Values{"workspaceId": {"${v.ws}"}, "pageSize": {"100"}}`, ['ws:ws']],
  ['Python urlencode dict', 'stock/api.py', (v) => `url = f"{BASE}/items?" + urlencode({"workspaceId": "${v.ws}", "page": 1})`, ['ws:ws']],
  ['Java HttpRequest URI concat', 'src/Items.java', (v) => `HttpRequest req = HttpRequest.newBuilder(URI.create(BASE + "/items?workspaceId=${v.ws}")).header("Authorization", "Bearer " + key).build();`, ['ws:ws']],
  ['Redux Toolkit Query endpoint', 'src/services/retrac.ts', (v) => `items: builder.query<Item[], void>({ query: () => ({ url: 'items', params: { workspaceId: '${v.ws}' } }) }),`, ['ws:ws']],
  ['Datadog RUM global context: quiet', 'src/rum.ts', (v) => `datadogRum.setGlobalContextProperty('workspaceId', '${v.ws}');`, []],
  ['GA4 gtag event: quiet', 'src/ga.ts', (v) => `gtag('event', 'stock_sync', { workspaceId: '${v.ws}' });`, []],
  ['Winston child logger: quiet', 'src/log.ts', (v) => `const log = logger.child({ workspaceId: '${v.ws}' });`, []],
  ['Java URL constant with http', 'src/main/java/com/acme/Retrac.java', () => `private static final String BASE = "${HTTP}";`, [`http:${HTTP}`]],
  ['C# appsettings.Development http', 'appsettings.Development.json', () => `{\n  "Retrac": { "BaseAddress": "${HTTP}/" }\n}`, [`http:${HTTP}`]],
  ['a Ruby comment line: quiet', 'lib/retrac.rb', () => `# Do not use http://api.retrac.co (HTTPS only)\nBASE = "${API}"`, []],
]);

// =============================================================================================
// Round 7: written after the round-6 fixes and run on them first.
round = 7;
add('r7 mixed', [
  ['SWR fetcher key with a query', 'src/hooks/useItems.ts', (v) => `const { data } = useSWR(${B}/api/retrac/items?workspaceId=${v.ws}${B}, fetcher);`, ['ws:ws']],
  ['Angular HttpParams', 'src/app/retrac.service.ts', (v) => `const params = new HttpParams().set('workspaceId', '${v.ws}').set('pageSize', 100);\nreturn this.http.get<Item[]>(${B}\${this.base}/items${B}, { params });`, ['ws:ws']],
  ['Python dataclass default in a client call: SDK kwarg', 'stock/sync.py', (v) => `items = retrac_client.list_items(\n    workspace_id="${v.ws}",\n    page_size=100,\n)`, ['ws:ws']],
  ['GraphQL variables to a Retrac proxy', 'src/queries.ts', (v) => `await client.query({ query: ITEMS, variables: { workspaceId: '${v.ws}' } });`, ['ws:ws']],
  ['Mixpanel register: quiet', 'src/mp.ts', (v) => `mixpanel.register({ workspaceId: '${v.ws}' });`, []],
  ['Amplitude setUserProperties: quiet', 'src/amp.ts', (v) => `amplitude.setUserProperties({ workspaceId: '${v.ws}' });`, []],
  ['OpenTelemetry span attributes: quiet', 'src/otel.ts', (v) => `span.setAttributes({ workspaceId: '${v.ws}', 'http.route': '/items' });`, []],
  ['localStorage write: quiet', 'src/state.ts', (v) => `localStorage.setItem('workspaceId', '${v.ws}');`, []],
  ['Remix env var rendered by a template literal into a script tag', 'app/root.tsx', () => `<script dangerouslySetInnerHTML={{ __html: ${B}window.RETRAC_TOKEN = "\${process.env.RETRAC_TOKEN}"${B} }} />`, ['exp:RETRAC_TOKEN']],
  ['SvelteKit dynamic public env', 'src/lib/retrac.ts', () => `import { env } from '$env/dynamic/public';\nconst key = env.PUBLIC_RETRAC_KEY;`, ['exp:PUBLIC_RETRAC_KEY']],
  ['T3 env client schema default', 'src/env.js', (v) => `export const env = createEnv({\n  client: {\n    NEXT_PUBLIC_RETRAC_KEY: z.string().default('${v.r}'),\n  },\n});`, ['key:r', 'exp:r']],
  ['Vite define of a URL with http', 'vite.config.ts', () => `export default defineConfig({\n  define: { __RETRAC_URL__: JSON.stringify('${HTTP}') },\n});`, [`http:${HTTP}`]],
]);

// =============================================================================================
// Round 8: hard negatives and variants, written after the round-7 fixes and run on them first.
round = 8;
add('r8 mixed', [
  ['next.config env with a workspace id and a URL: quiet', 'next.config.js', (v) => `module.exports = {\n  env: {\n    retracWorkspace: '${v.ws}',\n    retracUrl: '${API}',\n  },\n};`, []],
  ['Nuxt public section with a Stripe key: quiet', 'nuxt.config.ts', () => `export default defineNuxtConfig({\n  runtimeConfig: {\n    public: {\n      retracBaseUrl: '${API}',\n      stripeKey: 'pk_live_abc',\n    },\n  },\n});`, []],
  ['Vite define of a build id next to a Retrac URL: quiet', 'vite.config.ts', (v) => `export default defineConfig({\n  define: {\n    __RETRAC_URL__: JSON.stringify('${API}'),\n    __BUILD_ID__: JSON.stringify('${v.f}'),\n  },\n});`, []],
  ['dart-define of a courier key: quiet', 'scripts/build.sh', (v) => `flutter build ios --dart-define=RETRAC_URL=${API} --dart-define=COURIER_KEY=${v.f}`, []],
  ['getServerSideProps with a workspace lookup only: quiet', 'pages/index.tsx', () => `export async function getServerSideProps() {\n  return { props: { workspace: process.env.RETRAC_WORKSPACE_ID } };\n}`, []],
  ['page template renders a workspace name: quiet', 'templates/base.html', () => `<script>window.RETRAC_WORKSPACE = "{{ retrac_workspace_slug }}";</script>`, []],
  ['Kotlin buildConfigField of a Retrac URL: quiet', 'app/build.gradle.kts', () => `buildConfigField("String", "RETRAC_URL", "\\"${API}\\"")`, []],
  ['http in a Terraform variable default', 'variables.tf', () => `variable "retrac_url" {\n  default = "${HTTP}"\n}`, [`http:${HTTP}`]],
  ['http in a Go struct literal', 'cmd/sync/main.go', () => `c := retrac.NewClient(retrac.Config{BaseURL: "${HTTP}"})`, [`http:${HTTP}`]],
  ['one line of courier entries after a Retrac URL (found after round 8): quiet', 'src/config.ts', (v) => `const cfg = { retracUrl: '${API}', ` + Array.from({ length: 30 }, (_, i) => `courier${i}: { apiKey: '${i % 2 ? v.f : v.f.split('').reverse().join('')}' }, `).join('') + '};', []],
  ['https with an http redirect note in a YAML comment: quiet', 'config/retrac.yml', () => `# http://api.retrac.co redirects; use https\nbase_url: ${API}`, []],
]);

// ---------------------------------------------------------------------------------------------

interface Outcome {
  c: Case;
  text: string;
  found: Finding[];
  missed: string[];
  falsePositives: Finding[];
  /** Expected entries found, per rule. */
  hits: Map<RuleId, number>;
}

function linesOf(text: string, needle: string): Set<number> {
  const lines = new Set<number>();
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) lines.add(text.slice(0, i).split('\n').length);
  return lines;
}

function run(c: Case): Outcome {
  const v: Values = { r: restrictedKey(), f: fullKey(), ws: workspaceIdLiteral() };
  const text = c.make(v);
  const found = scanText(text, { fileName: c.file, ...c.options });
  const measured = found.filter((f) => MEASURED.includes(f.rule));
  const used = new Set<Finding>();
  const missed: string[] = [];
  const hits = new Map<RuleId, number>();
  for (const e of c.expect) {
    const sep = e.indexOf(':');
    const short = e.slice(0, sep) as Short;
    const needle = e.slice(sep + 1);
    const value = needle === 'r' || needle === 'f' || needle === 'ws' ? v[needle] : needle;
    const rule = RULE[short](needle);
    const lines = linesOf(text, value);
    assert.ok(lines.size, `${c.name}: needle ${needle} not in the text`);
    const f = measured.find((x) => !used.has(x) && x.rule === rule && lines.has(x.line));
    if (f) {
      used.add(f);
      hits.set(rule, (hits.get(rule) ?? 0) + 1);
    } else missed.push(e);
  }
  return { c, text, found, missed, falsePositives: measured.filter((f) => !used.has(f)), hits };
}

const show = (o: Outcome): string => JSON.stringify(o.found.map((f) => `${f.rule}@${f.line} ${JSON.stringify(o.text.slice(f.start, f.end))}`));

function score(outcomes: Outcome[]): string[] {
  const lines: string[] = [];
  for (const rule of MEASURED) {
    let expected = 0;
    for (const o of outcomes) for (const e of o.c.expect) if (RULE[e.slice(0, e.indexOf(':')) as Short](e.slice(e.indexOf(':') + 1)) === rule) expected++;
    const tp = outcomes.reduce((n, o) => n + (o.hits.get(rule) ?? 0), 0);
    const fp = outcomes.reduce((n, o) => n + o.falsePositives.filter((f) => f.rule === rule).length, 0);
    const recall = expected ? tp / expected : 1;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    lines.push(`${rule}: recall ${(100 * recall).toFixed(1)} % (${tp}/${expected}), precision ${(100 * precision).toFixed(1)} % (${fp} false)`);
  }
  return lines;
}

describe('scan: where keys and workspace ids end up (red-team cases, issue 10, engineer V)', () => {
  for (const c of cases) {
    it(`round ${c.round}: ${c.group}: ${c.name} (${c.file})`, () => {
      const o = run(c);
      assert.deepEqual(o.missed, [], `missed in:\n${o.text}\ngot ${show(o)}`);
      assert.deepEqual(o.falsePositives.map((f) => f.rule), [], `unexpected findings in:\n${o.text}\ngot ${show(o)}`);
      for (const f of o.found) for (const k of [/retrac_[0-9A-Za-z]{24}/]) assert.ok(!k.test(f.message), 'a message shows a key');
    });
  }

  it('prints recall and precision per rule and per round', () => {
    const outcomes = cases.map(run);
    const lines: string[] = [];
    for (const r of [...new Set(cases.map((c) => c.round))]) {
      const os = outcomes.filter((o) => o.c.round === r);
      lines.push(`round ${r} (${os.length} cases):`, ...score(os).map((l) => '  ' + l));
      for (const o of os) if (o.missed.length || o.falsePositives.length) lines.push(`    ✗ ${o.c.group}: ${o.c.name}: missed ${o.missed.join(' ')} false ${o.falsePositives.map((f) => f.rule.slice(7)).join(' ')}`);
    }
    console.log(lines.join('\n'));
    assert.ok(outcomes.every((o) => !o.missed.length && !o.falsePositives.length), lines.join('\n'));
  });
});


// The readers added for these rules (data pairs and the call they are an argument of, Markdown
// fences, workspace constants and paths, client sections and page data, template expressions,
// escaped and commented URLs) stay linear: adversarial contents each scan in under a second of CPU.
describe('scan: adversarial contents for the exposure and workspace-id readers', function () {
  this.timeout(60_000);
  const MB = 1024 * 1024;
  {
    const r = restrictedKey();
    const ws = workspaceIdLiteral();
    const contents: [string, string][] = [
      ['workspace pairs on one line', `workspaceId: '${ws}', `.repeat(MB / 32)],
      ['workspace pairs after a logger call', `logger.info({ ${`workspaceId: '${ws}', `.repeat(MB / 32)} })`],
      ['workspace pairs on many lines', `  workspace_id: ${ws}\n`.repeat(MB / 30)],
      ['dotted keys before a pair', `${'a.'.repeat(MB / 4)}workspaceId=${ws}`],
      ['workspace constants', `const W = '${ws}';\nfetch(u, { workspaceId: W });\n`.repeat(MB / 60)],
      ['workspace paths', `/workspaces/${ws}`.repeat(MB / 30)],
      ['fences and pairs', '```json\n' + `"workspaceId": "${ws}",\n`.repeat(MB / 32)],
      ['env lookups in a client section', `env: {\n${'  retracKey: process.env.RETRAC_API_KEY, '.repeat(MB / 40)}\n}`],
      ['env lookups as page data', `window.CFG = { ${'RETRAC_API_KEY: process.env.RETRAC_API_KEY, '.repeat(MB / 45)} }`],
      ['keys in a define section', `define: {\n${`  __RETRAC_KEY__: '${r}', `.repeat(MB / 48)}\n}`],
      ['template expressions', '{{ retrac_api_key }}'.repeat(MB / 20)],
      ['unclosed template expressions', '{{ retrac '.repeat(MB / 10)],
      ['escaped and commented URLs', '// http:\\/\\/api.retrac.co '.repeat(MB / 28)],
      ['dart defines', `--dart-define=RETRAC_API_KEY=${r} `.repeat(MB / 50)],
      ['Markdown prose URLs and backticks', '` http://api.retrac.co '.repeat(MB / 24)],
      ['fence lines', '```\nworkspaceId: ws_abcdef12\n'.repeat(MB / 28)],
      ['request mappings', `body:\n  workspaceId: ${ws}\n`.repeat(MB / 32)],
      ['mock calls', `nock(u).get('/items').query({ workspaceId: '${ws}' }).reply(200, []);\n`.repeat(MB / 80)],
      ['public names twice a line', 'ENV VITE_RETRAC_KEY=$VITE_RETRAC_KEY '.repeat(MB / 36)],
      ['keys in objects named for another service', `retracUrl: '${API}', ` + `courier: { apiKey: '${fullKey()}', `.repeat(MB / 48)],
      ['keys under a section opener', `courier: {\n${`  apiKey: '${fullKey()}', `.repeat(MB / 40)}\n}`],
      ['meta tags', `<meta name="retrac-api-key" content="${fullKey()}">`.repeat(MB / 64)],
    ];
    for (const [label, text] of contents) {
      it(`${label}: under a second of CPU in each file kind`, () => {
      for (const fileName of ['next.config.js', 'app/root.tsx', 'docs/a.md', 'config.yml', 'a.html', 'config.xml', 'src/environments/environment.ts', 'a.log', 'Dockerfile']) {
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName }));
        assert.ok(cpuMs < 1000, `${label} as ${fileName}: ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
      }
      });
    }
  }
});
