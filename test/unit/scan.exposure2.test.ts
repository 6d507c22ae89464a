// Red-team cases for issue 10 (engineer W), after V's scan.exposure.test.ts: WHERE a key or a
// workspace id ends up, on file kinds and idioms no other scan test uses.
// `retrac/client-exposed-key` (a Retrac key reaching code that runs in a browser or an app: public
// env prefixes of more frameworks, build-time defines, data a server returns to the page, mobile
// build configs), `retrac/hardcoded-workspace-id` (a literal workspace id in code or client config
// that makes requests: SDK options across languages, query builders; NOT ids in data, fixtures,
// recorded responses, logs or docs prose) and `retrac/insecure-http` (plain HTTP to the Retrac
// API in proxies, base URLs and env defaults across languages and config kinds), with the key rules
// where they meet these. Each round was written before the fixes it led to and run on the scanner
// of the time first (the honest estimate): see /work/notes/W-note.md. Keys and ids are generated at
// run time. The last test prints recall and precision per rule and per round.
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

// =============================================================================================
// Round 1: written before reading the rules in depth, measured on main (66dafd0).
round = 1;
// Public env prefixes of frameworks and tools no test uses, and build defines of other bundlers.
add('r1 public prefixes and defines', [
  ['Plasmo extension public name', '.env.production', (v) => `PLASMO_PUBLIC_RETRAC_KEY=${v.r}\nPLASMO_PUBLIC_SITE_URL=https://shop.example.com`, ['key:r', 'exp:r']],
  ['electron-vite renderer name', '.env', (v) => `MAIN_VITE_LOG_LEVEL=info\nRENDERER_VITE_RETRAC_KEY=${v.r}`, ['key:r', 'exp:r']],
  ['Sanity Studio public name', '.env.production', (v) => `SANITY_STUDIO_PROJECT_ID=abc123\nSANITY_STUDIO_RETRAC_TOKEN=${v.f}`, ['key:f', 'exp:f']],
  ['Redwood web name', '.env.defaults', (v) => `REDWOOD_ENV_RETRAC_KEY=${v.r}\nDATABASE_URL=file:./dev.db`, ['key:r', 'exp:r']],
  ['Strapi admin name', '.env.production', (v) => `HOST=0.0.0.0\nSTRAPI_ADMIN_RETRAC_API_KEY=${v.r}`, ['key:r', 'exp:r']],
  ['Umi app name', '.env', (v) => `UMI_APP_RETRAC_KEY=${v.r}\nPORT=8000`, ['key:r', 'exp:r']],
  ['Netlify build environment', 'netlify.toml', (v) => `[build]\n  command = "npm run build"\n  publish = "dist"\n\n[build.environment]\n  NODE_VERSION = "20"\n  VITE_RETRAC_KEY = "${v.r}"`, ['key:r', 'exp:r']],
  ['Rsbuild source.define', 'rsbuild.config.ts', (v) => `import { defineConfig } from '@rsbuild/core';\nimport { pluginReact } from '@rsbuild/plugin-react';\n\nexport default defineConfig({\n  plugins: [pluginReact()],\n  source: {\n    define: {\n      'process.env.RETRAC_KEY': JSON.stringify('${v.r}'),\n    },\n  },\n});`, ['key:r', 'exp:r']],
  ['webpack EnvironmentPlugin with a default', 'webpack.config.js', (v) => `const webpack = require('webpack');\n\nmodule.exports = {\n  mode: 'production',\n  plugins: [\n    new webpack.EnvironmentPlugin({\n      NODE_ENV: 'production',\n      RETRAC_API_KEY: '${v.r}',\n    }),\n  ],\n};`, ['key:r', 'exp:r']],
  ['webpack EnvironmentPlugin list of a Retrac key name', 'webpack.prod.js', () => `module.exports = merge(common, {\n  plugins: [new webpack.EnvironmentPlugin(['NODE_ENV', 'RETRAC_API_KEY'])],\n});`, ['exp:RETRAC_API_KEY']],
  ['esbuild browser build define', 'scripts/build.mjs', (v) => `import * as esbuild from 'esbuild';\n\nawait esbuild.build({\n  entryPoints: ['src/main.tsx'],\n  bundle: true,\n  platform: 'browser',\n  outdir: 'dist',\n  define: {\n    'process.env.RETRAC_API_KEY': '"${v.f}"',\n  },\n});`, ['key:f', 'exp:f']],
  ['Angular application builder define', 'angular.json', (v) => `{\n  "projects": {\n    "shop": {\n      "architect": {\n        "build": {\n          "builder": "@angular-devkit/build-angular:application",\n          "options": {\n            "define": {\n              "RETRAC_KEY": "'${v.r}'"\n            }\n          }\n        }\n      }\n    }\n  }\n}`, ['key:r', 'exp:r']],
  ['Umi config define', '.umirc.ts', (v) => `import { defineConfig } from 'umi';\n\nexport default defineConfig({\n  routes: [{ path: '/', component: 'index' }],\n  define: {\n    'process.env.RETRAC_KEY': '${v.r}',\n  },\n});`, ['key:r', 'exp:r']],
  ['Taro defineConstants', 'config/index.js', (v) => `const config = {\n  projectName: 'stock-mini',\n  defineConstants: {\n    RETRAC_KEY: JSON.stringify('${v.r}'),\n  },\n  mini: {},\n};\nmodule.exports = config;`, ['key:r', 'exp:r']],
  ['VitePress vite define', 'docs/.vitepress/config.ts', (v) => `export default defineConfig({\n  title: 'Stock',\n  vite: {\n    define: {\n      __RETRAC_KEY__: JSON.stringify('${v.r}'),\n    },\n  },\n});`, ['key:r', 'exp:r']],
  ['Storybook main env', '.storybook/main.ts', (v) => `const config: StorybookConfig = {\n  framework: '@storybook/react-vite',\n  stories: ['../src/**/*.stories.tsx'],\n  env: (config) => ({\n    ...config,\n    RETRAC_API_KEY: '${v.r}',\n  }),\n};\nexport default config;`, ['key:r', 'exp:r']],
  ['Meteor settings public section', 'settings.json', (v) => `{\n  "private": {\n    "mongoUrl": "mongodb://localhost/stock"\n  },\n  "public": {\n    "retracApiKey": "${v.r}"\n  }\n}`, ['key:r', 'exp:r']],
  ['Android manifestPlaceholders', 'app/build.gradle', (v) => `android {\n    defaultConfig {\n        applicationId "com.acme.stock"\n        manifestPlaceholders = [retracApiKey: "${v.r}"]\n    }\n}`, ['key:r', 'exp:r']],
  ['Flutter dart-define-from-file JSON', 'config/dart_defines/prod.json', (v) => `{\n  "FLAVOR": "prod",\n  "RETRAC_API_KEY": "${v.r}"\n}`, ['key:r', 'exp:r']],
  ['Redwood includeEnvironmentVariables', 'redwood.toml', () => `[web]\n  title = "Stock"\n  port = 8910\n  includeEnvironmentVariables = ['RETRAC_API_KEY', 'SENTRY_DSN']`, ['exp:RETRAC_API_KEY']],
]);

