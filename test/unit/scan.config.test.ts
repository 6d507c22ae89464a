// Red-team cases for issue 10 principles 2–4 (engineer H): file kinds and idioms that no other
// scan test uses — structured config in many ecosystems, names on another line than their
// value, values that flow through constants, defines and env lookups with a literal fallback,
// API tools' variable stores, tracked env files, and hard negatives where the key goes
// somewhere else than Retrac. Written before reading the rules in depth; keys are generated at
// run time (test/fakeKeys.ts). The last test prints recall and precision per rule over all cases.
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type RuleId, type ScanOptions } from '../../src/scan';
import { fakeKey, randomAlnum } from '../fakeKeys';
import { withCpuMs } from './scanFixtures';

const API = 'https://api.retrac.co';
const B = '`';
const Q = '\\"'; // a quote inside a JSON string (notebook cells)

type KeyKind = 'full' | 'restricted';
type KeyRule = 'retrac/full-access-key' | 'retrac/restricted-key';
const KEY_RULES: RuleId[] = ['retrac/full-access-key', 'retrac/restricted-key'];
const ruleFor = (kind: KeyKind): KeyRule => (kind === 'full' ? 'retrac/full-access-key' : 'retrac/restricted-key');

/** `make(k)` writes a file around the value `k`; `leak` says whether `k` must be reported as a key. */
interface Case {
  group: string;
  name: string;
  file: string;
  make: (k: string) => string;
  leak: boolean;
  kind?: KeyKind;
  options?: Partial<ScanOptions>;
  /** Rules that must stay quiet besides the key rules (data-is-not-a-request cases). */
  quiet?: RuleId[];
}

const cases: Case[] = [];
function tp(group: string, list: [string, string, (k: string) => string, KeyKind?][]): void {
  for (const [name, file, make, kind] of list) cases.push({ group, name, file, make, leak: true, kind: kind ?? 'full' });
}
function tn(group: string, list: [string, string, (k: string) => string, RuleId[]?][]): void {
  for (const [name, file, make, quiet] of list) cases.push({ group, name, file, make, leak: false, quiet });
}

// ---------------------------------------------------------------------------------------------
// Structured config: a key-like field in a section named for Retrac, at any depth, or a name that says Retrac.
tp('structured config', [
  ['gradle.properties', 'gradle.properties', (k) => `org.gradle.jvmargs=-Xmx2g\nretracApiKey=${k}\nandroid.useAndroidX=true`],
  ['Spring application.properties, kebab name', 'src/main/resources/application.properties', (k) => `server.port=8080\nretrac.api-key=${k}\nretrac.base-url=${API}`],
  ['Spring application.yml retrac: api: key:', 'src/main/resources/application.yml', (k) => `spring:\n  application:\n    name: stock\nretrac:\n  base-url: ${API}\n  api:\n    timeout: 5s\n    key: ${k}`],
  ['Spring profile yml, quoted value', 'src/main/resources/application-dev.yaml', (k) => `retrac:\n  client:\n    token: "${k}"`],
  ['Android local.properties', 'local.properties', (k) => `sdk.dir=/Users/me/Library/Android/sdk\nretrac.token=${k}`],
  ['Android strings.xml resource', 'app/src/main/res/values/strings.xml', (k) => `<resources>\n    <string name="app_name">Stock</string>\n    <string name="retrac_api_key">${k}</string>\n</resources>`],
  ['Gradle Kotlin DSL buildConfigField', 'app/build.gradle.kts', (k) => `android {\n    defaultConfig {\n        buildConfigField("String", "RETRAC_API_KEY", "\\"${k}\\"")\n    }\n}`],
  ['Gradle Groovy buildConfigField', 'app/build.gradle', (k) => `android {\n    defaultConfig {\n        buildConfigField "String", "RETRAC_TOKEN", '"${k}"'\n    }\n}`],
  ['.NET app.config colon name', 'App.config', (k) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="Retrac:ApiKey" value="${k}" />\n  </appSettings>\n</configuration>`],
  ['.NET app.config value before key', 'app.config', (k) => `<configuration>\n  <appSettings>\n    <add value="${k}" key="RetracApiKey" />\n  </appSettings>\n</configuration>`],
  ['.NET appsettings.Development.json nested three deep', 'appsettings.Development.json', (k) => `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "Integrations": {\n    "Retrac": {\n      "BaseUrl": "${API}",\n      "Auth": {\n        "ApiKey": "${k}"\n      }\n    }\n  }\n}`],
  ['.NET user secrets flat colon key', 'secrets.json', (k) => `{\n  "ConnectionStrings:Db": "Server=.;Database=stock",\n  "Retrac:ApiKey": "${k}"\n}`],
  ['.NET launchSettings double-underscore env', 'Properties/launchSettings.json', (k) => `{\n  "profiles": {\n    "Stock": {\n      "commandName": "Project",\n      "environmentVariables": {\n        "ASPNETCORE_ENVIRONMENT": "Development",\n        "Retrac__ApiKey": "${k}"\n      }\n    }\n  }\n}`],
  ['Apple plist nested dict named Retrac', 'Stock/Config.plist', (k) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>Retrac</key>\n\t<dict>\n\t\t<key>BaseURL</key>\n\t\t<string>${API}</string>\n\t\t<key>APIKey</key>\n\t\t<string>${k}</string>\n\t</dict>\n</dict>\n</plist>`],
  ['Apple plist key/string with a comment between', 'Stock/Info.plist', (k) => `<dict>\n\t<key>RETRAC_TOKEN</key>\n\t<!-- set by CI -->\n\t<string>${k}</string>\n</dict>`],
  ['Xcode .xcconfig', 'Config/Release.xcconfig', (k) => `PRODUCT_NAME = Stock\nRETRAC_API_KEY = ${k}`],
  ['Terraform tfvars', 'env/prod.tfvars', (k) => `region         = "eu-west-1"\nretrac_api_key = "${k}"`],
  ['Terraform provider block', 'providers.tf', (k) => `provider "retrac" {\n  base_url = "${API}"\n  api_key  = "${k}"\n}`],
  ['Terraform variable block, default after other attributes', 'variables.tf', (k) => `variable "retrac_token" {\n  description = "Token for the inventory API"\n  type        = string\n  sensitive   = true\n  default     = "${k}"\n}`],
  ['Kubernetes Secret stringData', 'k8s/secret.yaml', (k) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: stock\ntype: Opaque\nstringData:\n  RETRAC_API_KEY: ${k}`],
  ['Kubernetes Secret named for Retrac, generic field', 'k8s/retrac-secret.yaml', (k) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: retrac-credentials\nstringData:\n  api-key: "${k}"`],
  ['Kubernetes ConfigMap data', 'k8s/configmap.yml', (k) => `kind: ConfigMap\nmetadata:\n  name: stock-config\ndata:\n  RETRAC_TOKEN: "${k}"\n  LOG_LEVEL: info`],
  ['Helm values nested four deep', 'deploy/chart/values.yaml', (k) => `global:\n  integrations:\n    retrac:\n      enabled: true\n      auth:\n        token: ${k}\n  image: stock:1.2`],
  ['Ansible group_vars', 'group_vars/all.yml', (k) => `---\napp_port: 8080\nretrac_api_key: "${k}"`],
  ['Ansible vars, vault-style prefix', 'roles/stock/vars/main.yml', (k) => `vault_retrac_token: ${k}\nstock_user: deploy`],
  ['GitLab CI variables', '.gitlab-ci.yml', (k) => `variables:\n  RETRAC_TOKEN: "${k}"\n\ntest:\n  script:\n    - npm test`],
  ['CircleCI environment', '.circleci/config.yml', (k) => `jobs:\n  build:\n    docker:\n      - image: cimg/node:20.11\n    environment:\n      RETRAC_API_KEY: ${k}\n    steps:\n      - checkout`],
  ['Azure Pipelines name/value variables', 'azure-pipelines.yml', (k) => `variables:\n- name: buildConfiguration\n  value: Release\n- name: retracApiKey\n  value: ${k}`],
  ['Jenkinsfile environment block', 'Jenkinsfile', (k) => `pipeline {\n  agent any\n  environment {\n    RETRAC_API_KEY = '${k}'\n  }\n  stages { stage('t') { steps { sh 'make test' } } }\n}`],
  ['serverless.yml provider environment', 'serverless.yml', (k) => `service: stock\nprovider:\n  name: aws\n  environment:\n    RETRAC_API_KEY: ${k}`],
  ['netlify.toml context environment', 'netlify.toml', (k) => `[build]\n  command = "npm run build"\n\n[context.production.environment]\n  RETRAC_API_KEY = "${k}"`],
  ['vercel.json server env', 'vercel.json', (k) => `{\n  "env": {\n    "RETRAC_API_KEY": "${k}"\n  }\n}`],
  ['Cargo.toml package metadata table', 'Cargo.toml', (k) => `[package]\nname = "stock"\nversion = "0.1.0"\n\n[package.metadata.retrac]\napi_key = "${k}"`],
  ['pyproject [tool.retrac]', 'pyproject.toml', (k) => `[project]\nname = "stock"\n\n[tool.retrac]\ntoken = "${k}"\nbase_url = "${API}"`],
  ['INI section with a qualifier', 'setup.cfg', (k) => `[metadata]\nname = stock\n\n[retrac:production]\nkey = ${k}`],
  ['VS Code launch.json env', '.vscode/launch.json', (k) => `{\n  "version": "0.2.0",\n  "configurations": [\n    {\n      "type": "node",\n      "request": "launch",\n      "name": "Sync",\n      "env": {\n        "RETRAC_API_KEY": "${k}"\n      }\n    }\n  ]\n}`],
  ['.npmrc-style host-scoped auth token', '.npmrc', (k) => `registry=https://registry.npmjs.org/\n//api.retrac.co/:_authToken=${k}`],
  ['Nix attribute set', 'configuration.nix', (k) => `{\n  services.stock = {\n    enable = true;\n    retrac = {\n      apiKey = "${k}";\n    };\n  };\n}`],
  ['Nix environment variable', 'shell.nix', (k) => `pkgs.mkShell {\n  RETRAC_API_KEY = "${k}";\n}`],
  ['Dhall record', 'config.dhall', (k) => `{ retrac = { apiKey = "${k}", baseUrl = "${API}" } }`],
  ['deno.json task with an inline env assignment', 'deno.json', (k) => `{\n  "tasks": {\n    "sync": "RETRAC_API_KEY=${k} deno run -A sync.ts"\n  }\n}`],
  ['PHP Laravel config array', 'config/services.php', (k) => `<?php\n\nreturn [\n    'mailgun' => [\n        'domain' => 'mg.example.org',\n    ],\n    'retrac' => [\n        'url' => '${API}',\n        'key' => '${k}',\n    ],\n];`],
  ['Rails secrets.yml environment section', 'config/secrets.yml', (k) => `production:\n  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>\n  retrac_api_key: ${k}`],
  ['Elixir config with an app and a Retrac key', 'config/config.exs', (k) => `import Config\n\nconfig :stock, :retrac,\n  base_url: "${API}",\n  api_key: "${k}"`],
  ['Elixir config for a :retrac app', 'config/prod.exs', (k) => `config :retrac, api_key: "${k}"`],
  ['Clojure EDN map', 'resources/config.edn', (k) => `{:port 8080\n :retrac {:base-url "${API}"\n          :api-key "${k}"}}`],
  ['Lua table', 'config.lua', (k) => `return {\n  retrac = {\n    api_key = "${k}",\n  },\n}`],
  ['Lua local named for Retrac', 'init.lua', (k) => `local RETRAC_TOKEN = "${k}"`],
  ['JSON5 / tsconfig-like comments and trailing commas', 'config/app.json5', (k) => `{\n  // integrations\n  retrac: {\n    apiKey: '${k}',\n  },\n}`],
  ['YAML flow mapping', 'config/app.yaml', (k) => `retrac: { api_key: ${k}, base_url: "${API}" }`],
  ['HOCON (Play / Akka)', 'conf/application.conf', (k) => `retrac {\n  base-url = "${API}"\n  api-key = "${k}"\n}`],
  ['Python settings dict', 'settings.py', (k) => `RETRAC = {\n    "BASE_URL": "${API}",\n    "API_KEY": "${k}",\n}`],
  ['JS object named for Retrac', 'src/config.ts', (k) => `export const retrac = {\n  baseUrl: '${API}',\n  token: '${k}',\n};`],
  ['Python class named for Retrac', 'stock/config.py', (k) => `class RetracSettings:\n    base_url = "${API}"\n    api_key = "${k}"`],
  ['Go struct literal of the Retrac client config', 'main.go', (k) => `client := retrac.NewClient(retrac.Config{\n\tBaseURL: "${API}",\n\tAPIKey:  "${k}",\n})`],
  ['Java client builder', 'src/Stock.java', (k) => `RetracClient client = RetracClient.builder()\n    .baseUrl("${API}")\n    .apiKey("${k}")\n    .build();`],
  ['C# options lambda', 'Program.cs', (k) => `builder.Services.AddRetrac(options =>\n{\n    options.ApiKey = "${k}";\n});`],
]);

// Env lookups with a literal fallback, in many languages and tools.
tp('env fallback', [
  ['Kotlin getOrDefault', 'Env.kt', (k) => `val key = System.getenv().getOrDefault("RETRAC_API_KEY", "${k}")`],
  ['Swift ProcessInfo ??', 'Env.swift', (k) => `let key = ProcessInfo.processInfo.environment["RETRAC_API_KEY"] ?? "${k}"`],
  ['Dart String.fromEnvironment defaultValue', 'lib/env.dart', (k) => `const retracKey = String.fromEnvironment('RETRAC_API_KEY', defaultValue: '${k}');`],
  ['Rust unwrap_or_else', 'src/env.rs', (k) => `let key = env::var("RETRAC_API_KEY").unwrap_or_else(|_| "${k}".to_string());`],
  ['Rust option_env!', 'src/build.rs', (k) => `const KEY: &str = match option_env!("RETRAC_API_KEY") { Some(v) => v, None => "${k}" };`],
  ['Go empty-check fallback over lines', 'env.go', (k) => `key := os.Getenv("RETRAC_API_KEY")\nif key == "" {\n\tkey = "${k}"\n}`],
  ['Go cmp.Or', 'env2.go', (k) => `key := cmp.Or(os.Getenv("RETRAC_API_KEY"), "${k}")`],
  ['Go viper default', 'cfg.go', (k) => `viper.SetDefault("retrac.api_key", "${k}")`],
  ['C# IConfiguration ??', 'Startup.cs', (k) => `var key = Configuration["Retrac:ApiKey"] ?? "${k}";`],
  ['PHP Laravel env() default', 'config/retrac.php', (k) => `<?php\nreturn [\n    'api_key' => env('RETRAC_API_KEY', '${k}'),\n];`],
  ['PHP $_SERVER ??', 'bootstrap.php', (k) => `<?php\n$key = $_SERVER['RETRAC_API_KEY'] ?? '${k}';`],
  ['Ruby ENV[] ||', 'config/initializers/retrac.rb', (k) => `Retrac.api_key = ENV["RETRAC_API_KEY"] || "${k}"`],
  ['Elixir System.get_env ||', 'config/runtime.exs', (k) => `config :stock, api_key: System.get_env("RETRAC_API_KEY") || "${k}"`],
  ['shell := default', 'bin/sync', (k) => `#!/usr/bin/env bash\n: "\${RETRAC_API_KEY:=${k}}"\nexport RETRAC_API_KEY`],
  ['shell - default', 'scripts/run.sh', (k) => `RETRAC_TOKEN="\${RETRAC_TOKEN-${k}}"`],
  ['Compose command with a default', 'docker-compose.override.yml', (k) => `services:\n  sync:\n    command: ["sync", "--token", "\${RETRAC_API_KEY:-${k}}"]`],
  ['Java System.getProperty default', 'src/Env.java', (k) => `String key = System.getProperty("retrac.apiKey", "${k}");`],
  ['Spring @Value default', 'src/StockConfig.java', (k) => `@Value("\${retrac.api-key:${k}}")\nprivate String retracKey;`],
  ['Python os.environ.setdefault', 'manage.py', (k) => `os.environ.setdefault("RETRAC_API_KEY", "${k}")`],
  ['python-decouple config default', 'stock/settings.py', (k) => `RETRAC_API_KEY = config("RETRAC_API_KEY", default="${k}")`],
  ['pydantic Field default', 'stock/conf.py', (k) => `class Settings(BaseSettings):\n    retrac_api_key: str = Field(default="${k}")`],
  ['JS destructuring default from process.env', 'src/env.mjs', (k) => `const { RETRAC_API_KEY = "${k}" } = process.env;`],
  ['JS process.env[] ??', 'src/env.js', (k) => `const key = process.env["RETRAC_API_KEY"] ?? "${k}";`],
  ['Deno.env.get ??', 'main.ts', (k) => `const key = Deno.env.get("RETRAC_API_KEY") ?? "${k}";`],
  ['Bun.env ||', 'index.ts', (k) => `const key = Bun.env.RETRAC_API_KEY || "${k}";`],
  ['PowerShell if/else fallback', 'sync.ps1', (k) => `$key = if ($env:RETRAC_API_KEY) { $env:RETRAC_API_KEY } else { "${k}" }`],
  ['Ansible lookup with a default', 'playbook.yml', (k) => `- hosts: all\n  environment:\n    RETRAC_API_KEY: "{{ lookup('env', 'RETRAC_API_KEY') | default('${k}', true) }}"`],
  ['Jinja / Helm template default', 'templates/deployment.yaml', (k) => `        - name: RETRAC_API_KEY\n          value: {{ .Values.retracKey | default "${k}" | quote }}`],
]);