// Server values handed to the page (loader data, island props, client component props).
add('r1 server data sent to the page', [
  ['Remix loader returns the key', 'app/routes/_index.tsx', () => `import { json } from '@remix-run/node';\n\nexport async function loader() {\n  return json({\n    items: await listItems(),\n    retracKey: process.env.RETRAC_API_KEY,\n  });\n}\n\nexport default function Index() {\n  const { items } = useLoaderData<typeof loader>();\n  return <ItemList items={items} />;\n}`, ['exp:retracKey']],
  ['SvelteKit load returns the key', 'src/routes/items/+page.server.ts', () => `import { env } from '$env/dynamic/private';\n\nexport async function load() {\n  return {\n    apiKey: env.RETRAC_API_KEY,\n  };\n}`, ['exp:apiKey']],
  ['Next server component passes the key to a client component', 'app/items/page.tsx', () => `import ItemsClient from './ItemsClient';\n\nexport default async function Page() {\n  return <ItemsClient apiKey={process.env.RETRAC_API_KEY} />;\n}`, ['exp:apiKey']],
  ['Astro island prop', 'src/pages/items.astro', () => `---\nimport Items from '../components/Items.tsx';\nconst key = import.meta.env.RETRAC_API_KEY;\n---\n<Items client:load apiKey={key} />`, ['exp:apiKey']],
  ['Remix loader uses the key server-side: quiet', 'app/routes/items.tsx', () => `export async function loader() {\n  const r = await fetch('${API}/items', {\n    headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n  });\n  return json({ items: await r.json() });\n}`, []],
  ['SvelteKit load returns a workspace name: quiet', 'src/routes/+layout.server.ts', () => `export async function load() {\n  return { workspace: env.RETRAC_WORKSPACE_SLUG, baseUrl: '${API}' };\n}`, []],
]);

// Hard negatives for exposure.
add('r1 exposure negatives', [
  ['Cloudflare wrangler vars: key only', 'wrangler.toml', (v) => `name = "stock-worker"\nmain = "src/index.ts"\n\n[vars]\nRETRAC_API_KEY = "${v.r}"`, ['key:r']],
  ['Android gradle.properties: key only', 'gradle.properties', (v) => `org.gradle.jvmargs=-Xmx2048m\nRETRAC_API_KEY=${v.r}`, ['key:r']],
  ['Plasmo public courier key: quiet', '.env.production', (v) => `PLASMO_PUBLIC_RETRAC_URL=${API}\nPLASMO_PUBLIC_COURIER_KEY=${v.f}`, []],
  ['EnvironmentPlugin of a URL name: quiet', 'webpack.config.js', () => `plugins: [new webpack.EnvironmentPlugin(['NODE_ENV', 'RETRAC_API_URL'])],`, []],
  ['Rsbuild define of the workspace id: quiet', 'rsbuild.config.ts', (v) => `export default defineConfig({\n  source: { define: { 'process.env.RETRAC_WORKSPACE': JSON.stringify('${v.ws}') } },\n});`, []],
  ['Storybook env with a Chromatic project token: quiet', '.storybook/main.ts', (v) => `const config = {\n  env: (config) => ({ ...config, RETRAC_URL: '${API}' }),\n  chromatic: { projectToken: '${v.f}' },\n};`, []],
  ['a server-only RETRAC_ name in a Vite server file: quiet', 'server/index.ts', () => `const key = process.env.RETRAC_API_KEY;\nconst res = await fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${key}${B} } });`, []],
]);

// hardcoded-workspace-id: SDK options and query builders across languages.
add('r1 workspace id sent', [
  ['Go client options struct', 'internal/stock/client.go', (v) => `package stock\n\nimport "github.com/acme/retrac-go"\n\nfunc New() *retrac.Client {\n\treturn retrac.NewClient(retrac.Options{\n\t\tAPIKey:      os.Getenv("RETRAC_API_KEY"),\n\t\tWorkspaceID: "${v.ws}",\n\t})\n}`, ['ws:ws']],
  ['Go url.Values Add', 'internal/stock/items.go', (v) => `q := url.Values{}\nq.Add("workspace_id", "${v.ws}")\nq.Add("page", "1")\nreq, _ := http.NewRequest("GET", base+"/items?"+q.Encode(), nil)`, ['ws:ws']],
  ['Rust builder', 'src/client.rs', (v) => `let client = retrac::Client::builder()\n    .api_key(std::env::var("RETRAC_API_KEY")?)\n    .workspace_id("${v.ws}")\n    .build()?;`, ['ws:ws']],
  ['C# options lambda', 'Program.cs', (v) => `builder.Services.AddRetrac(options =>\n{\n    options.ApiKey = builder.Configuration["Retrac:ApiKey"];\n    options.WorkspaceId = "${v.ws}";\n});`, ['ws:ws']],
  ['C# object initializer', 'Services/StockSync.cs', (v) => `var client = new RetracClient(new RetracClientOptions\n{\n    WorkspaceId = "${v.ws}",\n    Timeout = TimeSpan.FromSeconds(30),\n});`, ['ws:ws']],
  ['Java protobuf-style setter', 'src/main/java/com/acme/Sync.java', (v) => `ListItemsRequest request = ListItemsRequest.newBuilder()\n    .setWorkspaceId("${v.ws}")\n    .setPageSize(100)\n    .build();`, ['ws:ws']],
  // Labelled a request when written, measured as a miss on main and after the fixes; relabelled quiet: a
  // settings class is the configuration layer (as `.env`, appsettings and Angular environments are), see W-note.md.
  ['Python pydantic settings default (configuration)', 'stock/settings.py', (v) => `from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    retrac_base_url: str = "${API}"\n    retrac_workspace_id: str = "${v.ws}"\n\nsettings = Settings()`, []],
  ['Python dataclass default', 'stock/retrac_client.py', (v) => `@dataclass\nclass RetracConfig:\n    api_key: str\n    workspace_id: str = "${v.ws}"\n    base_url: str = "${API}"`, ['ws:ws']],
  ['Ruby initializer', 'config/initializers/retrac.rb', (v) => `Retrac.configure do |config|\n  config.api_key = ENV.fetch("RETRAC_API_KEY")\n  config.workspace_id = "${v.ws}"\nend`, ['ws:ws']],
  ['PHP client constructor array', 'src/StockSync.php', (v) => `$client = new RetracClient([\n    'api_key' => getenv('RETRAC_API_KEY'),\n    'workspace_id' => '${v.ws}',\n]);`, ['ws:ws']],
  ['Terraform provider block', 'main.tf', (v) => `provider "retrac" {\n  api_key      = var.retrac_api_key\n  workspace_id = "${v.ws}"\n}`, ['ws:ws']],
  ['Kotlin DSL block', 'src/main/kotlin/Sync.kt', (v) => `val client = RetracClient {\n    apiKey = System.getenv("RETRAC_API_KEY")\n    workspaceId = "${v.ws}"\n}`, ['ws:ws']],
  ['Swift configuration initializer', 'Stock/Retrac.swift', (v) => `let client = RetracClient(configuration: .init(apiKey: key, workspaceID: "${v.ws}"))`, ['ws:ws']],
  ['URLSearchParams append', 'src/lib/items.ts', (v) => `const params = new URLSearchParams();\nparams.append('workspaceId', '${v.ws}');\nparams.append('pageSize', '50');\nconst res = await fetch(${B}${API}/items?\${params}${B}, { headers });`, ['ws:ws']],
  ['qs.stringify', 'src/lib/query.js', (v) => `const url = ${B}${API}/items?\${qs.stringify({ workspaceId: '${v.ws}', page: 2 })}${B};`, ['ws:ws']],
  ['axios instance default params', 'src/api/retrac.ts', (v) => `export const retrac = axios.create({\n  baseURL: '${API}',\n  params: { workspaceId: '${v.ws}' },\n});`, ['ws:ws']],
  ['Python urlencode list of tuples', 'stock/items.py', (v) => `query = urllib.parse.urlencode([("workspaceId", "${v.ws}"), ("page", 1)])\nresp = urllib.request.urlopen(f"{BASE}/items?{query}")`, ['ws:ws']],
  ['Python gql variable_values', 'stock/graph.py', (v) => `result = client.execute(ITEMS_QUERY, variable_values={"workspaceId": "${v.ws}"})`, ['ws:ws']],
  ['Python protobuf request', 'stock/grpc_sync.py', (v) => `request = items_pb2.ListItemsRequest(workspace_id="${v.ws}", page_size=100)\nresponse = stub.ListItems(request)`, ['ws:ws']],
  ['wget with a snake_case query', 'scripts/export.sh', (v) => `wget -qO items.json --header "Authorization: Bearer $RETRAC_API_KEY" "${API}/items?workspace_id=${v.ws}"`, ['ws:ws']],
]);