// Build-time defines inline the value into a bundle.
tp('build-time define', [
  ['rollup replace', 'rollup.config.mjs', (k) => `plugins: [\n  replace({\n    preventAssignment: true,\n    'process.env.RETRAC_KEY': JSON.stringify('${k}'),\n  }),\n]`],
  ['webpack EnvironmentPlugin default', 'webpack.config.js', (k) => `new webpack.EnvironmentPlugin({\n  NODE_ENV: 'development',\n  RETRAC_API_KEY: '${k}',\n})`],
  ['esbuild CLI define in package.json scripts', 'package.json', (k) => `{\n  "scripts": {\n    "build": "esbuild src/index.ts --bundle --define:process.env.RETRAC_KEY=\\\\\\"${k}\\\\\\" --outfile=dist/app.js"\n  }\n}`],
  ['bunfig define table', 'bunfig.toml', (k) => `[define]\n"process.env.RETRAC_TOKEN" = "'${k}'"`],
  ['tsup env option', 'tsup.config.ts', (k) => `export default defineConfig({\n  entry: ['src/index.ts'],\n  env: { RETRAC_API_KEY: '${k}' },\n});`],
]);

// Values flow: a key reaches a Retrac request through a name set earlier.
tp('values flow', [
  ['TS class field then a fetch', 'src/stock.ts', (k) => `class Stock {\n  private readonly token = '${k}';\n\n  list() {\n    return fetch('${API}/workspaces', {\n      headers: { Authorization: ${B}Bearer \${this.token}${B} },\n    });\n  }\n}`],
  ['Dart constant then http.get', 'lib/api.dart', (k) => `const apiToken = '${k}';\n\nFuture<void> list() async {\n  await http.get(Uri.parse('${API}/workspaces'), headers: {'Authorization': 'Bearer $apiToken'});\n}`],
  ['Swift let then URLRequest', 'Api.swift', (k) => `let token = "${k}"\nvar req = URLRequest(url: URL(string: "${API}/workspaces")!)\nreq.setValue("Bearer \\(token)", forHTTPHeaderField: "Authorization")`],
  ['Lua variable then an http request', 'sync.lua', (k) => `local token = "${k}"\nlocal res = http.request{ url = "${API}/workspaces", headers = { ["Authorization"] = "Bearer " .. token } }`],
  ['Elixir module attribute then Req', 'lib/stock.ex', (k) => `@token "${k}"\n\ndef list do\n  Req.get!("${API}/workspaces", auth: {:bearer, @token})\nend`],
  ['Scala val then sttp', 'Stock.scala', (k) => `val token = "${k}"\nval req = basicRequest.get(uri"${API}/workspaces").auth.bearer(token)`],
]);

// API tools' variable stores and notebooks.
tp('API tools', [
  ['Postman collection bearer auth to Retrac', 'stock.postman_collection.json', (k) => `{\n  "item": [{\n    "name": "List workspaces",\n    "request": {\n      "method": "GET",\n      "url": { "raw": "${API}/workspaces" },\n      "auth": {\n        "type": "bearer",\n        "bearer": [\n          { "key": "token", "value": "${k}", "type": "string" }\n        ]\n      }\n    }\n  }]\n}`],
  ['Postman environment, value before key', 'prod.postman_environment.json', (k) => `{\n  "name": "prod",\n  "values": [\n    {\n      "value": "${k}",\n      "key": "retracApiKey",\n      "enabled": true\n    }\n  ]\n}`],
  ['Bruno request auth:bearer', 'stock/List workspaces.bru', (k) => `meta {\n  name: List workspaces\n  type: http\n}\n\nget {\n  url: ${API}/workspaces\n  auth: bearer\n}\n\nauth:bearer {\n  token: ${k}\n}`],
  ['Bruno collection vars:pre-request', 'stock/collection.bru', (k) => `vars:pre-request {\n  baseUrl: ${API}\n  retrac_token: ${k}\n}`],
  ['Insomnia YAML export environment', 'insomnia/export.yaml', (k) => `_type: export\nresources:\n  - _id: env_1\n    _type: environment\n    name: Base\n    data:\n      retrac_api_key: ${k}\n      base_url: ${API}`],
  ['Thunder Client collection bearer', 'thunder-tests/thunderclient.json', (k) => `[\n  {\n    "_id": "1",\n    "name": "workspaces",\n    "url": "${API}/workspaces",\n    "method": "GET",\n    "auth": {\n      "type": "bearer",\n      "bearer": "${k}"\n    }\n  }\n]`],
  ['HTTPie session auth', 'sessions/api.retrac.co/prod.json', (k) => `{\n  "__meta__": { "httpie": "3.2.2" },\n  "auth": { "type": "bearer", "raw_auth": "${k}" },\n  "headers": []\n}`],
  ['Jupyter %env magic', 'notebooks/explore.ipynb', (k) => `{\n "cells": [\n  {\n   "cell_type": "code",\n   "metadata": {},\n   "source": [\n    "%env RETRAC_API_KEY=${k}\\n",\n    "import retrac"\n   ]\n  }\n ]\n}`],
  ['Jupyter os.environ assignment', 'notebooks/sync.ipynb', (k) => `{\n "cells": [\n  {\n   "cell_type": "markdown",\n   "source": ["# Sync"]\n  },\n  {\n   "cell_type": "code",\n   "source": [\n    "import os\\n",\n    "os.environ[${Q}RETRAC_API_KEY${Q}] = ${Q}${k}${Q}\\n"\n   ]\n  }\n ]\n}`],
  ['Jupyter getenv fallback', 'nb/report.ipynb', (k) => `{"cells": [{"cell_type": "code", "source": [\n "key = os.getenv(${Q}RETRAC_TOKEN${Q}, ${Q}${k}${Q})\\n"\n]}]}`],
  ['Jupyter restricted key in a cell', 'nb/r.ipynb', (k) => `{"cells": [{"cell_type": "code", "source": [\n "import retrac\\n",\n "client = retrac.Client(api_key=${Q}${k}${Q})"\n]}]}`, 'restricted'],
]);

// Tracked env files of other shapes.
tp('tracked env files', [
  ['direnv .envrc', '.envrc', (k) => `export RETRAC_API_KEY=${k}\nlayout node`],
  ['.env.staging with a Retrac comment section', '.env.staging', (k) => `# --- Retrac ---\nRETRAC_TOKEN=${k}`],
  ['env/ci.env', 'env/ci.env', (k) => `RETRAC_API_KEY='${k}'`],
  ['.env.test with spaces around =', '.env.test', (k) => `RETRAC_API_KEY = ${k}`],
  ['.env.example restricted key', '.env.example', (k) => `RETRAC_KEY=${k}`, 'restricted'],
]);

// ---------------------------------------------------------------------------------------------
// Hard negatives: a key-shaped value whose name or section says another service, or data.
const ws = (): string => 'ws' + '_' + 'c' + randomAlnum(12).toLowerCase();
tn('another service next to Retrac', [
  ['TOML courier table after a retrac one', 'config.toml', (v) => `[retrac]\nbase_url = "${API}"\n\n[courier]\napi_key = "${v}"`],
  ['INI courier section after retrac', 'app.ini', (v) => `[retrac]\nurl = ${API}\n\n[courier]\ntoken = ${v}`],
  ['appsettings Courier next to Retrac', 'appsettings.json', (v) => `{\n  "Retrac": {\n    "BaseUrl": "${API}"\n  },\n  "Courier": {\n    "Auth": {\n      "ApiKey": "${v}"\n    }\n  }\n}`],
  ['Spring yml stripe after retrac', 'application.yml', (v) => `retrac:\n  base-url: ${API}\nstripe:\n  api:\n    key: ${v}`],
  ['Helm sentry after retrac', 'values.yaml', (v) => `retrac:\n  enabled: true\nsentry:\n  auth:\n    token: ${v}`],
  ['Postman env courier token next to a Retrac URL', 'dev.postman_environment.json', (v) => `{\n  "values": [\n    { "key": "retracBaseUrl", "value": "${API}", "enabled": true },\n    { "key": "courierToken", "value": "${v}", "enabled": true }\n  ]\n}`],
  ['Bruno env stripe key next to a Retrac URL', 'environments/dev.bru', (v) => `vars {\n  baseUrl: ${API}\n  stripeKey: ${v}\n}`],
  ['Terraform courier variable with a retrac provider', 'main.tf', (v) => `provider "retrac" {}\n\nvariable "courier_api_key" {\n  type    = string\n  default = "${v}"\n}`],
  ['Kubernetes env list: courier after Retrac', 'deploy.yaml', (v) => `env:\n  - name: RETRAC_BASE_URL\n    value: ${API}\n  - name: COURIER_TOKEN\n    value: "${v}"`],
  ['plist courier key after a Retrac URL', 'Info.plist', (v) => `<dict>\n\t<key>RetracBaseURL</key>\n\t<string>${API}</string>\n\t<key>CourierKey</key>\n\t<string>${v}</string>\n</dict>`],
  ['.NET appSettings courier after Retrac', 'Web.config', (v) => `<appSettings>\n  <add key="RetracBaseUrl" value="${API}" />\n  <add key="CourierApiKey" value="${v}" />\n</appSettings>`],
  ['Python env fallback for a courier next to Retrac', 'settings.py', (v) => `RETRAC_URL = os.getenv("RETRAC_URL", "${API}")\nCOURIER_TOKEN = os.getenv("COURIER_TOKEN", "${v}")`],
  ['Elixir stripe config after retrac', 'config/config.exs', (v) => `config :stock, :retrac, base_url: "${API}"\n\nconfig :stock, :stripe,\n  api_key: "${v}"`],
  ['PHP stripe array after retrac', 'config/services.php', (v) => `<?php\nreturn [\n    'retrac' => [\n        'url' => '${API}',\n    ],\n    'stripe' => [\n        'secret' => '${v}',\n    ],\n];`],
  ['EDN stripe map after retrac', 'config.edn', (v) => `{:retrac {:base-url "${API}"}\n :stripe {:api-key "${v}"}}`],
  ['Lua stripe table after retrac', 'config.lua', (v) => `return {\n  retrac = {\n    url = "${API}",\n  },\n  stripe = {\n    key = "${v}",\n  },\n}`],
  ['GitHub Actions courier env next to Retrac URL', '.github/workflows/ship.yml', (v) => `env:\n  RETRAC_BASE_URL: ${API}\n  COURIER_TOKEN: ${v}\njobs:\n  ship:\n    runs-on: ubuntu-latest`],
  ['Kotlin courier token in a file importing the Retrac SDK', 'Ship.kt', (v) => `import co.retrac.sdk.RetracClient\n\nval retrac = RetracClient(System.getenv("RETRAC_API_KEY"))\nval courier = CourierClient(token = "${v}")`],
  ['Java courier header in a file using the Retrac SDK', 'Ship.java', (v) => `import co.retrac.RetracClient;\n\nclass Ship {\n  RetracClient retrac = new RetracClient(System.getenv("RETRAC_API_KEY"));\n  Request r = new Request.Builder().url("https://api.courier.example/v1/labels").header("Authorization", "Bearer ${v}").build();\n}`],
  ['Go courier client in a file with a Retrac client', 'ship.go', (v) => `rc := retrac.NewClient(os.Getenv("RETRAC_API_KEY"))\ncc := courier.NewClient(courier.Config{APIKey: "${v}"})`],
  ['Bruno request to a courier in a collection with Retrac vars', 'ship/Create label.bru', (v) => `get {\n  url: https://api.courier.example/labels\n}\n\nauth:bearer {\n  token: ${v}\n}\n\nvars:pre-request {\n  retracUrl: ${API}\n}`],
  ['define for another service next to a Retrac URL', 'vite.config.ts', (v) => `export default defineConfig({\n  define: {\n    __RETRAC_URL__: JSON.stringify('${API}'),\n    __COURIER_KEY__: JSON.stringify('${v}'),\n  },\n});`],
  ['env fallback in Go for a courier', 'env.go', (v) => `retracURL := cmp.Or(os.Getenv("RETRAC_URL"), "${API}")\ncourierKey := cmp.Or(os.Getenv("COURIER_KEY"), "${v}")`],
]);

tn('not key-like, in Retrac context', [
  ['a build hash under retrac:', 'config.yml', (v) => `retrac:\n  base_url: ${API}\n  build_hash: ${v}`],
  ['a request id in a Retrac JSON section', 'settings.json', (v) => `{\n  "retrac": {\n    "lastRequestId": "${v}",\n    "baseUrl": "${API}"\n  }\n}`],
  ['an item id in a Retrac TOML table', 'retrac.toml', (v) => `[retrac]\ndefault_item = "${v}"`],
  ['a placeholder key', 'config.yml', () => `retrac:\n  api_key: ${'x'.repeat(24)}`],
  ['a template reference', 'config.yml', () => `retrac:\n  api_key: \${RETRAC_API_KEY}`],
  ['an env reference in a plist', 'Info.plist', () => `<key>RetracApiKey</key>\n<string>$(RETRAC_API_KEY)</string>`],
  ['Terraform variable without a default, value from a data source', 'main.tf', () => `variable "retrac_api_key" {\n  type = string\n}\nprovider "retrac" {\n  api_key = var.retrac_api_key\n}`],
  ['K8s secretKeyRef', 'deploy.yaml', () => `env:\n  - name: RETRAC_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: retrac\n        key: api-key`],
  ['GitHub Actions secret reference', '.github/workflows/ci.yml', () => `env:\n  RETRAC_API_KEY: \${{ secrets.RETRAC_API_KEY }}`],
  ['a retrac-named commit sha', 'versions.properties', (v) => `retrac.sdk.commit=${v.toLowerCase()}`],
]);