// hardcoded-workspace-id: data, records, logs and docs.
add('r1 workspace id not sent', [
  ['MSW handler response outside a mocks folder', 'src/test/server.ts', (v) => `export const server = setupServer(\n  http.get('${API}/items', () => HttpResponse.json({ workspaceId: '${v.ws}', items: [] })),\n);`, []],
  ['Rails db/seeds.rb', 'db/seeds.rb', (v) => `Workspace.find_or_create_by!(external_id: "${v.ws}") do |w|\n  w.name = "Acme"\nend`, []],
  ['Phoenix priv/repo/seeds.exs', 'priv/repo/seeds.exs', (v) => `Repo.insert!(%Workspace{retrac_id: "${v.ws}", name: "Acme"})`, []],
  ['Rust tracing fields', 'src/sync.rs', (v) => `tracing::info!(workspace_id = "${v.ws}", count = items.len(), "synced items");`, []],
  ['Java logger with a placeholder', 'src/main/java/com/acme/Sync.java', (v) => `log.info("synced {} items for workspaceId={}", items.size(), "${v.ws}");`, []],
  ['reStructuredText prose', 'docs/usage.rst', (v) => `Usage\n=====\n\nYour workspace id looks like ${v.ws}; copy it from the dashboard.`, []],
  ['JSDoc example', 'src/client.ts', (v) => `/**\n * Lists items.\n * @example\n *   await client.items.list({ workspaceId: '${v.ws}' })\n */\nexport async function list(params: ListParams) {}`, []],
  ['Python docstring example', 'stock/client.py', (v) => `def list_items(self, workspace_id: str):\n    """List items.\n\n    Example: client.list_items(workspace_id="${v.ws}")\n    """\n    return self._get("/items", params={"workspaceId": workspace_id})`, []],
  ['Postman environment file', 'postman/Production.postman_environment.json', (v) => `{\n  "name": "Production",\n  "values": [\n    { "key": "baseUrl", "value": "${API}", "enabled": true },\n    { "key": "workspaceId", "value": "${v.ws}", "enabled": true }\n  ]\n}`, []],
  ['Sentry setContext', 'src/sentry.ts', (v) => `Sentry.setContext('retrac', { workspaceId: '${v.ws}', plan: 'business' });`, []],
  ['Express mock server response', 'dev/mock-server.js', (v) => `app.get('/items', (req, res) => {\n  res.json({ workspaceId: '${v.ws}', items: [] });\n});`, []],
  ['a test constant used only by assertions', 'test/sync.spec.ts', (v) => `const WORKSPACE = '${v.ws}';\n\nit('keeps the workspace', () => {\n  expect(result.workspaceId).toBe(WORKSPACE);\n});`, []],
]);

// insecure-http across languages and config kinds.
add('r1 insecure http', [
  ['JS env default', 'src/config.ts', () => `export const RETRAC_URL = process.env.RETRAC_URL ?? '${HTTP}';`, [`http:${HTTP}`]],
  ['Rust const', 'src/config.rs', () => `pub const BASE_URL: &str = "${HTTP}";`, [`http:${HTTP}`]],
  ['Elixir config', 'config/prod.exs', () => `config :stock, :retrac,\n  base_url: "${HTTP}",\n  timeout: 15_000`, [`http:${HTTP}`]],
  ['webpack devServer proxy target', 'webpack.config.js', () => `devServer: {\n  proxy: [{ context: ['/api'], target: '${HTTP}', changeOrigin: true }],\n},`, [`http:${HTTP}`]],
  ['httpx base_url', 'stock/client.py', () => `client = httpx.Client(base_url="${HTTP}", headers={"Authorization": f"Bearer {key}"})`, [`http:${HTTP}`]],
  ['Faraday url', 'lib/stock/retrac.rb', () => `conn = Faraday.new(url: "${HTTP}") do |f|\n  f.request :authorization, "Bearer", key\nend`, [`http:${HTTP}`]],
  ['Guzzle base_uri', 'src/Retrac.php', () => `$client = new Client(['base_uri' => '${HTTP}/', 'timeout' => 10]);`, [`http:${HTTP}`]],
  ['launchSettings environment', 'Properties/launchSettings.json', () => `{\n  "profiles": {\n    "Stock": {\n      "environmentVariables": { "RETRAC_URL": "${HTTP}" }\n    }\n  }\n}`, [`http:${HTTP}`]],
  ['workflow run step', '.github/workflows/smoke.yml', () => `      - run: curl -fsS ${HTTP}/health`, [`http:${HTTP}`]],
  ['upper-case host', 'src/legacy.js', () => `const BASE = 'http://API.RETRAC.CO/v1';`, ['http:http://API.RETRAC.CO']],
  ['Swift URLComponents with an http scheme', 'Stock/Endpoint.swift', () => `var c = URLComponents()\nc.scheme = "http"\nc.host = "api.retrac.co"\nc.path = "/items"`, ['http:c.scheme = "http"']],
  ['Java URI with an http scheme', 'src/main/java/com/acme/Urls.java', () => `URI uri = new URI("http", "api.retrac.co", "/items", null);`, ['http:new URI("http"']],
  ['corporate proxy for an https API: quiet', '.env.production', () => `HTTPS_PROXY=http://proxy.corp.example:3128\nNO_PROXY=localhost,127.0.0.1\nRETRAC_URL=${API}`, []],
  ['another TLD: quiet', 'src/mirror.ts', () => `const legacy = 'http://api.retrac.com/items';`, []],
  ['https URLComponents: quiet', 'Stock/Secure.swift', () => `var c = URLComponents()\nc.scheme = "https"\nc.host = "api.retrac.co"`, []],
  ['Kubernetes ExternalName without a scheme: quiet', 'k8s/retrac-svc.yaml', () => `apiVersion: v1\nkind: Service\nmetadata:\n  name: retrac\nspec:\n  type: ExternalName\n  externalName: api.retrac.co`, []],
]);

// =============================================================================================
// Round 2: written after the round-1 fixes, in kinds not looked at yet, and run on them first.
round = 2;
add('r2 client builds and page data', [
  ['HtmlWebpackPlugin templateParameters from a key lookup', 'webpack.common.js', () => `plugins: [\n  new HtmlWebpackPlugin({\n    template: './src/index.html',\n    templateParameters: {\n      retracKey: process.env.RETRAC_API_KEY,\n    },\n  }),\n],`, ['exp:RETRAC_API_KEY']],
  ['Rsbuild html.templateParameters literal', 'rsbuild.config.ts', (v) => `export default defineConfig({\n  html: {\n    templateParameters: {\n      retracApiKey: '${v.r}',\n    },\n  },\n});`, ['key:r', 'exp:r']],
  ['vite-plugin-html inject data', 'vite.config.ts', () => `export default defineConfig({\n  plugins: [\n    createHtmlPlugin({\n      inject: {\n        data: { retracKey: process.env.RETRAC_API_KEY },\n      },\n    }),\n  ],\n});`, ['exp:RETRAC_API_KEY']],
  ['Qwik routeLoader$ returns env.get', 'src/routes/items/index.tsx', () => `export const useConfig = routeLoader$(async ({ env }) => {\n  return {\n    retracKey: env.get('RETRAC_API_KEY'),\n  };\n});`, ['exp:retracKey']],
  ['Blazor WebAssembly wwwroot appsettings', 'Client/wwwroot/appsettings.json', (v) => `{\n  "Retrac": {\n    "BaseUrl": "${API}",\n    "ApiKey": "${v.f}"\n  }\n}`, ['key:f', 'exp:f']],
  ['Tauri app config plugin section', 'src-tauri/tauri.conf.json', (v) => `{\n  "productName": "Stock",\n  "plugins": {\n    "retrac": { "apiKey": "${v.r}" }\n  }\n}`, ['key:r', 'exp:r']],
  ['turbo.json lists a public Retrac key name', 'turbo.json', () => `{\n  "globalEnv": ["NEXT_PUBLIC_RETRAC_KEY", "NODE_ENV"],\n  "tasks": { "build": { "outputs": [".next/**"] } }\n}`, ['exp:NEXT_PUBLIC_RETRAC_KEY']],
  ['Next _document window global from a key lookup', 'pages/_document.tsx', () => `<script dangerouslySetInnerHTML={{ __html: ${B}window.__CFG__ = \${JSON.stringify({ key: process.env.RETRAC_API_KEY })}${B} }} />`, ['exp:RETRAC_API_KEY']],
  ['Astro island without client directive: quiet', 'src/pages/index.astro', () => `---\nimport Items from '../components/Items.tsx';\nconst key = import.meta.env.RETRAC_API_KEY;\nconst items = await fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${key}${B} } }).then((r) => r.json());\n---\n<Items items={items} />`, []],
  ['SvelteKit load returns items only: quiet', 'src/routes/items/+page.server.ts', () => `export async function load({ fetch }) {\n  const r = await fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${env.RETRAC_API_KEY}${B} } });\n  return { items: await r.json() };\n}`, []],
  ['Remix action uses the key: quiet', 'app/routes/items.new.tsx', () => `export async function action({ request }) {\n  const form = await request.formData();\n  await fetch('${API}/items', {\n    method: 'POST',\n    headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} },\n    body: JSON.stringify(Object.fromEntries(form)),\n  });\n  return json({ ok: true });\n}`, []],
  ['electron-vite main-process name: key only', '.env', (v) => `MAIN_VITE_RETRAC_KEY=${v.r}`, ['key:r']],
  ['a WXT public URL: quiet', '.env.production', () => `WXT_RETRAC_URL=${API}\nWXT_APP_NAME=Stock`, []],
  ['Storybook env with a Retrac URL: quiet', '.storybook/main.ts', () => `const config = {\n  env: (config) => ({ ...config, RETRAC_API_URL: '${API}' }),\n};\nexport default config;`, []],
  ['HtmlWebpackPlugin with a title only: quiet', 'webpack.config.js', () => `new HtmlWebpackPlugin({ title: 'Retrac stock', templateParameters: { retracUrl: '${API}' } })`, []],
]);