tn('data is not a request', [
  ['YAML fixture with workspaceId', 'test/fixtures/items.yml', () => `- id: itm_1\n  workspaceId: ${ws()}\n  sku: A-1`, ['retrac/hardcoded-workspace-id']],
  ['recorded response in a VCR cassette body', 'spec/cassettes/items.yml', () => `http_interactions:\n- response:\n    body:\n      string: '{"data":[{"id":"itm_1","workspaceId":"${ws()}"}]}'`, ['retrac/hardcoded-workspace-id']],
  ['HAR response content', 'recordings/session.har', () => `{"log": {"entries": [{"response": {"content": {"text": "{\\"workspaceId\\": \\"${ws()}\\"}"}}}]}}`, ['retrac/hardcoded-workspace-id']],
  ['notebook output with workspaceId, one line', 'nb/out.ipynb', () => `{"cells": [{"cell_type": "code", "outputs": [{"data": {"text/plain": ["{'workspaceId': '${ws()}', 'name': 'Acme'}"]}}], "source": ["items = client.items()"]}]}`, ['retrac/hardcoded-workspace-id']],
  ['notebook output with workspaceId, pretty-printed', 'nb/items.ipynb', () => `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 3,
   "outputs": [
    {
     "data": {
      "text/plain": [
       "[{'id': 'itm_1', 'workspaceId': '${ws()}'}]"
      ]
     },
     "output_type": "execute_result"
    }
   ],
   "source": [
    "client.items(workspace_id=os.environ[${Q}RETRAC_WORKSPACE_ID${Q}])"
   ]
  }
 ]
}`, ['retrac/hardcoded-workspace-id']],
  ['a snapshot of a response', 'src/__snapshots__/api.test.ts.snap', () => `exports[\`lists items 1\`] = \`
Object {
  "workspaceId": "${ws()}",
}
\`;`, ['retrac/hardcoded-workspace-id']],
  ['JSON fixture of items with 24-char ids', 'test/fixtures/retrac-items.json', (v) => `{\n  "retrac": {\n    "items": [ { "id": "${v}", "workspaceId": "${ws()}" } ]\n  }\n}`, ['retrac/hardcoded-workspace-id']],
]);

tn('no Retrac at all', [
  ['generic API_KEY in a tracked env file', '.env.development', (v) => `API_KEY=${v}\nDATABASE_URL=postgres://db/app`],
  ['generic token in appsettings', 'appsettings.json', (v) => `{ "Auth": { "Token": "${v}" } }`],
  ['generic env fallback', 'a.ts', (v) => `const key = process.env.API_KEY ?? '${v}';`],
  ['generic Postman environment', 'x.postman_environment.json', (v) => `{ "values": [ { "key": "token", "value": "${v}" } ] }`],
]);

// ---------------------------------------------------------------------------------------------
// Round 2, written after the first fixes to check that they hold for cases they were not tuned to.
tp('r2 structured config', [
  ['YAML anchors and merge keys', 'config/app.yml', (k) => `defaults: &defaults\n  timeout: 5\n\nproduction:\n  <<: *defaults\n  retrac:\n    api_key: ${k}`],
  ['TOML inline table', 'config/app.toml', (k) => `retrac = { url = "${API}", api_key = "${k}" }`],
  ['TOML array of tables with a Retrac name', 'integrations.toml', (k) => `[[integration]]\nname = "retrac"\ntoken = "${k}"`],
  ['JSON array entry named Retrac', 'appsettings.Production.json', (k) => `{\n  "Clients": [\n    {\n      "Name": "Retrac",\n      "BaseUrl": "${API}",\n      "ApiKey": "${k}"\n    }\n  ]\n}`],
  ['properties with a colon', 'config/app.properties', (k) => `retrac.apiKey: ${k}`],
  ['Spring XML bean property', 'applicationContext.xml', (k) => `<bean id="retracClient" class="co.retrac.Client">\n  <property name="apiKey" value="${k}"/>\n</bean>`],
  ['Heroku app.json env value', 'app.json', (k) => `{\n  "env": {\n    "RETRAC_API_KEY": {\n      "description": "Inventory API key",\n      "required": true,\n      "value": "${k}"\n    }\n  }\n}`],
  ['GitHub Action inputs default', 'action.yml', (k) => `inputs:\n  retrac-token:\n    description: Token for the inventory API\n    required: false\n    default: ${k}`],
  ['Pulumi stack config', 'Pulumi.dev.yaml', (k) => `config:\n  aws:region: eu-west-1\n  stock:retracApiKey: ${k}`],
  ['systemd Environment', 'deploy/stock.service', (k) => `[Service]\nEnvironment="RETRAC_API_KEY=${k}"\nExecStart=/usr/bin/stock`],
  ['supervisord environment', 'supervisord.conf', (k) => `[program:stock]\ncommand=/srv/stock/run\nenvironment=RETRAC_TOKEN="${k}",LANG="C"`],
  ['JetBrains http-client env', 'http-client.private.env.json', (k) => `{\n  "prod": {\n    "host": "${API}",\n    "token": "${k}"\n  }\n}`],
  ['VS Code REST client environment', '.vscode/settings.json', (k) => `{\n  "rest-client.environmentVariables": {\n    "prod": {\n      "retracToken": "${k}"\n    }\n  }\n}`],
  ['GitHub Actions with: of a Retrac action', '.github/workflows/scan.yml', (k) => `    steps:\n      - uses: retrac-tools/sync-action@v1\n        with:\n          token: ${k}`],
  ['Terraform resource named for Retrac, data map', 'secrets.tf', (k) => `resource "kubernetes_secret" "retrac" {\n  metadata {\n    name = "retrac"\n  }\n  data = {\n    api_key = "${k}"\n  }\n}`],
  ['Justfile env_var_or_default', 'justfile', (k) => `export RETRAC_API_KEY := env_var_or_default("RETRAC_API_KEY", "${k}")`],
  ['Taskfile default', 'Taskfile.yml', (k) => `env:\n  RETRAC_API_KEY: '{{.RETRAC_API_KEY | default "${k}"}}'`],
  ['.bazelrc action_env', '.bazelrc', (k) => `build --action_env=RETRAC_API_KEY=${k}`],
]);
tp('r2 env fallback', [
  ['R Sys.getenv unset', 'R/api.R', (k) => `key <- Sys.getenv("RETRAC_API_KEY", unset = "${k}")`],
  ['Julia get(ENV)', 'src/api.jl', (k) => `const KEY = get(ENV, "RETRAC_API_KEY", "${k}")`],
  ['Perl $ENV{} //', 'lib/Api.pm', (k) => `my $key = $ENV{RETRAC_API_KEY} // '${k}';`],
  ['Scala sys.env.getOrElse', 'Api.scala', (k) => `val key = sys.env.getOrElse("RETRAC_API_KEY", "${k}")`],
  ['Haskell fromMaybe before the lookup', 'src/Api.hs', (k) => `key <- fromMaybe "${k}" <$> lookupEnv "RETRAC_API_KEY"`],
  ['Lua os.getenv or', 'api.lua', (k) => `local key = os.getenv("RETRAC_API_KEY") or "${k}"`],
  ['Groovy Elvis', 'Jenkinsfile.groovy', (k) => `def key = System.getenv('RETRAC_API_KEY') ?: '${k}'`],
  ['Gradle providers getOrElse', 'build.gradle.kts', (k) => `val key = providers.environmentVariable("RETRAC_API_KEY").getOrElse("${k}")`],
  ['Java Optional orElse', 'src/Env.java', (k) => `String key = Optional.ofNullable(System.getenv("RETRAC_API_KEY")).orElse("${k}");`],
  ['C++ getenv then if over lines', 'src/env.cpp', (k) => `const char* key = std::getenv("RETRAC_API_KEY");\nif (!key) {\n  key = "${k}";\n}`],
  ['Erlang os:getenv/2', 'src/api.erl', (k) => `Key = os:getenv("RETRAC_API_KEY", "${k}").`],
  ['Crystal ENV.fetch', 'src/api.cr', (k) => `key = ENV.fetch("RETRAC_API_KEY", "${k}")`],
  ['Zig catch fallback', 'src/main.zig', (k) => `const key = std.posix.getenv("RETRAC_API_KEY") orelse "${k}";`],
  ['Nim getEnv default', 'src/api.nim', (k) => `let key = getEnv("RETRAC_API_KEY", "${k}")`],
  ['Python os.environ.get or', 'jobs.py', (k) => `key = os.environ.get("RETRAC_API_KEY") or "${k}"`],
]);
tp('r2 values flow', [
  ['Ruby constant far above a Retrac client', 'lib/stock.rb', (k) => `API_KEY = "${k}"\n${'# ...\n'.repeat(20)}CLIENT = Retrac::Client.new(api_key: API_KEY)`],
  ['PHP class constant into a Retrac client', 'src/Stock.php', (k) => `<?php\nclass Stock {\n    const TOKEN = '${k}';\n\n    public function client() {\n        return new RetracClient(self::TOKEN);\n    }\n}`],
  ['Java constant into a Retrac builder', 'src/Stock2.java', (k) => `private static final String KEY = "${k}";\n\nRetracClient client = RetracClient.builder().apiKey(KEY).build();`],
  ['Python constant into retrac.Client', 'stock/client.py', (k) => `TOKEN = "${k}"\n\n\ndef make():\n    return retrac.Client(api_key=TOKEN)`],
  ['Go var into retrac.NewClient', 'client.go', (k) => `var apiKey = "${k}"\n\nfunc client() *retrac.Client {\n\treturn retrac.NewClient(apiKey)\n}`],
  ['C# const into a Retrac client', 'Client.cs', (k) => `const string Key = "${k}";\nvar client = new RetracClient(Key);`],
  ['Rust static into retrac::Client', 'src/client.rs', (k) => `static TOKEN: &str = "${k}";\n\nfn client() -> retrac::Client {\n    retrac::Client::new(TOKEN)\n}`],
  ['Dockerfile ENV then RUN curl', 'Dockerfile', (k) => `FROM alpine\nENV TOKEN=${k}\nRUN curl -fsS -H "Authorization: Bearer $TOKEN" ${API}/workspaces`],
  ['PowerShell env then Invoke-RestMethod', 'sync2.ps1', (k) => `$env:TOKEN = "${k}"\nInvoke-RestMethod -Uri "${API}/workspaces" -Headers @{ Authorization = "Bearer $env:TOKEN" }`],
  ['notebook: a constant in one cell, the request in the next', 'nb/two.ipynb', (k) => `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "TOKEN = ${Q}${k}${Q}"\n   ]\n  },\n  {\n   "cell_type": "code",\n   "source": [\n    "r = requests.get(${Q}${API}/workspaces${Q}, headers={${Q}Authorization${Q}: f${Q}Bearer {TOKEN}${Q}})"\n   ]\n  }\n ]\n}`],
  ['notebook Retrac client with an escaped literal', 'nb/client.ipynb', (k) => `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "client = Retrac(api_key=${Q}${k}${Q})"\n   ]\n  }\n ]\n}`],
]);
tn('r2 another service next to Retrac', [
  ['.NET client array: courier entry after Retrac', 'appsettings.json', (v) => `{\n  "Clients": [\n    {\n      "Name": "Retrac",\n      "BaseUrl": "${API}"\n    },\n    {\n      "Name": "Courier",\n      "ApiKey": "${v}"\n    }\n  ]\n}`],
  ['GitHub Actions: courier action after a Retrac one', '.github/workflows/notify.yml', (v) => `    steps:\n      - uses: retrac-tools/sync-action@v1\n      - uses: courier/notify-action@v2\n        with:\n          token: ${v}`],
  ['compose: courier service after a Retrac one', 'docker-compose.yml', (v) => `services:\n  retrac-sync:\n    image: stock/sync\n  courier:\n    image: courier/agent\n    environment:\n      API_TOKEN: ${v}`],
  ['TOML inline tables: courier after Retrac', 'services.toml', (v) => `retrac = { url = "${API}" }\ncourier = { token = "${v}" }`],
  ['notebook: courier token in a cell after a Retrac import', 'nb/ship.ipynb', (v) => `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "import retrac\\n",\n    "courier = Courier(token=${Q}${v}${Q})"\n   ]\n  }\n ]\n}`],
  ['Helm: courier after Retrac with a blank line', 'values.yaml', (v) => `retrac:\n  enabled: true\n\ncourier:\n  apiKey: ${v}`],
  ['multi-document YAML: courier Secret after a Retrac ConfigMap', 'k8s/all.yaml', (v) => `kind: ConfigMap\nmetadata:\n  name: retrac-config\ndata:\n  RETRAC_URL: ${API}\n---\nkind: Secret\nmetadata:\n  name: courier\nstringData:\n  token: ${v}`],
  ['TOML array of tables: courier entry after Retrac', 'integrations.toml', (v) => `[[integration]]\nname = "retrac"\nurl = "${API}"\n\n[[integration]]\nname = "courier"\ntoken = "${v}"`],
  ['a Retrac workspace id name', '.env.example', (v) => `RETRAC_WORKSPACE_ID=${v}`],
  ['JetBrains env: courier env next to a Retrac one', 'http-client.env.json', (v) => `{\n  "retrac": {\n    "host": "${API}"\n  },\n  "courier": {\n    "host": "https://api.courier.example",\n    "token": "${v}"\n  }\n}`],
]);
tn('r2 data is not a request', [
  ['MSW mock handler response', 'src/mocks/handlers.ts', () => `http.get('${API}/workspaces', () => HttpResponse.json({ data: [{ workspaceId: '${ws()}' }] }))`, ['retrac/hardcoded-workspace-id']],
  ['testdata JSON-lines recording', 'testdata/items.jsonl', () => `{"id":"itm_1","workspaceId":"${ws()}"}`, ['retrac/hardcoded-workspace-id']],
]);