add('r2 workspace id sent', [
  ['GraphQL document argument', 'src/graphql/items.graphql', (v) => `query Items {\n  items(workspaceId: "${v.ws}", first: 50) {\n    id\n    sku\n  }\n}`, ['ws:ws']],
  ['grpcurl JSON body', 'scripts/list-items.sh', (v) => `grpcurl -H "authorization: Bearer $RETRAC_API_KEY" \\\n  -d '{"workspace_id": "${v.ws}"}' \\\n  api.retrac.co:443 retrac.v1.Items/List`, ['ws:ws']],
  ['Rust const sent as a query', 'src/items.rs', (v) => `const WORKSPACE: &str = "${v.ws}";\n\nlet items = client\n    .get(format!("{BASE}/items"))\n    .query(&[("workspaceId", WORKSPACE)])\n    .send()\n    .await?;`, ['ws:ws']],
  ['Java constant sent as a query parameter', 'src/main/java/com/acme/Items.java', (v) => `private static final String WORKSPACE = "${v.ws}";\n\npublic List<Item> list() {\n  return rest.get().uri(b -> b.path("/items").queryParam("workspaceId", WORKSPACE).build()).retrieve().body(LIST);\n}`, ['ws:ws']],
  ['PHP class constant', 'src/Items.php', (v) => `private const WORKSPACE = '${v.ws}';\n\npublic function list(): array\n{\n    return $this->http->get('/items', ['query' => ['workspaceId' => self::WORKSPACE]])->json();\n}`, ['ws:ws']],
  ['Elixir module attribute', 'lib/stock/items.ex', (v) => `@workspace "${v.ws}"\n\ndef list do\n  Req.get!(@base <> "/items", params: [workspaceId: @workspace], auth: {:bearer, token()})\nend`, ['ws:ws']],
  ['shell variable in a query', 'scripts/items.sh', (v) => `WS=${v.ws}\ncurl -fsS "${API}/items?workspaceId=$WS" -H "Authorization: Bearer $RETRAC_API_KEY"`, ['ws:ws']],
  ['Makefile variable', 'Makefile', (v) => `WORKSPACE := ${v.ws}\n\nitems:\n\tcurl -fsS "${API}/items?workspaceId=$(WORKSPACE)" -H "Authorization: Bearer $$RETRAC_API_KEY"`, ['ws:ws']],
  ['JMeter argument name/value', 'load/items.jmx', (v) => `<elementProp name="workspaceId" elementType="HTTPArgument">\n  <stringProp name="Argument.name">workspaceId</stringProp>\n  <stringProp name="Argument.value">${v.ws}</stringProp>\n</elementProp>`, ['ws:ws']],
  ['Hurl query section', 'api/items.hurl', (v) => `GET ${API}/items\nAuthorization: Bearer {{token}}\n[QueryStringParams]\nworkspaceId: ${v.ws}\nHTTP 200`, ['ws:ws']],
  ['C++ cpr parameters', 'src/retrac.cpp', (v) => `auto r = cpr::Get(cpr::Url{base + "/items"}, cpr::Parameters{{"workspaceId", "${v.ws}"}}, cpr::Bearer{token});`, ['ws:ws']],
  ['tRPC query input', 'src/pages/items.tsx', (v) => `const items = trpc.retrac.items.useQuery({ workspaceId: '${v.ws}' });`, ['ws:ws']],
  ['Go struct literal params', 'internal/sync/items.go', (v) => `items, err := client.Items.List(ctx, &retrac.ListItemsParams{WorkspaceID: "${v.ws}", PageSize: 100})`, ['ws:ws']],
]);

add('r2 workspace id not sent', [
  ['Python responses mock matcher', 'tests/test_items.py', (v) => `responses.add(\n    responses.GET,\n    f"{BASE}/items",\n    match=[matchers.query_param_matcher({"workspaceId": "${v.ws}"})],\n    json=[],\n)`, []],
  ['Go httptest server response', 'internal/sync/sync_test.go', (v) => `srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\tjson.NewEncoder(w).Encode(map[string]string{"workspaceId": "${v.ws}"})\n}))`, []],
  ['MockK stub with a named argument', 'app/src/test/kotlin/SyncTest.kt', (v) => `every { api.items(workspaceId = "${v.ws}") } returns emptyList()`, []],
  ['Python assert_called_once_with', 'tests/test_sync.py', (v) => `client.list_items.assert_called_once_with(workspace_id="${v.ws}", page_size=100)`, []],
  ['SQL migration update', 'migrations/20260104_backfill.sql', (v) => `UPDATE items SET workspace_id = '${v.ws}' WHERE workspace_id IS NULL;`, []],
  ['AsciiDoc prose', 'docs/guide.adoc', (v) => `== Items\n\nEvery item in the response carries workspaceId: ${v.ws} for the demo workspace.`, []],
  ['JSON lines log', 'logs/app.jsonl', (v) => `{"level":"info","msg":"synced","workspaceId":"${v.ws}","url":"${API}/items?workspaceId=${v.ws}"}`, []],
  ['Terraform output', 'outputs.tf', (v) => `output "workspace_id" {\n  value = "${v.ws}"\n}`, []],
  ['Cucumber table', 'features/items.feature', (v) => `Scenario: list items\n  Given the workspace:\n    | workspaceId | ${v.ws} |\n  When I list items`, []],
  ['patch.dict of the environment', 'tests/conftest.py', (v) => `with mock.patch.dict(os.environ, {"RETRAC_WORKSPACE_ID": "${v.ws}"}):\n    yield`, []],
]);

add('r2 insecure http', [
  ['Go url.URL with an http scheme', 'internal/retrac/url.go', () => `u := url.URL{Scheme: "http", Host: "api.retrac.co", Path: "/items"}`, ['http:Scheme: "http"']],
  ['C# UriBuilder with UriSchemeHttp', 'Retrac/Urls.cs', () => `var b = new UriBuilder { Scheme = Uri.UriSchemeHttp, Host = "api.retrac.co", Path = "items" };`, ['http:UriSchemeHttp']],
  ['Python HTTPConnection', 'stock/legacy.py', () => `conn = http.client.HTTPConnection("api.retrac.co")\nconn.request("GET", "/items", headers={"Authorization": f"Bearer {key}"})`, ['http:HTTPConnection']],
  ['Node http.request with a host', 'src/legacy.js', () => `const req = http.request({ host: 'api.retrac.co', path: '/items', headers: { Authorization: ${B}Bearer \${key}${B} } });`, ['http:http.request']],
  ['Apache ProxyPass', 'deploy/apache.conf', () => `ProxyPass "/retrac/" "${HTTP}/"\nProxyPassReverse "/retrac/" "${HTTP}/"`, [`http:ProxyPass "/retrac/"`, `http:ProxyPassReverse`]],
  ['Traefik service URL', 'traefik/dynamic.yml', () => `http:\n  services:\n    retrac:\n      loadBalancer:\n        servers:\n          - url: "${HTTP}"`, [`http:${HTTP}`]],
  ['Deno fetch', 'main.ts', () => `const res = await fetch("${HTTP}/items", { headers: { Authorization: ${B}Bearer \${Deno.env.get("RETRAC_API_KEY")}${B} } });`, [`http:${HTTP}`]],
  ['HTTPSConnection: quiet', 'stock/client.py', () => `conn = http.client.HTTPSConnection("api.retrac.co")`, []],
  ['https.request with a host: quiet', 'src/client.js', () => `const req = https.request({ host: 'api.retrac.co', path: '/items' });`, []],
  ['a test that the client refuses http: quiet', 'src/client.test.ts', () => `it('refuses plain http', () => {\n  expect(() => createClient({ baseUrl: '${HTTP}' })).toThrow(/https/);\n});`, []],
  ['an https URLComponents next to an http scheme of another host: quiet', 'Stock/Mixed.swift', () => `var local = URLComponents()\nlocal.scheme = "http"\nlocal.host = "localhost"\nlet api = URL(string: "${API}/items")!`, []],
]);