// Round 3, written after the round-2 fixes: names across lines in more formats, services maps, platform manifests.
tp('r3 names and sections', [
  ['properties value on a continuation line', 'config/app.properties', (k) => `retrac.api.key=\\\n    ${k}`],
  ['YAML block scalar', 'config/secrets.yml', (k) => `retrac_api_key: >-\n  ${k}`],
  ['CloudFormation parameter Default', 'template.yaml', (k) => `Parameters:\n  RetracApiKey:\n    Type: String\n    NoEcho: true\n    Default: ${k}`],
  ['ARM template parameter defaultValue', 'azuredeploy.json', (k) => `{\n  "parameters": {\n    "retracApiKey": {\n      "type": "securestring",\n      "defaultValue": "${k}"\n    }\n  }\n}`],
  ['Bicep param default', 'main.bicep', (k) => `param retracApiKey string = '${k}'`],
  ['GitLab CI variable with value and description', '.gitlab-ci.yml', (k) => `variables:\n  RETRAC_TOKEN:\n    value: "${k}"\n    description: "Inventory API token"`],
  ['ECS task definition environment', 'taskdef.json', (k) => `{\n  "containerDefinitions": [{\n    "environment": [\n      { "name": "RETRAC_API_KEY", "value": "${k}" }\n    ]\n  }]\n}`],
  ['Chef attributes', 'attributes/default.rb', (k) => `default['retrac']['api_key'] = '${k}'`],
  ['Puppet Hiera', 'data/common.yaml', (k) => `retrac::api_key: ${k}`],
  ['CUE nested on one line', 'config.cue', (k) => `retrac: apiKey: "${k}"`],
  ['Jsonnet object', 'config.jsonnet', (k) => `{\n  retrac: {\n    apiKey: '${k}',\n  },\n}`],
  ['Maven pom property', 'pom.xml', (k) => `<properties>\n  <retrac.api.key>${k}</retrac.api.key>\n</properties>`],
  ['Android manifest meta-data', 'app/src/main/AndroidManifest.xml', (k) => `<application>\n  <meta-data android:name="co.retrac.API_KEY" android:value="${k}" />\n</application>`],
  ['Flutter dart-define in launch args', '.vscode/launch.json', (k) => `{\n  "configurations": [{ "name": "app", "type": "dart", "args": ["--dart-define=RETRAC_API_KEY=${k}"] }]\n}`],
  ['gradle.properties systemProp', 'gradle.properties', (k) => `systemProp.retrac.token=${k}`],
  ['a keys map with a Retrac field', 'config/keys.yml', (k) => `api_keys:\n  retrac: ${k}\n  maps: \${MAPS_KEY}`],
  ['a JS keys object with a Retrac field', 'src/keys.ts', (k) => `export const tokens = {\n  retrac: '${k}',\n};`],
  ['Kotlin object named for Retrac', 'RetracConfig.kt', (k) => `object RetracConfig {\n    const val TOKEN = "${k}"\n}`],
  ['Swift Info.plist lookup with a fallback', 'Config.swift', (k) => `let key = Bundle.main.object(forInfoDictionaryKey: "RetracAPIKey") as? String ?? "${k}"`],
]);
tn('r3 hard negatives', [
  ['a keys map: stripe next to a Retrac reference', 'config/keys.yml', (v) => `api_keys:\n  stripe: ${v}\n  retrac: \${RETRAC_API_KEY}`],
  ['Chef courier attributes after Retrac ones', 'attributes/default.rb', (v) => `default['retrac']['url'] = '${API}'\ndefault['courier']['api_key'] = '${v}'`],
  ['CUE courier after Retrac', 'config.cue', (v) => `retrac: url: "${API}"\ncourier: apiKey: "${v}"`],
  ['properties courier after Retrac', 'application.properties', (v) => `retrac.api.url=${API}\ncourier.api.key=${v}`],
  ['Android meta-data for maps next to Retrac', 'AndroidManifest.xml', (v) => `<meta-data android:name="co.retrac.BASE_URL" android:value="${API}" />\n<meta-data android:name="com.google.android.geo.API_KEY" android:value="${v}" />`],
  ['CloudFormation courier parameter after a Retrac one', 'template.yml', (v) => `Parameters:\n  RetracUrl:\n    Type: String\n    Default: ${API}\n  CourierKey:\n    Type: String\n    Default: ${v}`],
  ['a Retrac item id under a Retrac section', 'config/app.yml', (v) => `retrac:\n  default_location_id: ${v}`],
]);