add('r2 key meets other rules', [
  ['git-ignored .env with a Plasmo key: exposure only', '.env.local', (v) => `PLASMO_PUBLIC_RETRAC_KEY=${v.r}`, ['exp:r'], { gitIgnored: true }],
  ['tracked .env with a Sanity full key and http', '.env', (v) => `SANITY_STUDIO_RETRAC_KEY=${v.f}\nSANITY_STUDIO_RETRAC_URL=${HTTP}`, ['key:f', 'exp:f', `http:${HTTP}`]],
]);

// =============================================================================================
// Round 3: written after the round-2 fixes, in kinds not looked at yet, and run on them first.
round = 3;
add('r3 values compiled into apps and pages', [
  ['react-native-dotenv import', 'src/api/retrac.ts', () => `import { RETRAC_API_KEY } from '@env';\n\nexport const client = new RetracClient({ apiKey: RETRAC_API_KEY });`, ['exp:RETRAC_API_KEY']],
  ['react-native-config read', 'src/services/retrac.ts', () => `import Config from 'react-native-config';\n\nconst headers = { Authorization: ${B}Bearer \${Config.RETRAC_API_KEY}${B} };`, ['exp:RETRAC_API_KEY']],
  // The next two were labelled exposed when written (misses on the first run) and relabelled key-quiet after
  // the round-3 fixes: the build flag that defines them is reported, and only there (scan.projects "Android app with Ktor").
  ['Android BuildConfig read in app code: reported at the buildConfigField, not here', 'app/src/main/java/com/acme/stock/Api.kt', () => `private val client = OkHttpClient.Builder().addInterceptor { chain ->\n    chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer \${BuildConfig.RETRAC_API_KEY}").build())\n}.build()`, []],
  ['Dart String.fromEnvironment: reported at the --dart-define, not here', 'lib/retrac.dart', () => `const retracKey = String.fromEnvironment('RETRAC_API_KEY');\nfinal dio = Dio(BaseOptions(baseUrl: '${API}', headers: {'Authorization': 'Bearer $retracKey'}));`, []],
  ['flutter_dotenv read', 'lib/config.dart', () => `final retracKey = dotenv.env['RETRAC_API_KEY']!;`, ['exp:RETRAC_API_KEY']],
  ['KMP BuildKonfig field from the environment', 'shared/build.gradle.kts', () => `buildkonfig {\n    packageName = "com.acme.stock"\n    defaultConfigs {\n        buildConfigField(STRING, "RETRAC_API_KEY", System.getenv("RETRAC_API_KEY") ?: "")\n    }\n}`, ['exp:RETRAC_API_KEY']],
  ['envsubst template of a window global', 'public/env.template.js', () => `window.__ENV__ = {\n  retracKey: "\${RETRAC_API_KEY}",\n  retracUrl: "\${RETRAC_API_URL}",\n};`, ['exp:RETRAC_API_KEY']],
  ['Vite HTML env replacement', 'index.html', () => `<script>\n  window.retracKey = '%VITE_RETRAC_KEY%';\n</script>`, ['exp:VITE_RETRAC_KEY']],
  ['Vite client code reads a server-only name: quiet', 'src/main.ts', () => `// undefined in the browser: Vite exposes only VITE_ names\nconst base = import.meta.env.RETRAC_API_URL ?? '${API}';`, []],
  ['BuildConfig URL read: quiet', 'app/src/main/java/com/acme/stock/Env.kt', () => `val base = BuildConfig.RETRAC_API_URL\nval debug = BuildConfig.DEBUG`, []],
  ['Dart fromEnvironment of a URL: quiet', 'lib/env.dart', () => `const retracUrl = String.fromEnvironment('RETRAC_URL', defaultValue: '${API}');`, []],
  ['react-native-config courier key: quiet', 'src/ship.ts', () => `import Config from 'react-native-config';\nconst courier = new Courier(Config.COURIER_KEY);\nconst base = Config.RETRAC_URL;`, []],
  ['Node server reads the key: quiet', 'server/retrac.js', () => `require('dotenv').config();\nconst key = process.env.RETRAC_API_KEY;\nmodule.exports = { key };`, []],
]);

add('r3 workspace id sent', [
  ['Haskell req query', 'src/Retrac.hs', (v) => `items <- req GET (https "api.retrac.co" /: "items") NoReqBody jsonResponse ("workspaceId" =: ("${v.ws}" :: Text) <> oAuth2Bearer key)`, ['ws:ws']],
  ['Objective-C query item', 'Stock/RTRClient.m', (v) => `NSURLQueryItem *ws = [NSURLQueryItem queryItemWithName:@"workspaceId" value:@"${v.ws}"];`, ['ws:ws']],
  ['Retrofit parameter default', 'app/src/main/java/com/acme/RetracApi.kt', (v) => `interface RetracApi {\n    @GET("items")\n    suspend fun items(@Query("workspaceId") workspace: String = "${v.ws}"): List<Item>\n}`, ['ws:ws']],
  ['TS function default parameter', 'src/lib/items.ts', (v) => `export function listItems(workspaceId = '${v.ws}') {\n  return api.get('items', { searchParams: { workspaceId } }).json();\n}`, ['ws:ws']],
  ['k6 env fallback constant', 'load/items.js', (v) => `const WS = __ENV.RETRAC_WORKSPACE_ID || '${v.ws}';\n\nexport default function () {\n  http.get(${B}\${BASE}/items?workspaceId=\${WS}${B}, params);\n}`, ['ws:ws']],
  ['Julia HTTP query Dict', 'src/Retrac.jl', (v) => `r = HTTP.get("${API}/items"; query = Dict("workspaceId" => "${v.ws}"), headers = ["Authorization" => "Bearer $key"])`, ['ws:ws']],
  ['R httr2 req_url_query', 'R/items.R', (v) => `req <- request("${API}/items") |> req_url_query(workspaceId = "${v.ws}") |> req_auth_bearer_token(key)`, ['ws:ws']],
  ['Perl URI query_form', 'lib/Stock/Retrac.pm', (v) => `$uri->query_form(workspaceId => '${v.ws}', page => 1);\nmy $res = $ua->get($uri, Authorization => "Bearer $key");`, ['ws:ws']],
]);