// Round 4, written after the round-3 fixes.
tp('r4 config', [
  ['Docker secrets-like env_file in compose', 'docker-compose.prod.yml', (k) => `services:\n  api:\n    environment:\n      - "RETRAC_API_KEY=${k}"`],
  ['k8s kustomize secretGenerator literals', 'kustomization.yaml', (k) => `secretGenerator:\n  - name: stock\n    literals:\n      - RETRAC_API_KEY=${k}`],
  ['Helm --set in a deploy script', 'deploy.sh', (k) => `helm upgrade stock ./chart \\\n  --set retrac.apiKey=${k} \\\n  --install`],
  ['fly.toml env', 'fly.toml', (k) => `[env]\n  RETRAC_API_KEY = "${k}"`],
  ['render.yaml envVars', 'render.yaml', (k) => `services:\n  - type: web\n    envVars:\n      - key: RETRAC_API_KEY\n        value: ${k}`],
  ['app.yaml (App Engine) env_variables', 'app.yaml', (k) => `runtime: python312\nenv_variables:\n  RETRAC_API_KEY: "${k}"`],
  ['wrangler.toml vars', 'wrangler.toml', (k) => `name = "stock"\n\n[vars]\nRETRAC_TOKEN = "${k}"`],
  ['Procfile inline env', 'Procfile', (k) => `worker: RETRAC_API_KEY=${k} python worker.py`],
  ['tox.ini setenv', 'tox.ini', (k) => `[testenv]\nsetenv =\n    RETRAC_API_KEY = ${k}`],
  ['pytest.ini env', 'pytest.ini', (k) => `[pytest]\nenv =\n    RETRAC_API_KEY=${k}`],
  ['php.ini-like / .user.ini', '.user.ini', (k) => `[retrac]\nretrac.api_key = "${k}"`],
  ['Python dict literal for a Retrac client', 'stock/conf.py', (k) => `RETRAC_CONFIG = dict(\n    base_url="${API}",\n    api_key="${k}",\n)`],
  ['Ruby hash for a Retrac client', 'config/initializers/stock.rb', (k) => `Retrac.configure do |config|\n  config.base_url = "${API}"\n  config.api_key = "${k}"\nend`],
  ['Swift struct initializer', 'Client.swift', (k) => `let client = RetracClient(\n    baseURL: URL(string: "${API}")!,\n    apiKey: "${k}"\n)`],
  ['Dart map for a Retrac client', 'lib/retrac.dart', (k) => `final retrac = Retrac(\n  options: RetracOptions(apiKey: '${k}'),\n);`],
  ['TS satisfies config object', 'retrac.config.ts', (k) => `export default {\n  apiKey: '${k}',\n  workspace: process.env.RETRAC_WORKSPACE_ID,\n} satisfies RetracConfig;`],
  ['YAML entry whose provider is Retrac', 'config/services.yml', (k) => `inventory:\n  provider: retrac\n  token: ${k}`],
  ['JS module.exports section in a nested config', 'config/default.js', (k) => `module.exports = {\n  services: {\n    inventory: {\n      provider: 'retrac',\n      token: '${k}',\n    },\n  },\n};`],
]);
tn('r4 hard negatives', [
  ['helm --set for another service', 'deploy.sh', (v) => `helm upgrade stock ./chart \\\n  --set retrac.url=${API} \\\n  --set sentry.authToken=${v}`],
  ['render.yaml courier var after a Retrac URL', 'render.yaml', (v) => `envVars:\n  - key: RETRAC_URL\n    value: ${API}\n  - key: COURIER_TOKEN\n    value: ${v}`],
  ['nested config: courier provider next to a Retrac one', 'config/default.js', (v) => `module.exports = {\n  inventory: { provider: 'retrac' },\n  shipping: {\n    provider: 'courier',\n    token: '${v}',\n  },\n};`],
  ['YAML: a courier provider entry after a Retrac one', 'config/services.yml', (v) => `inventory:\n  provider: retrac\n  url: ${API}\nshipping:\n  provider: courier\n  token: ${v}`],
  ['Ruby configure block for another service after a Retrac import', 'config/initializers/mail.rb', (v) => `require "retrac"\n\nMailer.configure do |config|\n  config.api_key = "${v}"\nend`],
]);

// Round 5, written after the round-4 fixes.
tp('r5 config', [
  ['TOML multi-line string', 'config.toml', (k) => `[retrac]\napi_key = """\n${k}"""`],
  ['INI with a colon separator', 'setup.cfg', (k) => `[retrac]\napi_key: ${k}`],
  ['.env with an inline comment', '.env.ci', (k) => `RETRAC_API_KEY=${k} # ci only`],
  ['PowerShell nested hashtables over lines', 'config.ps1', (k) => `$config = @{\n  Retrac = @{\n    ApiKey = '${k}'\n  }\n}`],
  ['XML nested elements', 'App.xml', (k) => `<Settings>\n  <Retrac>\n    <Auth>\n      <ApiKey>${k}</ApiKey>\n    </Auth>\n  </Retrac>\n</Settings>`],
  ['Grails application.groovy block', 'grails-app/conf/application.groovy', (k) => `retrac {\n    apiKey = '${k}'\n}`],
  ['Gradle extension property set()', 'build.gradle.kts', (k) => `retrac {\n    apiKey.set("${k}")\n}`],
  ['Nomad env block', 'stock.nomad.hcl', (k) => `task "sync" {\n  env {\n    RETRAC_API_KEY = "${k}"\n  }\n}`],
  ['Makefile export with a default', 'Makefile', (k) => `export RETRAC_TOKEN ?= ${k}`],
  ['Ruby keyword args for a Retrac client over lines', 'lib/client.rb', (k) => `Retrac::Client.new(\n  base_url: "${API}",\n  token: "${k}",\n)`],
]);
tn('r5 hard negatives', [
  ['PowerShell one-line hashtables: courier after Retrac', 'config.ps1', (v) => `$config = @{ Retrac = @{ Url = '${API}' }; Courier = @{ ApiKey = '${v}' } }`],
  ['XML: courier element after a Retrac one', 'App.xml', (v) => `<Settings>\n  <Retrac><Url>${API}</Url></Retrac>\n  <Courier>\n    <ApiKey>${v}</ApiKey>\n  </Courier>\n</Settings>`],
  ['Grails: courier block after a Retrac one', 'application.groovy', (v) => `retrac {\n    url = '${API}'\n}\ncourier {\n    apiKey = '${v}'\n}`],
  ['a TOML multi-line string under a courier table', 'config.toml', (v) => `[retrac]\nurl = "${API}"\n\n[courier]\napi_key = """\n${v}"""`],
]);