add('r3 workspace id not sent', [
  ['Insomnia export environment resource', 'insomnia/retrac.json', (v) => `{\n  "resources": [\n    {\n      "_type": "environment",\n      "name": "Production",\n      "data": {\n        "workspaceId": "${v.ws}"\n      }\n    }\n  ]\n}`, []],
  ['SQL in a pool query', 'src/db/items.ts', (v) => `const { rows } = await pool.query("SELECT * FROM items WHERE workspace_id = '${v.ws}' AND archived = false");`, []],
  ['Elasticsearch term query', 'src/search/items.ts', (v) => `const res = await es.search({ index: 'items', query: { term: { workspaceId: '${v.ws}' } } });`, []],
  ['Zod schema example', 'src/schemas/item.ts', (v) => `export const Item = z.object({\n  workspaceId: z.string().describe('The workspace').openapi({ example: '${v.ws}' }),\n});`, []],
  ['Postman test script expectation', 'postman/tests.js', (v) => `pm.test('workspace', () => {\n  pm.expect(pm.response.json().workspaceId).to.eql('${v.ws}');\n});`, []],
]);

add('r3 insecure http', [
  ['Go scheme concatenated with a host constant', 'internal/retrac/base.go', () => `const host = "api.retrac.co"\n\nvar base = "http://" + host + "/v1"`, ['http:"http://" + host']],
  ['Python f-string with a host constant', 'stock/urls.py', () => `RETRAC_HOST = "api.retrac.co"\nBASE_URL = f"http://{RETRAC_HOST}"`, ['http:f"http://{RETRAC_HOST}"']],
  ['env scheme and host', '.env.production', () => `RETRAC_SCHEME=http\nRETRAC_HOST=api.retrac.co`, ['http:RETRAC_SCHEME=http']],
  ['YAML scheme and host', 'config/retrac.yml', () => `retrac:\n  scheme: http\n  host: api.retrac.co\n  timeout: 10`, ['http:scheme: http']],
  ['two URLComponents: sandbox http, production https: quiet', 'Stock/Endpoints.swift', () => `var sandbox = URLComponents(); sandbox.scheme = "http"; sandbox.host = "localhost"\nvar prod = URLComponents(); prod.scheme = "https"; prod.host = "api.retrac.co"`, []],
  ['https concatenated: quiet', 'src/base.js', () => `const host = 'api.retrac.co';\nconst base = 'https://' + host;`, []],
  ['http scheme for a local sandbox in YAML: quiet', 'config/sandbox.yml', () => `sandbox:\n  scheme: http\n  host: localhost\nretrac:\n  url: ${API}`, []],
]);

// =============================================================================================
// Round 4: written after the round-3 fixes, in kinds not looked at yet, and run on them first.
round = 4;
add('r4 keys handed to the browser', [
  ['Nuxt server route returns the key', 'server/api/config.get.ts', () => `export default defineEventHandler(() => {\n  const config = useRuntimeConfig();\n  return { retracKey: process.env.RETRAC_API_KEY, base: config.public.retracBaseUrl };\n});`, ['exp:retracKey']],
  ['Express route sends the key', 'server/routes/config.js', () => `router.get('/config', (req, res) => {\n  res.json({ retracKey: process.env.RETRAC_API_KEY });\n});`, ['exp:retracKey']],
  ['a cookie set to the key', 'server/session.ts', () => `res.cookie('retrac_key', process.env.RETRAC_API_KEY, { httpOnly: false });`, ['exp:RETRAC_API_KEY']],
  ['Electron IPC handler returns the key to the renderer', 'src/main/ipc.ts', () => `ipcMain.handle('retrac:key', () => process.env.RETRAC_API_KEY);`, ['exp:RETRAC_API_KEY']],
  ['a route that says whether a key is set: quiet', 'server/routes/health.js', () => `router.get('/health', (req, res) => {\n  res.json({ retracConfigured: Boolean(process.env.RETRAC_API_KEY), ok: true });\n});`, []],
  ['a route that uses the key and returns items: quiet', 'server/routes/items.js', () => `router.get('/items', async (req, res) => {\n  const r = await fetch('${API}/items', { headers: { Authorization: ${B}Bearer \${process.env.RETRAC_API_KEY}${B} } });\n  res.json(await r.json());\n});`, []],
]);

add('r4 workspace id sent', [
  ['Go pointer helper', 'internal/sync/list.go', (v) => `params := &retrac.ListItemsParams{WorkspaceID: retrac.String("${v.ws}")}`, ['ws:ws']],
  ['Rust Some(…into())', 'src/sync.rs', (v) => `let req = ListItems { workspace_id: Some("${v.ws}".into()), page_size: 100 };`, ['ws:ws']],
  ['Terraform http data source body over lines', 'data.tf', (v) => `data "http" "items" {\n  url    = "${API}/items/search"\n  method = "POST"\n  request_body = jsonencode({\n    workspaceId = "${v.ws}"\n  })\n}`, ['ws:ws']],
  ['curl heredoc JSON body', 'scripts/transfer.sh', (v) => `curl -X POST "${API}/inventory/transfers" -H "Authorization: Bearer $RETRAC_API_KEY" -d @- <<'JSON'\n{"workspaceId": "${v.ws}", "lines": []}\nJSON`, ['ws:ws']],
]);

add('r4 workspace id not sent', [
  ['Cypress intercept stub', 'cypress/e2e/items.cy.ts', (v) => `cy.intercept('GET', '/api/items*', { body: { workspaceId: '${v.ws}', items: [] } }).as('items');`, []],
  ['Playwright route.fulfill', 'e2e/items.spec.ts', (v) => `await page.route('**/items', (route) => route.fulfill({ json: { workspaceId: '${v.ws}', items: [] } }));`, []],
  ['Jest mockResolvedValue', 'src/items.test.ts', (v) => `jest.spyOn(api, 'listItems').mockResolvedValue({ workspaceId: '${v.ws}', items: [] });`, []],
  ['pytest fixture data', 'tests/conftest.py', (v) => `@pytest.fixture\ndef item():\n    return {"id": "itm_1", "workspaceId": "${v.ws}"}`, []],
]);