// ---------------------------------------------------------------------------------------------

interface Outcome {
  c: Case;
  text: string;
  key: string;
  found: Finding[];
  hit: boolean;
  falsePositives: Finding[];
}

function run(c: Case): Outcome {
  const key = c.leak ? fakeKey(c.kind ?? 'full') : fakeKey('full');
  const text = c.make(key);
  const found = scanText(text, { fileName: c.file, ...c.options });
  if (!c.leak) {
    const watched = [...KEY_RULES, ...(c.quiet ?? [])];
    return { c, text, key, found, hit: false, falsePositives: found.filter((f) => watched.includes(f.rule)) };
  }
  const rule = ruleFor(c.kind ?? 'full');
  const keyLine = text.slice(0, text.indexOf(key)).split('\n').length;
  const onKey = (f: Finding): boolean => f.rule === rule && text.slice(f.start, f.end) === key && f.line === keyLine;
  return {
    c,
    text,
    key,
    found,
    hit: found.some(onKey),
    falsePositives: found.filter((f) => KEY_RULES.includes(f.rule) && !onKey(f) && text.slice(f.start, f.end) !== key),
  };
}

const show = (o: Outcome): string => JSON.stringify(o.found.map((f) => `${f.rule}@${f.line} ${JSON.stringify(o.text.slice(f.start, f.end))}`));

describe('scan: config, values and tools (red-team cases, issue 10 principles 2–4)', () => {
  for (const c of cases) {
    it(`${c.leak ? 'reports' : 'quiet on'}: ${c.group}: ${c.name} (${c.file})`, () => {
      const o = run(c);
      if (c.leak) assert.ok(o.hit, `expected ${ruleFor(c.kind ?? 'full')} on the key at its line in:\n${o.text}\ngot ${show(o)}`);
      assert.deepEqual(o.falsePositives.map((f) => f.rule), [], `unexpected findings in:\n${o.text}\ngot ${show(o)}`);
      for (const f of o.found) assert.ok(!f.message.includes(o.key), 'a message shows the key');
    });
  }

  it('prints recall and precision per rule over these cases and meets the issue goals', () => {
    const outcomes = cases.map(run);
    const lines: string[] = [];
    let ok = true;
    for (const rule of KEY_RULES) {
      const positives = outcomes.filter((o) => o.c.leak && ruleFor(o.c.kind ?? 'full') === rule);
      const tpCount = positives.filter((o) => o.hit).length;
      const fp = outcomes.reduce((n, o) => n + o.falsePositives.filter((f) => f.rule === rule).length, 0);
      const recall = positives.length ? tpCount / positives.length : 1;
      const precision = tpCount + fp ? tpCount / (tpCount + fp) : 1;
      lines.push(`${rule}: recall ${(100 * recall).toFixed(1)} % (${tpCount}/${positives.length}), precision ${(100 * precision).toFixed(1)} % (${fp} false)`);
      ok &&= recall >= 0.99 && precision >= 0.995;
    }
    const groups = [...new Set(cases.map((c) => c.group))];
    for (const g of groups) {
      const os = outcomes.filter((o) => o.c.group === g);
      const pos = os.filter((o) => o.c.leak);
      lines.push(`  ${g}: ${pos.filter((o) => o.hit).length}/${pos.length} found, ${os.filter((o) => o.falsePositives.length).length}/${os.length} with false findings`);
    }
    console.log(lines.join('\n'));
    assert.ok(ok, lines.join('\n'));
  });
});

// The readers added for these classes (notebook quotes and outputs, partners above and below,
// block and parent names, closed sibling entries, qualified owners, continuation lines) stay
// linear: adversarial contents in the file kinds that use them each scan in under a second.
describe('scan: adversarial contents in config, notebook and request files', function () {
  this.timeout(60_000);
  it('each scans in under a second of CPU', () => {
    const MB = 1024 * 1024;
    const k = fakeKey('full');
    // Dense candidates (a key token on every line) at a quarter of the size, as in scan.fuzz.test.ts.
    const contents: [string, string][] = [
      ['escaped quotes', '\\"'.repeat(MB / 2)],
      ['notebook output keys and params', '"outputs" "source" workspaceId: ws_abcdef1 '.repeat(MB / 44)],
      ['one JSON string per line', `    "retrac = \\"${k}\\"\\n",\n`.repeat(MB / 160)],
      ['continuations', `retrac.api.key=\\\n  ${k}\n`.repeat(MB / 192)],
      ['block scalars', `retrac_api_key: >-\n  ${k}\n`.repeat(MB / 192)],
      ['values above names', `"value": "${k}",\n`.repeat(MB / 144)],
      ['values on one line', `{ "value": "${k}", `.repeat(MB / 40)],
      ['closed Retrac entries', `{:retrac {:a "x"} `.repeat(MB / 18) + `:api-key "${k}"`],
      ['JSON siblings', `{"retrac": {"url": 1}, "token": "${k}", `.repeat(MB / 60)],
      ['closed Retrac entries above a line of keys', `{"retrac": {"url": 1}, `.repeat(MB / 48) + '\n' + `"token": "${k}", `.repeat(MB / 80)],
      ['subscript chains', `default${"['a']".repeat(MB / 5)}['api_key'] = '${k}'`],
      ['inline paths', `${'courier: '.repeat(MB / 10)}apiKey: "${k}"`],
      ['deep indentation', Array.from({ length: 20000 }, (_, i) => ' '.repeat(i % 300) + (i % 3 ? 'retrac-token:' : `default: ${k}`)).join('\n')],
      ['fallbacks', `fromMaybe "${k}" <$> lookupEnv "RETRAC_API_KEY" ?? `.repeat(MB / 70)],
      ['named blocks', `variable "retrac_key" { default = "${k}" `.repeat(MB / 60)],
      ['setters', `.apiKey("${k}")`.repeat(MB / 36)],
      ['parens before defaults', '('.repeat(MB / 2) + `default="${k}"`],
      ['brackets and colons', '{[:'.repeat(MB / 3) + `retrac token: ${k}`],
    ];
    for (const [label, text] of contents) {
      for (const fileName of ['a.ipynb', 'req.bru', 'test/fixtures/a.yml', 'app.properties', 'config.edn', 'Web.config', 'a.ts']) {
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName }));
        assert.ok(cpuMs < 1000, `${label} as ${fileName}: ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
      }
    }
  });
});

// A Bruno request file is one request: its url, auth and params blocks go together (issue 10: the
// misuse rules fire wherever a request is recognised, API tools included).
describe('scan: misuse rules in a Bruno request file', () => {
  const bru = (url: string, key: string): string => `meta {\n  name: items\n  type: http\n}\n\nget {\n  url: ${url}\n  auth: bearer\n}\n\nauth:bearer {\n  token: ${key}\n}`;
  it('a full-access key without workspaceId is missing-workspace-id', () => {
    const text = bru(`${API}/items`, fakeKey('full'));
    const rules = scanText(text, { fileName: 'stock/items.bru' }).map((f) => f.rule).sort();
    assert.deepEqual(rules, ['retrac/full-access-key', 'retrac/missing-workspace-id']);
  });
  it('a restricted key with workspaceId is workspace-id-with-restricted-key', () => {
    const text = bru(`${API}/items?workspaceId=${ws()}`, fakeKey('restricted'));
    const rules = scanText(text, { fileName: 'stock/items.bru' }).map((f) => f.rule).sort();
    assert.deepEqual(rules, ['retrac/hardcoded-workspace-id', 'retrac/restricted-key', 'retrac/workspace-id-with-restricted-key']);
  });
  it('a request to another host reports neither', () => {
    const text = bru('https://api.courier.example/items', fakeKey('full'));
    assert.deepEqual(scanText(text, { fileName: 'ship/items.bru' }), []);
  });
});