add('r4 insecure http', [
  ['gRPC insecure channel', 'stock/grpc_client.py', () => `channel = grpc.insecure_channel("api.retrac.co:443")`, ['http:insecure_channel']],
  // 'plain WebSocket URL' (`new WebSocket('ws://api.retrac.co/stream')`) was measured here as a miss on the first
  // run and removed: ws:// is not plain HTTP, and the rule's quick fix rewrites http:// (see W-note.md, still missed).
  ['gRPC secure channel: quiet', 'stock/grpc_secure.py', () => `channel = grpc.secure_channel("api.retrac.co:443", grpc.ssl_channel_credentials())`, []],
  ['secure WebSocket: quiet', 'src/live2.ts', () => `const socket = new WebSocket('wss://api.retrac.co/stream');`, []],
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

describe('scan: where keys and workspace ids end up, more kinds (red-team cases, issue 10, engineer W)', () => {
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



// The readers added for these cases (name lists, loader data, component props, bundler defines and
// narrow client sections, schemes apart from hosts, workspace setters, typed defaults, docstrings,
// response calls) stay linear: adversarial contents each scan in well under a second of CPU.
describe('scan: adversarial contents for the readers of engineer W', function () {
  this.timeout(120_000);
  const MB = 1024 * 1024;
  // A quarter: a megabyte of key lines or Retrac key lookups costs main's scanner (66dafd0) alone 0.8-1.4 s
  // (measured: its key and lookup paths, not these readers; the readers add no measurable time there).
  const QMB = MB / 4;
  const r = restrictedKey();
  const ws = workspaceIdLiteral();
  const contents: [string, string][] = [
    ['a name list on one line', `new webpack.EnvironmentPlugin([${"'RETRAC_API_KEY', ".repeat(MB / 18)}])`],
    ['an unclosed name list over lines', `includeEnvironmentVariables = [\n${"  'RETRAC_API_KEY',\n".repeat(MB / 20)}`],
    ['loader fields over lines', `export async function loader() {\n  return json({\n${'    retracKey: process.env.RETRAC_API_KEY,\n'.repeat(QMB / 84)}`], // main alone: 0.25-0.6 s on a quarter megabyte (its lookup paths)
    ['loader fields on one line', `export const load = () => { return { ${'apiKey: env.RETRAC_API_KEY, '.repeat(MB / 28)} } }`],
    ['component props on one line', `<Items client:load ${'apiKey={key} '.repeat(MB / 13)}/>`],
    ['bound component props over lines', 'const key = process.env.RETRAC_API_KEY;\n<Items client:load apiKey={key} />\n'.repeat(QMB / 72)],
    ['schemes apart from hosts', `scheme = "http", host: "api.retrac.co", `.repeat(MB / 40)],
    ['scheme lines near a host', 'c.scheme = "http"\nc.host = "api.retrac.co"\n'.repeat(MB / 42)],
    ['workspace setters', `.setWorkspaceId("${ws}")`.repeat(MB / 34)],
    ['typed workspace defaults', `    workspace_id: str = "${ws}"\n`.repeat(MB / 40)],
    ['typed workspace pairs with long types', `workspaceId: ${'a.'.repeat(30)} = '${ws}', `.repeat(MB / 90)],
    ['docstrings and pairs', `"""\nclient.items(workspace_id="${ws}")\n`.repeat(MB / 40)],
    ['keys in a bundler define', `new DefinePlugin({\n${`  __RETRAC_KEY__: '${r}',\n`.repeat(QMB / 48)}`],
    ['defines opened on one line', `defineConstants: { ${`RETRAC_KEY: '${r}', `.repeat(MB / 48)} }`],
    ['response calls', `res.json({ workspaceId: '${ws}' });\n`.repeat(MB / 40)],
    ['tracing macros', `tracing::info!(workspace_id = "${ws}", "synced");\n`.repeat(MB / 50)],
    ['public prefixes', `PLASMO_PUBLIC_RETRAC_KEY=${r}\n`.repeat(QMB / 56)],
    // Round 2 readers.
    ['XML name and value elements', `<stringProp name="Argument.name">workspaceId</stringProp>\n<stringProp name="Argument.value">${ws}</stringProp>\n`.repeat(MB / 100)],
    ['plain HTTP clients on one line', `http.client.HTTPConnection("api.retrac.co") `.repeat(MB / 44)],
    ['plain HTTP clients and refusal tests', `expect(() => http.request({ host: 'api.retrac.co' })).toThrow();\n`.repeat(MB / 66)],
    ['prose delimiters and pairs', `----\nworkspaceId: ${ws} http://api.retrac.co\n`.repeat(MB / 60)],
    ['shell variables sent below', `WS=${ws}\ncurl "${API}/items?workspaceId=$WS"\n`.repeat(MB / 70)],
    ['module attributes', `@workspace "${ws}"\nReq.get!(u, params: [workspaceId: @workspace])\n`.repeat(MB / 72)],
    ['template parameters', `templateParameters: {\n${`  retracKey: process.env.RETRAC_API_KEY,\n`.repeat(QMB / 40)}`],
    // Round 3 readers.
    ['app store reads on one line', 'BuildConfig.RETRAC_API_KEY + String.fromEnvironment(\'RETRAC_API_KEY\') + '.repeat(MB / 72)],
    ['react-native-config reads far from the import', `${'Config.RETRAC_API_KEY;\n'.repeat(MB / 22)}`],
    ['env module imports', `import { ${'RETRAC_API_KEY, '.repeat(30)} } from '@env';\n`.repeat(MB / 520)],
    ['placeholders in a window global', `window.__ENV__ = { ${'retracKey: "${RETRAC_API_KEY}", '.repeat(MB / 34)} }`],
    ['schemes joined to names', `const host = 'api.retrac.co';\n${'const u = "http://" + host;\n'.repeat(MB / 28)}`],
    ['schemes joined on one line', `"http://" + host + `.repeat(MB / 18)],
    ['scheme pairs over lines', 'scheme: http\nhost: api.retrac.co\n'.repeat(MB / 32)],
    ['workspace fallbacks', `const WS = __ENV.X || '${ws}';\nhttp.get(\`\${B}/items?workspaceId=\${WS}\`);\n`.repeat(MB / 90)],
    ['SQL before pairs', `SELECT * FROM items WHERE ${`workspace_id = '${ws}' AND `.repeat(MB / 40)}`],
    ['query filters', `es.search({ query: { term: { ${`workspaceId: '${ws}', `.repeat(MB / 30)} } } });`],
    ['response fields', `res.json({ ${'retracKey: process.env.RETRAC_API_KEY, '.repeat(QMB / 40)} });`],
    ['event handler returns over lines', `export default defineEventHandler(() => {\n  return {\n${'    retracKey: process.env.RETRAC_API_KEY,\n'.repeat(QMB / 84)}`], // main alone: 0.25-0.6 s on a quarter megabyte (its lookup paths)
    ['cookies and IPC handlers', `res.cookie('k', process.env.RETRAC_API_KEY); ipcMain.handle('k', () => process.env.RETRAC_API_KEY);\n`.repeat(QMB / 100)],
    ['Insomnia resources', `{ "_type": "request", "url": "${API}/items" }\n"workspaceId": "${ws}",\n`.repeat(MB / 90)],
  ];
  const kinds = ['src/routes/+page.server.ts', 'app/items/page.tsx', 'src/pages/a.astro', 'stock/x.py', 'webpack.prod.js', 'scripts/build.mjs', 'settings.json', 'x.postman_environment.json', 'main.tf', '.env', 'docs/a.adoc', 'load/a.jmx', 'scripts/a.sh'];
  for (const [label, text] of contents) {
    it(`${label}: well under a second of CPU in each file kind`, () => {
      for (const fileName of kinds) {
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName }));
        assert.ok(cpuMs < 1000, `${label} as ${fileName}: ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
        if (cpuMs > 300) console.log(`    slow: ${label} as ${fileName}: ${cpuMs.toFixed(0)} ms`);
      }
    });
  }
});
