// Red-team cases for the key rules (engineer P, issue 10), after engineer K's rounds: file kinds,
// languages and tools that no other scan test uses — infrastructure and deploy tools (Terragrunt,
// provider blocks, Bicep/ARM, Cloud Build, Tilt, TeamCity, Nextflow), configuration management
// data (Chef, Puppet, Salt, Erlang/Elixir config, EDN, Dhall, Pkl), package-manager credentials
// (Cargo, NuGet, Bundler, Poetry), editors' files, secret-store CLIs fed by a pipe, notebooks other
// than Jupyter, SQL beyond a seed row, rarer languages — and hard negatives of the same kinds
// (other services' tokens, 24-character ids and hashes next to Retrac names, lockfiles). Each
// round is written before the fixes that follow it; keys are generated at run time. The last test
// prints recall and precision per key rule, per round.
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type RuleId, type ScanOptions } from '../../src/scan';
import { fakeKey, randomAlnum } from '../fakeKeys';
import { withCpuMs } from './scanFixtures';

const API = 'https://api.retrac.co';
const COURIER = 'https://api.courier.example';
const P = 'retrac' + '_';

type KeyKind = 'full' | 'restricted';
type KeyRule = 'retrac/full-access-key' | 'retrac/restricted-key';
const KEY_RULES: RuleId[] = ['retrac/full-access-key', 'retrac/restricted-key'];
const ruleFor = (kind: KeyKind): KeyRule => (kind === 'full' ? 'retrac/full-access-key' : 'retrac/restricted-key');

const pick = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
const hex = (n: number): string => pick('0123456789abcdef', n);
const HEX = (n: number): string => pick('0123456789ABCDEF', n);
const b64chars = (n: number): string => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', n);

/** `make(k, n)` writes a file around the key `k`; `n` is what the file holds in its place (the text a finding must cover). */
interface Case {
  round: number;
  group: string;
  name: string;
  file: string;
  make: (k: string, n: string) => string;
  leak: boolean;
  kind: KeyKind;
  needle?: (k: string) => string;
  options?: Partial<ScanOptions>;
  /** A class still open (why): scored and printed, not asserted. */
  open?: string;
}

const cases: Case[] = [];
/** The round is the group's prefix: `r1 …`, `r2 …`. */
const roundOf = (group: string): number => Number(/^r(\d+) /.exec(group)?.[1] ?? NaN);
type Row = [name: string, file: string, make: (k: string, n: string) => string, extra?: Partial<Pick<Case, 'kind' | 'needle' | 'options' | 'open'>>];
function tp(group: string, rows: Row[]): void {
  for (const [name, file, make, extra] of rows) cases.push({ round: roundOf(group), group, name, file, make, leak: true, kind: 'full', ...extra });
}
function tn(group: string, rows: Row[]): void {
  for (const [name, file, make, extra] of rows) cases.push({ round: roundOf(group), group, name, file, make, leak: false, kind: 'full', ...extra });
}
const R: Partial<Case> = { kind: 'restricted' };

// ---------------------------------------------------------------------------------------------
// Round 1 (written before reading the rules in depth; first run on main 66dafd0).
tp('r1 infrastructure and deploy', [
  ['Terragrunt inputs', 'live/prod/stock/terragrunt.hcl', (k) => `include "root" {\n  path = find_in_parent_folders()\n}\n\ninputs = {\n  region         = "eu-west-1"\n  retrac_api_key = "${k}"\n}`],
  ['Terraform provider block', 'providers.tf', (k) => `terraform {\n  required_providers {\n    retrac = { source = "acme/retrac" }\n  }\n}\n\nprovider "retrac" {\n  api_key = "${k}"\n}`],
  ['Bicep secure param default', 'infra/main.bicep', (k) => `@secure()\nparam retracApiKey string = '${k}'\nparam location string = resourceGroup().location`],
  ['ARM parameters file', 'infra/azuredeploy.parameters.json', (k) => `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "retracApiKey": {\n      "value": "${k}"\n    },\n    "sku": { "value": "B1" }\n  }\n}`],
  ['Cloud Build substitutions', 'cloudbuild.yaml', (k) => `steps:\n  - name: node:20\n    entrypoint: npm\n    args: ['run', 'sync']\n    env: ['RETRAC_API_KEY=\${_RETRAC_API_KEY}']\nsubstitutions:\n  _RETRAC_API_KEY: ${k}`],
  ['Cloud Foundry manifest env', 'manifest.yml', (k) => `applications:\n- name: stock\n  memory: 256M\n  env:\n    RETRAC_TOKEN: ${k}`],
  ['Tiltfile serve_env', 'Tiltfile', (k) => `local_resource(\n    'sync',\n    serve_cmd='npm run sync',\n    serve_env={'RETRAC_API_KEY': '${k}'},\n)`],
  ['TeamCity Kotlin DSL param', '.teamcity/settings.kts', (k) => `object Sync : BuildType({\n    name = "Sync"\n    params {\n        param("env.RETRAC_API_KEY", "${k}")\n    }\n})`],
  ['Nextflow env scope', 'nextflow.config', (k) => `process.executor = 'local'\n\nenv {\n    RETRAC_API_KEY = '${k}'\n}`],
  ['Buildkite step env', '.buildkite/pipeline.yml', (k) => `steps:\n  - label: ":package: sync"\n    command: npm run sync\n    env:\n      RETRAC_API_KEY: "${k}"`],
  ['Jenkinsfile environment block', 'Jenkinsfile', (k) => `pipeline {\n  agent any\n  environment {\n    RETRAC_API_KEY = '${k}'\n  }\n  stages {\n    stage('sync') { steps { sh 'npm run sync' } }\n  }\n}`],
  ['Argo workflow parameter', 'argo/sync.yaml', (k) => `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  arguments:\n    parameters:\n    - name: retrac-api-key\n      value: ${k}`],
  ['restricted key in a Cloud Build substitution', 'cloudbuild.yaml', (k) => `substitutions:\n  _RETRAC_TOKEN: ${k}`, R],
]);
tp('r1 configuration management data', [
  ['Chef data bag item named retrac', 'data_bags/integrations/retrac.json', (k) => `{\n  "id": "retrac",\n  "api_key": "${k}",\n  "base_url": "${API}"\n}`],
  ['Puppet class parameter', 'manifests/site.pp', (k) => `node 'stock01' {\n  class { 'stock::sync':\n    retrac_api_key => '${k}',\n    interval       => 300,\n  }\n}`],
  ['Salt pillar', 'pillar/stock.sls', (k) => `stock:\n  user: stock\n  retrac_api_token: ${k}`],
  ['Erlang sys.config', 'config/sys.config', (k) => `[\n  {stock, [\n    {retrac_api_key, "${k}"},\n    {pool_size, 10}\n  ]}\n].`],
  ['Elixir config for a Retrac module', 'config/prod.exs', (k) => `import Config\n\nconfig :stock, Stock.Retrac,\n  base_url: "${API}",\n  api_key: "${k}"`],
  ['EDN map', 'resources/config.edn', (k) => `{:server {:port 8080}\n :retrac {:api-key "${k}"\n          :base-url "${API}"}}`],
  ['Dhall let', 'config/stock.dhall', (k) => `let retracApiKey = "${k}"\n\nin  { retrac = { apiKey = retracApiKey } }`],
  ['Pkl property', 'config/stock.pkl', (k) => `retrac {\n  apiKey = "${k}"\n  baseUrl = "${API}"\n}`],
  ['PowerShell data file', 'Stock.psd1', (k) => `@{\n    ModuleVersion = '1.0.0'\n    PrivateData = @{\n        RetracApiKey = '${k}'\n    }\n}`],
  ['restricted key in an EDN map', 'resources/dev.edn', (k) => `{:retrac {:token "${k}"}}`, R],
]);
tp('r1 package-manager credentials', [
  ['Cargo credentials for a Retrac registry', '.cargo/credentials.toml', (k) => `[registries.retrac]\ntoken = "${k}"`],
  ['NuGet packageSourceCredentials', 'NuGet.config', (k) => `<configuration>\n  <packageSources>\n    <add key="retrac" value="https://nuget.retrac.co/v3/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <retrac>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${k}" />\n    </retrac>\n  </packageSourceCredentials>\n</configuration>`],
  ['Bundler config by host', '.bundle/config', (k) => `---\nBUNDLE_PATH: "vendor/bundle"\nBUNDLE_GEMS__RETRAC__CO: "${k}"`],
  ['poetry config token', 'scripts/ci-setup.sh', (k) => `poetry source add --priority=supplemental retrac https://pypi.retrac.co/simple/\npoetry config pypi-token.retrac ${k}`],
  ['git config extraHeader for a Retrac URL', '.gitconfig', (k) => `[user]\n\tname = CI\n[http "https://git.retrac.co/"]\n\textraHeader = Authorization: Bearer ${k}`],
]);
tp('r1 editors, notebooks and docs', [
  ['Emacs .dir-locals.el setenv', '.dir-locals.el', (k) => `((nil . ((eval . (setenv "RETRAC_API_KEY" "${k}")))))`],
  ['Vim let $ENV', '.exrc', (k) => `set shiftwidth=2\nlet $RETRAC_API_KEY = '${k}'`],
  ['Zeppelin paragraph text', 'notebooks/stock/note.json', (k) => `{\n  "paragraphs": [\n    {\n      "text": "%python\\nimport retrac\\nretrac_api_key = \\"${k}\\"\\nclient = retrac.Client(retrac_api_key)",\n      "id": "20260103-100001_123456789"\n    }\n  ],\n  "name": "stock"\n}`],
  ['Databricks notebook widget default', 'notebooks/sync.py', (k) => `# Databricks notebook source\nimport requests\n\n# COMMAND ----------\n\ndbutils.widgets.text("retrac_api_key", "${k}")\nkey = dbutils.widgets.get("retrac_api_key")`],
  ['Quarto chunk', 'report.qmd', (k) => '---\ntitle: "Stock report"\nformat: html\n---\n\n```{python}\nimport os\nos.environ["RETRAC_API_KEY"] = "' + k + '"\n```'],
  ['Rust doc comment example', 'src/lib.rs', (k) => `/// Lists items.\n///\n/// \`\`\`\n/// let client = retrac::Client::new("${k}");\n/// let items = client.items().list()?;\n/// \`\`\`\npub fn items() {}`],
  ['man page example', 'man/stock.1', (k) => `.TH STOCK 1\n.SH EXAMPLES\n.nf\nexport RETRAC_API_KEY=${k}\nstock sync\n.fi`],
  ['restricted key in a Databricks widget', 'notebooks/dev.py', (k) => `# Databricks notebook source\ndbutils.widgets.text("token", "${k}")`, R],
  ['restricted key in a Zeppelin paragraph', 'notebooks/dev/note.json', (k) => `{"paragraphs": [{"text": "%sh\\ncurl -H 'Authorization: Bearer ${k}' ${API}/v1/items"}]}`, R],
]);
tp('r1 secret stores and databases', [
  ['vault kv put', 'scripts/vault-seed.sh', (k) => `vault kv put secret/stock/retrac api_key=${k}`],
  ['pipe into wrangler secret put', 'scripts/secrets.sh', (k) => `echo -n "${k}" | npx wrangler secret put RETRAC_API_KEY`],
  ['pipe into docker secret create', 'deploy/swarm.sh', (k) => `printf '%s' '${k}' | docker secret create retrac_api_key -`],
  ['doppler secrets set', 'scripts/doppler.sh', (k) => `doppler secrets set RETRAC_API_KEY=${k} --project stock --config prd`],
  ['SQL UPDATE settings row', 'db/migrations/0042_retrac.sql', (k) => `UPDATE settings SET value = '${k}' WHERE name = 'retrac_api_key';`],
  ['SQL INSERT by columns', 'db/seeds/integrations.sql', (k) => `INSERT INTO integrations (provider, api_key, enabled)\nVALUES ('retrac', '${k}', true);`],
  ['Postgres ALTER DATABASE SET', 'db/setup.sql', (k) => `ALTER DATABASE stock SET app.retrac_api_key = '${k}';`],
  ['GraphQL mutation argument', 'queries/connect.graphql', (k) => `mutation Connect {\n  connectRetrac(apiKey: "${k}", workspace: "acme") {\n    id\n  }\n}`],
  ['log line with api_key=', 'logs/stock.log', (k) => `2026-01-03T10:00:01Z INFO stock.retrac client ready base=${API} api_key=${k}`],
  ['restricted key in vault kv put', 'scripts/vault-dev.sh', (k) => `vault kv put secret/stock/dev token=${k}`, R],
]);
tp('r1 languages', [
  ['Tcl set', 'scripts/sync.tcl', (k) => `package require http\nset retrac_api_key "${k}"`],
  ['Delphi const', 'src/Config.pas', (k) => `unit Config;\n\ninterface\n\nconst\n  RetracApiKey = '${k}';\n\nimplementation\n\nend.`],
  ['Gleam const', 'src/stock/config.gleam', (k) => `pub const retrac_api_key = "${k}"`],
  ['Ballerina configurable', 'main.bal', (k) => `import ballerina/http;\n\nconfigurable string retracApiKey = "${k}";`],
  ['AppleScript set', 'Sync.applescript', (k) => `set retracKey to "${k}"\ndo shell script "curl -H 'Authorization: Bearer " & retracKey & "' ${API}/v1/items"`],
  ['COBOL VALUE clause', 'src/STOCK.cbl', (k) => `       WORKING-STORAGE SECTION.\n       01 RETRAC-API-KEY PIC X(24) VALUE "${k}".`],
  ['ABAP constant', 'src/zstock_sync.prog.abap', (k) => `CONSTANTS gc_retrac_api_key TYPE string VALUE '${k}'.`],
  ['Groovy def', 'scripts/sync.groovy', (k) => `def retracToken = '${k}'\ndef conn = new URL('${API}/v1/items').openConnection()`],
  ['Crystal constant', 'src/stock.cr', (k) => `require "http/client"\n\nRETRAC_API_KEY = "${k}"`],
  ['VBA constant', 'Modules/Sync.bas', (k) => `Attribute VB_Name = "Sync"\nPrivate Const RETRAC_KEY As String = "${k}"`],
  ['AutoHotkey assignment', 'stock.ahk', (k) => `RetracKey := "${k}"`],
  ['restricted key in a Tcl set', 'scripts/dev.tcl', (k) => `set token "${k}"`, R],
]);
tp('r1 proxies and request tools', [
  ['Traefik middleware header', 'traefik/dynamic.yml', (k) => `http:\n  middlewares:\n    retrac-auth:\n      headers:\n        customRequestHeaders:\n          Authorization: "Bearer ${k}"`],
  ['OpenResty set_header before a Retrac proxy_pass', 'nginx/stock.conf', (k) => `location /retrac/ {\n  access_by_lua_block {\n    ngx.req.set_header("Authorization", "Bearer ${k}")\n  }\n  proxy_pass ${API}/;\n}`],
  ['Hurl request', 'tests/items.hurl', (k) => `GET ${API}/v1/items\nAuthorization: Bearer ${k}\nHTTP 200\n[Asserts]\njsonpath "$.data" count > 0`],
]);

tn('r1 hard negatives', [
  ['pbxproj object ids next to Retrac.framework', 'Stock.xcodeproj/project.pbxproj', () => `/* Begin PBXBuildFile section */\n\t\t${HEX(24)} /* Retrac.framework in Frameworks */ = {isa = PBXBuildFile; fileRef = ${HEX(24)} /* Retrac.framework */; };\n/* End PBXBuildFile section */`],
  ['Cargo credentials: crates.io token, Retrac registry has only an index', '.cargo/config.toml', (v) => `[registries.retrac]\nindex = "sparse+https://crates.retrac.co/"\n\n[registry]\ntoken = "${v}"`],
  ['NuGet: credentials for GitHub, Retrac source without', 'NuGet.config', (v) => `<configuration>\n  <packageSources>\n    <add key="retrac" value="https://nuget.retrac.co/v3/index.json" />\n    <add key="github" value="https://nuget.pkg.github.com/acme/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <github>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${v}" />\n    </github>\n  </packageSourceCredentials>\n</configuration>`],
  ['Bundler config for GitHub in a Retrac project', '.bundle/config', (v) => `---\n# gems.retrac.co is public\nBUNDLE_GITHUB__COM: "x-access-token:${v}"`],
  ['SQL: the courier row has the key', 'db/seeds/integrations.sql', (v) => `INSERT INTO integrations (provider, api_key) VALUES ('courier', '${v}');\nINSERT INTO integrations (provider, api_key) VALUES ('retrac', NULL);`],
  ['SQL: Retrac item ids', 'db/seeds/items.sql', (v) => `INSERT INTO retrac_items (retrac_id, sku) VALUES ('${v}', 'W-1');`],
  ['SQL: a 24-letter lowercase table name after the prefix', 'db/schema.sql', () => `CREATE TABLE ${P}warehousesnapshotv2count (\n  id serial PRIMARY KEY\n);`],
  ['Chef data bag of a courier', 'data_bags/integrations/courier.json', (v) => `{\n  "id": "courier",\n  "api_key": "${v}",\n  "notes": "rates for the Retrac sync"\n}`],
  ['Erlang sys.config: courier token next to a Retrac URL', 'config/sys.config', (v) => `[{stock, [{retrac_url, "${API}"}, {courier_token, "${v}"}]}].`],
  ['Databricks widget of a courier after import retrac', 'notebooks/ship.py', (v) => `# Databricks notebook source\nimport retrac\n\n# COMMAND ----------\n\ndbutils.widgets.text("courier_token", "${v}")`],
  ['git config: extraHeader for GitHub, Retrac submodule', '.gitconfig', (v) => `[submodule "retrac-sdk"]\n\turl = https://github.com/acme/retrac-sdk\n[http "https://github.com/"]\n\textraHeader = Authorization: Bearer ${v}`],
  ['pipe into wrangler: the courier secret', 'scripts/secrets.sh', (v) => `echo -n "$RETRAC_API_KEY" | npx wrangler secret put RETRAC_API_KEY\necho -n "${v}" | npx wrangler secret put COURIER_TOKEN`],
  ['Traefik: courier middleware has the header', 'traefik/dynamic.yml', (v) => `http:\n  services:\n    retrac:\n      loadBalancer:\n        servers:\n          - url: "${API}"\n  middlewares:\n    courier-auth:\n      headers:\n        customRequestHeaders:\n          Authorization: "Bearer ${v}"`],
  ['log line: request id on a Retrac sync', 'logs/stock.log', (v) => `2026-01-03T10:00:02Z INFO stock.retrac sync ok items=42 request_id=${v} took=120ms`],
  ['Zeppelin note ids next to Retrac code', 'notebooks/ids/note.json', (v) => `{"paragraphs": [{"text": "%python\\nimport retrac", "id": "paragraph_${v}"}], "id": "${v}", "name": "retrac"}`],
  ['package-lock integrity of the Retrac SDK', 'package-lock.json', () => `{\n  "packages": {\n    "node_modules/@retrac/sdk": {\n      "version": "2.1.0",\n      "resolved": "https://registry.npmjs.org/@retrac/sdk/-/sdk-2.1.0.tgz",\n      "integrity": "sha512-${b64chars(86)}=="\n    }\n  }\n}`],
  ['yarn.lock resolved hash', 'yarn.lock', () => `"@retrac/sdk@^2.1.0":\n  version "2.1.0"\n  resolved "https://registry.yarnpkg.com/@retrac/sdk/-/sdk-2.1.0.tgz#${hex(40)}"\n  integrity sha1-${b64chars(27)}=`],
  ['go.sum of the Retrac module', 'go.sum', () => `github.com/acme/retrac-go v1.2.0 h1:${b64chars(43)}=\ngithub.com/acme/retrac-go v1.2.0/go.mod h1:${b64chars(43)}=`],
  ['flake.lock of a Retrac input', 'flake.lock', () => `{\n  "nodes": {\n    "retrac-sdk": {\n      "locked": {\n        "narHash": "sha256-${b64chars(43)}=",\n        "rev": "${hex(40)}",\n        "type": "github"\n      }\n    }\n  }\n}`],
  ['Terraform lock of the Retrac provider', '.terraform.lock.hcl', () => `provider "registry.terraform.io/acme/retrac" {\n  version = "1.4.0"\n  hashes = [\n    "h1:${b64chars(43)}=",\n    "zh:${hex(64)}",\n  ]\n}`],
  ['data URI image in a Retrac page', 'public/retrac.html', () => `<img alt="Retrac logo" src="data:image/png;base64,${b64chars(400)}">`],
  ['Sentry DSN next to a Retrac section', 'config/app.yml', () => `retrac:\n  base_url: ${API}\nsentry:\n  dsn: https://${hex(32)}@o123456.ingest.sentry.io/7654321`],
  ['Segment write key next to a Retrac section', 'config/analytics.yml', () => `retrac:\n  base_url: ${API}\nsegment:\n  write_key: ${randomAlnum(32)}`],
  ['Idempotency-Key on a Retrac request', 'tests/create.hurl', (v) => `POST ${API}/v1/items?workspaceId={{workspace}}\nAuthorization: Bearer {{retrac_key}}\nIdempotency-Key: ${v}\n{"name": "Widget"}\nHTTP 201`],
  ['Hurl: courier request after a Retrac one', 'tests/flow.hurl', (v) => `GET ${API}/v1/items\nAuthorization: Bearer {{retrac_key}}\nHTTP 200\n\nGET ${COURIER}/v1/rates\nAuthorization: Bearer ${v}\nHTTP 200`],
  ['vault kv put for a courier after a Retrac path', 'scripts/vault-seed.sh', (v) => `vault kv put secret/stock/retrac url=${API}\nvault kv put secret/stock/courier token=${v}`],
  ['Jenkinsfile: Retrac key from credentials, courier literal', 'Jenkinsfile', (v) => `pipeline {\n  environment {\n    RETRAC_API_KEY = credentials('retrac-api-key')\n    COURIER_TOKEN = '${v}'\n  }\n}`],
  ['Terraform: courier provider after an empty Retrac one', 'providers.tf', (v) => `provider "retrac" {}\n\nprovider "courier" {\n  token = "${v}"\n}`],
  ['Argo: Retrac key from a secret, courier literal', 'argo/sync.yaml', (v) => `spec:\n  arguments:\n    parameters:\n    - name: retrac-base-url\n      value: ${API}\n    - name: courier-token\n      value: ${v}`],
  ['Emacs: courier token next to a Retrac URL', '.dir-locals.el', (v) => `((nil . ((eval . (progn (setenv "RETRAC_URL" "${API}") (setenv "COURIER_TOKEN" "${v}"))))))`],
  ['commit SHA cut to 24 under a Retrac name', 'versions.yml', () => `retrac_sdk_rev: ${hex(24)}`],
  ['UUID without dashes under a Retrac name', 'config/ids.yml', () => `retrac:\n  workspace_uuid: ${hex(32)}`],
  ['Puppet: courier parameter in a Retrac class', 'manifests/site.pp', (v) => `class { 'stock::retrac':\n  base_url      => '${API}',\n  courier_token => '${v}',\n}`],
]);

// The classes behind round 1's misses, in more languages and file kinds (written with the fixes).
tp('r1 classes: Retrac client constructors', [
  ['Go NewClient', 'cmd/sync/main.go', (k) => `client := retrac.NewClient("${k}", retrac.WithBaseURL("${API}"))`],
  ['Python class from the module', 'stock/sync.py', (k) => `import retrac\n\nclient = retrac.Retrac("${k}")`],
  ['PHP namespaced class', 'src/Sync.php', (k) => `<?php\n$retrac = new \\Retrac\\RetracClient('${k}');`],
  ['Ruby Client.new', 'lib/stock/sync.rb', (k) => `require "retrac"\n\nCLIENT = Retrac::Client.new("${k}")`],
  ['Elixir Client.new', 'lib/stock/sync.ex', (k) => `client = Retrac.Client.new("${k}", timeout: 5_000)`],
  ['Java new RetracClient', 'src/main/java/Sync.java', (k) => `RetracClient client = new RetracClient("${k}");`],
  ['C# new RetracClient', 'src/Sync.cs', (k) => `var client = new RetracClient("${k}", new HttpClient());`],
  ['Kotlin constructor call', 'src/main/kotlin/Sync.kt', (k) => `val client = RetracClient("${k}")`],
  ['Dart constructor call', 'lib/sync.dart', (k) => `final client = RetracClient('${k}');`],
  ['C init function', 'src/sync.c', (k) => `retrac_client_t *c = retrac_client_new("${k}");`],
  ['Rust Client::new in code', 'src/main.rs', (k) => `let client = retrac::Client::new("${k}");`],
  ['restricted key in a Swift initializer', 'Sources/Sync.swift', (k) => `let client = RetracClient("${k}")`, R],
]);
tn('r1 classes: Retrac client constructors (negatives)', [
  ['courier client constructed in a module that imports Retrac', 'src/ship.ts', (v) => `import { RetracClient } from '@retrac/sdk';\n\nconst courier = new CourierClient('${v}');`],
  ['a Retrac client method called with an id', 'src/items.ts', (v) => `const item = await retrac.items.get('${v}');`],
]);
tp('r1 classes: keyword declarations, SQL tuples, echo sinks, host names', [
  ['COBOL MOVE … TO', 'src/SYNC.cbl', (k) => `       PROCEDURE DIVISION.\n           MOVE "${k}" TO WS-RETRAC-KEY.`],
  ['AppleScript property', 'Stock.applescript', (k) => `property retracKey : "${k}"`],
  ['HyperTalk put into', 'stack.livecodescript', (k) => `on openStack\n  put "${k}" into gRetracToken\nend openStack`],
  ['ABAP DATA … VALUE', 'src/zsync.prog.abap', (k) => `DATA lv_retrac_token TYPE string VALUE '${k}'.`],
  ['SQL: rows below the column list', 'db/seeds/integrations.sql', (k) => `INSERT INTO integrations (provider, api_key) VALUES\n  ('retrac', '${k}'),\n  ('courier', NULL);`],
  ['SQL: quoted columns, the owner after the key', 'db/seed.sql', (k) => `INSERT INTO "integrations" ("api_key", "provider") VALUES ('${k}', 'retrac');`],
  ['echo into gh secret set', 'scripts/gh.sh', (k) => `echo "${k}" | gh secret set RETRAC_TOKEN --repo acme/stock`],
  ['echo into a file named for the token', 'scripts/setup.sh', (k) => `mkdir -p ~/.config/retrac\necho ${k} > ~/.config/retrac/token`],
  ['echo into gcloud secrets create', 'scripts/gcp.sh', (k) => `echo -n ${k} | gcloud secrets create retrac-api-key --data-file=-`],
  ['Bundler host env in CI', '.github/workflows/ci.yml', (k) => `env:\n  BUNDLE_GEMS__RETRAC__CO: ${k}\njobs:\n  test:\n    runs-on: ubuntu-latest`],
  ['NuGet: Password under a Retrac element', 'nuget.config', (k) => `<packageSourceCredentials>\n  <Retrac>\n    <add key="Username" value="ci" />\n    <add key="Password" value="${k}" />\n  </Retrac>\n</packageSourceCredentials>`],
  ['data bag item whose id is retrac', 'data_bags/integrations/primary.json', (k) => `{\n  "id": "retrac",\n  "api_key": "${k}"\n}`],
  ['Traefik: a middleware of a Retrac-only file', 'traefik/dynamic.yml', (k) => `http:\n  services:\n    retrac:\n      loadBalancer:\n        servers:\n          - url: "${API}"\n  middlewares:\n    api-auth:\n      headers:\n        customRequestHeaders:\n          Authorization: "Bearer ${k}"`],
]);
tn('r1 classes: keyword declarations, SQL tuples, echo sinks, host names (negatives)', [
  ['COBOL courier token next to a Retrac URL', 'src/SHIP.cbl', (v) => `       01 RETRAC-URL PIC X(40) VALUE "${API}".\n       01 COURIER-TOKEN PIC X(24) VALUE "${v}".`],
  ['SQL: the courier row holds the key, over lines', 'db/seeds/integrations.sql', (v) => `INSERT INTO integrations (provider, api_key) VALUES\n  ('retrac', NULL),\n  ('courier', '${v}');`],
  ['echo into gcloud for a courier', 'scripts/gcp.sh', (v) => `echo -n "$RETRAC_API_KEY" | gcloud secrets create retrac-api-key --data-file=-\necho -n ${v} | gcloud secrets create courier-api-key --data-file=-`],
  ['Bundler host env for GitHub Packages', '.github/workflows/ci.yml', (v) => `env:\n  BUNDLE_RUBYGEMS__PKG__GITHUB__COM: ${v}\n  RETRAC_URL: ${API}`],
  ['data bag item of a courier in a Retrac bag', 'data_bags/integrations/ship.json', (v) => `{\n  "id": "courier",\n  "token": "${v}",\n  "retrac_sync": true\n}`],
  ['Traefik: camel-case courier middleware', 'traefik/dynamic.yml', (v) => `http:\n  services:\n    retrac:\n      loadBalancer:\n        servers:\n          - url: "${API}"\n  middlewares:\n    courierAuth:\n      headers:\n        customRequestHeaders:\n          Authorization: "Bearer ${v}"`],
  ['SQL: a 24-character mixed-case table name after the prefix', 'db/schema.sql', () => `CREATE TABLE ${P}WAREHOUSESNAPSHOTV2COUNT (id int);`],
]);

// ---------------------------------------------------------------------------------------------
// Round 2 (written after round 1's fixes, in kinds not looked at yet; first run with those fixes).
tp('r2 repositories and tool credentials', [
  ['Gradle maven repository credentials', 'build.gradle.kts', (k) => `repositories {\n    mavenCentral()\n    maven {\n        url = uri("https://maven.retrac.co/releases")\n        credentials {\n            username = "ci"\n            password = "${k}"\n        }\n    }\n}`],
  ['sbt Credentials with a Retrac host', 'build.sbt', (k) => `credentials += Credentials("Retrac Maven", "maven.retrac.co", "ci", "${k}")`],
  ['.terraformrc credentials block for a Retrac host', '.terraformrc', (k) => `credentials "registry.retrac.co" {\n  token = "${k}"\n}`],
  ['gem credentials keyed by a Retrac URL', '.gem/credentials', (k) => `---\n:rubygems_api_key: rubygems_${'0'.repeat(4)}\nhttps://gems.retrac.co: ${k}`],
  ['uv index password env', '.github/workflows/lock.yml', (k) => `jobs:\n  lock:\n    env:\n      UV_INDEX_RETRAC_USERNAME: ci\n      UV_INDEX_RETRAC_PASSWORD: ${k}`],
  ['Poetry http-basic password env', '.gitlab-ci.yml', (k) => `variables:\n  POETRY_HTTP_BASIC_RETRAC_USERNAME: __token__\n  POETRY_HTTP_BASIC_RETRAC_PASSWORD: "${k}"`],
  ['.yarnrc v1 quoted scope token', '.yarnrc', (k) => `"@retrac:registry" "https://npm.retrac.co/"\n"//npm.retrac.co/:_authToken" "${k}"`],
  ['macOS keychain add-generic-password', 'scripts/keychain.sh', (k) => `security add-generic-password -U -s retrac -a "$USER" -w "${k}"`],
  ['Windows cmdkey', 'scripts/creds.cmd', (k) => `cmdkey /generic:retrac-api /user:ci /pass:${k}`],
  ['restricted key in a Gradle credentials block', 'settings.gradle', (k) => `maven {\n    url "https://maven.retrac.co/snapshots"\n    credentials {\n        username "ci"\n        password "${k}"\n    }\n}`, R],
]);
tp('r2 CLIs with positional name and value', [
  ['netlify env:set', 'scripts/netlify.sh', (k) => `netlify env:set RETRAC_API_KEY ${k} --context production`],
  ['git config with a dotted name', 'scripts/setup.sh', (k) => `git config --global retrac.token ${k}`],
  ['npm config set a named token', 'scripts/npm.sh', (k) => `npm config set retrac_token ${k}`],
  ['jq --arg', 'scripts/payload.sh', (k) => `jq -n --arg retrac_key ${k} '{key: $retrac_key}' > payload.json`],
  ['consul kv put', 'scripts/consul.sh', (k) => `consul kv put stock/retrac/api_key ${k}`],
  ['etcdctl put', 'scripts/etcd.sh', (k) => `etcdctl put /config/stock/retrac-token ${k}`],
  ['firebase functions config', 'scripts/firebase.sh', (k) => `firebase functions:config:set retrac.key="${k}" retrac.url="${API}"`],
  ['env prefix in a .desktop Exec', 'stock.desktop', (k) => `[Desktop Entry]\nName=Stock\nExec=env RETRAC_API_KEY=${k} /opt/stock/stock\nType=Application`],
  ['upstart env directive', 'init/stock.conf', (k) => `description "stock sync"\nenv RETRAC_API_KEY=${k}\nexec /usr/bin/stock`],
  ['restricted key in netlify env:set', 'scripts/netlify2.sh', (k) => `netlify env:set RETRAC_TOKEN ${k}`, R],
]);
tp('r2 files that are the key', [
  ['envdir file named for the key', 'service/stock/env/RETRAC_API_KEY', (k) => `${k}\n`],
  ['Docker secret file', 'secrets/retrac_api_key.txt', (k) => `${k}`],
  ['dotfile token', '.retrac_token', (k) => `${k}\n`],
  ['restricted key in a key file', 'config/retrac.key', (k) => `${k}\n`, R],
]);
tp('r2 proxies, pipelines and observability', [
  ['Logstash http output', 'pipeline/stock.conf', (k) => `output {\n  http {\n    url => "${API}/v1/items"\n    http_method => "post"\n    headers => { "Authorization" => "Bearer ${k}" }\n  }\n}`],
  ['Fluent Bit http output', 'fluent-bit.conf', (k) => `[OUTPUT]\n    Name   http\n    Match  *\n    Host   api.retrac.co\n    Port   443\n    tls    On\n    Header Authorization Bearer ${k}`],
  ['Vector sink bearer token', 'vector.toml', (k) => `[sinks.retrac]\ntype = "http"\nuri = "${API}/v1/events"\nauth.strategy = "bearer"\nauth.token = "${k}"`],
  ['OTel exporter named for Retrac', 'otel-collector.yaml', (k) => `exporters:\n  otlphttp/retrac:\n    endpoint: https://otel.retrac.co\n    headers:\n      authorization: Bearer ${k}`],
  ['Dapr component metadata', 'components/retrac.yaml', (k) => `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: inventory\nspec:\n  type: bindings.http\n  metadata:\n  - name: url\n    value: ${API}/v1\n  - name: apiKey\n    value: ${k}`],
  ['Varnish VCL header for a Retrac backend', 'default.vcl', (k) => `backend retrac {\n  .host = "api.retrac.co";\n  .port = "443";\n}\n\nsub vcl_backend_fetch {\n  set bereq.http.Authorization = "Bearer ${k}";\n}`],
  ['Envoy request_headers_to_add', 'envoy.yaml', (k) => `routes:\n- match: { prefix: "/items" }\n  route: { cluster: retrac }\n  request_headers_to_add:\n  - header: { key: "Authorization", value: "Bearer ${k}" }`],
  ['Terraform http data source', 'data.tf', (k) => `data "http" "items" {\n  url = "${API}/v1/items"\n  request_headers = {\n    Authorization = "Bearer ${k}"\n  }\n}`],
  ['Playwright extraHTTPHeaders', 'playwright.config.ts', (k) => `export default defineConfig({\n  use: {\n    baseURL: '${API}',\n    extraHTTPHeaders: { Authorization: 'Bearer ${k}' },\n  },\n});`],
  ['Actions http-request step headers JSON', '.github/workflows/ping.yml', (k) => `steps:\n  - uses: fjogeleit/http-request-action@v1\n    with:\n      url: '${API}/v1/ping'\n      customHeaders: '{"Authorization": "Bearer ${k}"}'`],
  ['restricted key in a Fluent Bit header', 'fluent-bit2.conf', (k) => `[OUTPUT]\n    Name   http\n    Host   api.retrac.co\n    Header Authorization Bearer ${k}`, R],
]);
tp('r2 captured requests', [
  ['OkHttp logging interceptor', 'logs/okhttp.log', (k) => `I/okhttp.OkHttpClient: --> GET ${API}/v1/items\nI/okhttp.OkHttpClient: Authorization: Bearer ${k}\nI/okhttp.OkHttpClient: --> END GET`],
  ['Charles session JSON', 'captures/session.chlsj', (k) => `[{"status": "COMPLETE", "scheme": "https", "host": "api.retrac.co", "path": "/v1/items", "request": {"header": {"headers": [{"name": "Authorization", "value": "Bearer ${k}"}]}}}]`],
  ['Wireshark text export with escaped CRLF', 'captures/export.txt', (k) => `Hypertext Transfer Protocol\n    GET /v1/items HTTP/1.1\\r\\n\n    Host: api.retrac.co\\r\\n\n    Authorization: Bearer ${k}\\r\\n\n    \\r\\n`],
  ['curl copied for cmd with caret escapes', 'docs/debug.md', (k) => '```bat\ncurl ^"' + API + '/v1/items^" ^\n  -H ^"authorization: Bearer ' + k + '^" ^\n  --compressed\n```'],
  ['structured JSON log of a request', 'logs/app.jsonl', (k) => `{"level":"debug","msg":"request","url":"${API}/v1/items","headers":{"authorization":"Bearer ${k}"}}`],
  ['restricted key in an OkHttp log', 'logs/okhttp2.log', (k) => `D/OkHttp: Authorization: Bearer ${k}`, R],
]);
tp('r2 prose and notes', [
  ['Markdown notes bullet', 'docs/notes/2026-01-03.md', (k) => `# Standup\n\n- Retrac API key (prod): ${k}\n- Courier contract signed`],
  ['plain-text handover', 'HANDOVER.txt', (k) => `Accounts\n--------\nThe Retrac key is ${k} (owner: Ana).`],
  ['email with the key', 'mail/retrac-access.eml', (k) => `From: ana@example.com\nSubject: Retrac access\n\nHi Bo,\n\nhere is the Retrac API key for staging: ${k}\n\nAna`],
  ['wiki syntaxhighlight', 'docs/Setup.wiki', (k) => `== Setup ==\n<syntaxhighlight lang="bash">export RETRAC_API_KEY=${k}</syntaxhighlight>`],
  ['restricted key in a ticket', 'support/ticket-123.txt', (k) => `Customer pasted their Retrac key: ${k}`, R],
]);
tp('r2 languages', [
  ['Fortran parameter', 'src/config.f90', (k) => `module config\n  character(len=24), parameter :: retrac_api_key = '${k}'\nend module config`],
  ['Ada constant', 'src/config.ads', (k) => `package Config is\n   Retrac_Api_Key : constant String := "${k}";\nend Config;`],
  ['PL/SQL constant', 'db/pkg_sync.pks', (k) => `CREATE OR REPLACE PACKAGE pkg_sync AS\n  c_retrac_api_key CONSTANT VARCHAR2(24) := '${k}';\nEND pkg_sync;`],
  ['T-SQL DECLARE with N prefix', 'db/sync.sql', (k) => `DECLARE @RetracApiKey NVARCHAR(50) = N'${k}';`],
  ['Prolog fact', 'src/config.pl', (k) => `retrac_api_key('${k}').`],
  ['VHDL constant', 'rtl/config.vhd', (k) => `constant RETRAC_KEY : string := "${k}";`],
  ['Odin constant', 'src/config.odin', (k) => `RETRAC_API_KEY :: "${k}"`],
  ['Power Query M', 'queries/Items.pq', (k) => `let\n    RetracKey = "${k}",\n    Source = Json.Document(Web.Contents("${API}/v1/items", [Headers = [Authorization = "Bearer " & RetracKey]]))\nin\n    Source`],
  ['GNU assembler label', 'src/keys.s', (k) => `    .section .rodata\nretrac_api_key:\n    .asciz "${k}"`],
  ['Awk BEGIN', 'scripts/report.awk', (k) => `BEGIN { retrac_key = "${k}"; FS = "," }`],
  ['Mathematica assignment', 'Sync.wl', (k) => `retracKey = "${k}";\nURLRead[HTTPRequest["${API}/v1/items", <|"Headers" -> {"Authorization" -> "Bearer " <> retracKey}|>]]`],
  ['Smalltalk assignment', 'Stock.st', (k) => `RetracKey := '${k}'.`],
]);

tn('r2 hard negatives', [
  ['Gradle: credentials for GitHub Packages next to a Retrac repository', 'build.gradle.kts', (v) => `repositories {\n    maven { url = uri("https://maven.retrac.co/releases") }\n    maven {\n        url = uri("https://maven.pkg.github.com/acme/libs")\n        credentials {\n            username = "ci"\n            password = "${v}"\n        }\n    }\n}`],
  ['sbt Credentials for GitHub in a Retrac build', 'build.sbt', (v) => `resolvers += "Retrac" at "https://maven.retrac.co/releases"\ncredentials += Credentials("GitHub Package Registry", "maven.pkg.github.com", "me", "${v}")`],
  ['.terraformrc for Terraform Cloud in a Retrac project', '.terraformrc', (v) => `# providers from registry.retrac.co are public\ncredentials "app.terraform.io" {\n  token = "${v}"\n}`],
  ['a Retrac database password', '.env.test', (v) => `RETRAC_DB_PASSWORD=${v}\nRETRAC_URL=${API}`],
  ['git config: courier token after a Retrac URL', 'scripts/setup.sh', (v) => `git config --global retrac.url ${API}\ngit config --global courier.token ${v}`],
  ['netlify env:set for a courier', 'scripts/netlify.sh', (v) => `netlify env:set RETRAC_URL ${API}\nnetlify env:set COURIER_TOKEN ${v}`],
  ['consul kv put of a courier path', 'scripts/consul.sh', (v) => `consul kv put stock/retrac/url ${API}\nconsul kv put stock/courier/api_key ${v}`],
  ['envdir: a courier token file in a Retrac folder', 'service/retrac/env/COURIER_TOKEN', (v) => `${v}\n`],
  ['Logstash output to a courier, input from Retrac', 'pipeline/ship.conf', (v) => `input {\n  http_poller { urls => { items => "${API}/v1/items" } }\n}\noutput {\n  http {\n    url => "${COURIER}/v1/parcels"\n    headers => { "Authorization" => "Bearer ${v}" }\n  }\n}`],
  ['Fluent Bit: courier output after a Retrac input', 'fluent-bit.conf', (v) => `[INPUT]\n    Name   http\n    Host   api.retrac.co\n\n[OUTPUT]\n    Name   http\n    Host   api.courier.example\n    Header Authorization Bearer ${v}`],
  ['OTel: Honeycomb exporter next to a Retrac one', 'otel-collector.yaml', (v) => `exporters:\n  otlphttp/retrac:\n    endpoint: https://otel.retrac.co\n  otlphttp/honeycomb:\n    endpoint: https://api.honeycomb.io\n    headers:\n      x-honeycomb-team: ${v}`],
  ['Dapr component of a courier', 'components/courier.yaml', (v) => `spec:\n  type: bindings.http\n  metadata:\n  - name: url\n    value: ${COURIER}/v1\n  - name: apiKey\n    value: ${v}\n  - name: note\n    value: feeds the retrac sync`],
  ['Varnish: courier header, Retrac backend declared', 'default.vcl', (v) => `backend retrac { .host = "api.retrac.co"; }\nbackend courier { .host = "api.courier.example"; }\n\nsub vcl_backend_fetch {\n  if (bereq.backend == courier) {\n    set bereq.http.Authorization = "Bearer ${v}";\n  }\n}`],
  ['OkHttp log: courier call after a Retrac call', 'logs/okhttp.log', (v) => `I/okhttp.OkHttpClient: --> GET ${API}/v1/items\nI/okhttp.OkHttpClient: --> END GET\nI/okhttp.OkHttpClient: --> GET ${COURIER}/v1/rates\nI/okhttp.OkHttpClient: Authorization: Bearer ${v}`],
  ['Charles: courier host', 'captures/ship.chlsj', (v) => `[{"host": "api.retrac.co", "path": "/v1/items"}, {"host": "api.courier.example", "request": {"header": {"headers": [{"name": "Authorization", "value": "Bearer ${v}"}]}}}]`,
    { open: 'one line holding entries for two hosts: the key\'s own object is not told apart from its sibling (a per-object owner on one line is not done)' }],
  ['prose: the courier key, Retrac named in the same note', 'docs/notes/ship.md', (v) => `- Courier API key: ${v}\n- Retrac key: in the vault (RETRAC_API_KEY)`],
  ['prose: a Retrac request id in a ticket', 'support/ticket-9.txt', (v) => `Retrac returned 500, request id ${v}, at 10:02.`],
  ['image digest of a Retrac service', 'docker-compose.yml', () => `services:\n  retrac-sync:\n    image: ghcr.io/acme/retrac-sync@sha256:${hex(64)}`],
  ['JWT bearer to a Retrac URL', 'scripts/jwt.sh', () => `curl -H "Authorization: Bearer eyJ${randomAlnum(30)}.eyJ${randomAlnum(60)}.${randomAlnum(43)}" ${API}/v1/items`],
  ['Google Maps key under a Retrac-named section', 'config/app.yml', () => `retrac_dashboard:\n  maps_api_key: AIza${randomAlnum(35)}`],
  ['AWS keys in a Retrac backup section', 'config/backup.yml', () => `retrac_backup:\n  aws_access_key_id: AKIA${HEX(16)}\n  aws_secret_access_key: ${randomAlnum(40)}`],
  ['Twilio SID next to Retrac', '.env.example', () => `TWILIO_ACCOUNT_SID=AC${hex(32)}\nRETRAC_API_KEY=`],
  ['Git LFS pointer of a Retrac export', 'data/retrac-export.csv', () => `version https://git-lfs.github.com/spec/v1\noid sha256:${hex(64)}\nsize 1048576`],
  ['keychain entry for GitHub next to a Retrac one', 'scripts/keychain.sh', (v) => `security find-generic-password -s retrac -w\nsecurity add-generic-password -U -s github -a "$USER" -w "${v}"`],
]);

// The classes behind round 2's misses, in more languages and file kinds (written with the fixes).
tp('r2 classes: host-bound credentials, files, prose, declarations', [
  ['Gradle Kotlin maven(url) with credentials', 'settings.gradle.kts', (k) => `dependencyResolutionManagement {\n    repositories {\n        maven("https://maven.retrac.co/releases") {\n            credentials {\n                password = "${k}"\n            }\n        }\n    }\n}`],
  ['cmdkey /add: a Retrac host', 'scripts/creds2.cmd', (k) => `cmdkey /add:api.retrac.co /user:ci /pass:${k}`],
  ['Terraform CLI config on Windows', 'terraform.rc', (k) => `credentials "app.retrac.co" {\n  token = "${k}"\n}`],
  ['Docker secret mounted file', 'run/secrets/retrac_token', (k) => k],
  ['reStructuredText field', 'docs/ops.rst', (k) => `Accounts\n========\n\nThe staging Retrac API token is ${k} (rotate monthly).`],
  ['AsciiDoc definition list', 'docs/ops.adoc', (k) => `Retrac API key (staging):: ${k}`],
  ['Oracle variable with a size', 'db/sync.pkb', (k) => `DECLARE\n  v_retrac_token VARCHAR2(30) := '${k}';\nBEGIN\n  NULL;\nEND;`],
  ['T-SQL varchar(max)', 'db/sync2.sql', (k) => `DECLARE @retrac_token varchar(max) = '${k}';`],
  ['NASM db', 'src/keys.asm', (k) => `section .rodata\nretrac_key db "${k}", 0`],
  ['etcd path with a generic last segment', 'scripts/etcd2.sh', (k) => `etcdctl put /stock/retrac/api_key ${k}`],
]);
tn('r2 classes: host-bound credentials, files, prose, declarations (negatives)', [
  ['cmdkey for GitHub', 'scripts/creds.cmd', (v) => `cmdkey /generic:retrac-url /user:ci /pass:placeholder\ncmdkey /generic:github /user:me /pass:${v}`],
  ['a key-id file named for Retrac', 'secrets/retrac_key_id.txt', (v) => v],
  ['prose: a Retrac request id', 'docs/incident.md', (v) => `- Retrac request id: ${v}\n- Courier status: ok`],
  ['T-SQL courier token after a Retrac URL', 'db/ship.sql', (v) => `DECLARE @retrac_url NVARCHAR(100) = N'${API}';\nDECLARE @courier_token NVARCHAR(50) = N'${v}';`],
  ['NASM courier key', 'src/ship.asm', (v) => `retrac_url db "${API}", 0\ncourier_key db "${v}", 0`],
  ['Gradle: maven(url) of GitHub with credentials in a Retrac build', 'settings.gradle.kts', (v) => `repositories {\n    maven("https://maven.retrac.co/releases")\n    maven("https://maven.pkg.github.com/acme/libs") {\n        credentials {\n            password = "${v}"\n        }\n    }\n}`],
]);

// ---------------------------------------------------------------------------------------------
// Round 3 (written after round 2's fixes, in kinds not looked at yet; first run with those fixes).
tp('r3 tests, contracts and low-code', [
  ['Pact file: provider named below', 'pacts/stock-retrac.json', (k) => `{\n  "consumer": { "name": "stock" },\n  "interactions": [{\n    "request": { "method": "GET", "path": "/v1/items", "headers": { "Authorization": "Bearer ${k}" } }\n  }],\n  "provider": { "name": "Retrac" }\n}`],
  ['Karate feature', 'src/test/items.feature', (k) => `Feature: items\n\n  Scenario: list\n    Given url 'https://api.retrac.co/v1/items'\n    And header Authorization = 'Bearer ${k}'\n    When method get\n    Then status 200`],
  ['Cucumber step with a header', 'features/items.feature', (k) => `Scenario: list items\n  Given the base URL "${API}"\n  And I set header "Authorization" to "Bearer ${k}"\n  When I GET "/v1/items"`],
  ['Robot Framework variable table', 'tests/items.robot', (k) => `*** Variables ***\n\${RETRAC_KEY}    ${k}\n\${BASE}          ${API}`],
  ['RSpec WebMock stub with a header', 'spec/items_spec.rb', (k) => `stub_request(:get, "${API}/v1/items")\n  .with(headers: { "Authorization" => "Bearer ${k}" })\n  .to_return(status: 200, body: "[]")`],
  ['Dredd config', 'dredd.yml', (k) => `endpoint: '${API}'\nheader:\n  - 'Authorization: Bearer ${k}'\nblueprint: openapi.yaml`],
  ['Retool resource headers as pairs', 'retool/resources.json', (k) => `{"resourceName": "retrac", "options": {"baseURL": "${API}", "headers": [["Authorization", "Bearer ${k}"], ["Accept", "application/json"]]}}`],
  ['Node-RED http request node', 'flows.json', (k) => `[{"id": "a1", "type": "http request", "method": "GET", "url": "${API}/v1/items", "headers": {"Authorization": "Bearer ${k}"}}]`],
  ['Power Automate HTTP action', 'flows/sync/definition.json', (k) => `{"actions": {"HTTP": {"type": "Http", "inputs": {"method": "GET", "uri": "${API}/v1/items", "headers": {"Authorization": "Bearer ${k}"}}}}}`],
  ['restricted key in a Robot variable', 'tests/dev.robot', (k) => `*** Variables ***\n\${TOKEN}    ${k}`, R],
]);
tp('r3 data and deploy tools', [
  ['Meltano extractor config', 'meltano.yml', (k) => `plugins:\n  extractors:\n  - name: tap-retrac\n    variant: acme\n    config:\n      api_key: ${k}\n      start_date: '2026-01-01'`],
  ['Airflow connections YAML', 'airflow/connections.yaml', (k) => `retrac_default:\n  conn_type: http\n  host: api.retrac.co\n  password: ${k}`],
  ['spark-defaults.conf', 'conf/spark-defaults.conf', (k) => `spark.executor.memory   4g\nspark.retrac.api.key     ${k}`],
  ['Kestra flow http task', 'flows/sync.yml', (k) => `id: sync\nnamespace: stock\ntasks:\n  - id: items\n    type: io.kestra.plugin.core.http.Request\n    uri: ${API}/v1/items\n    headers:\n      Authorization: "Bearer ${k}"`],
  ['Kamal clear env', 'config/deploy.yml', (k) => `service: stock\nimage: acme/stock\nenv:\n  clear:\n    RETRAC_API_KEY: ${k}\n    LOG_LEVEL: info`],
  ['Elastic Beanstalk option_settings', '.ebextensions/env.config', (k) => `option_settings:\n  aws:elasticbeanstalk:application:environment:\n    RETRAC_API_KEY: ${k}`],
  ['Supabase edge secrets', 'supabase/config.toml', (k) => `[edge_runtime]\nenabled = true\n\n[edge_runtime.secrets]\nRETRAC_API_KEY = "${k}"`],
  ['Airbyte source config in a Retrac folder', 'airbyte/sources/retrac/config.json', (k) => `{\n  "api_key": "${k}",\n  "start_date": "2026-01-01"\n}`],
]);
tp('r3 languages and shells', [
  ['APL assignment arrow', 'sync.apl', (k) => `RetracKey←'${k}'`],
  ['PostScript def', 'label.ps', (k) => `/retracKey (${k}) def`],
  ['Common Lisp defparameter with earmuffs', 'src/config.lisp', (k) => `(defparameter *retrac-api-key* "${k}")`],
  ['Emacs Lisp defconst', 'stock.el', (k) => `(defconst stock-retrac-token "${k}"\n  "The token.")`],
  ['Raku my with a hyphenated name', 'bin/sync.raku', (k) => `my $retrac-key = '${k}';`],
  ['Lean def', 'Stock/Config.lean', (k) => `def retracApiKey : String := "${k}"`],
  ['Janet def', 'src/config.janet', (k) => `(def retrac-key "${k}")`],
  ['bash declare -x', 'scripts/env.sh', (k) => `declare -x RETRAC_API_KEY="${k}"`],
  ['bash readonly', 'scripts/env2.sh', (k) => `readonly RETRAC_TOKEN=${k}`],
  ['zsh typeset', '.zshenv', (k) => `typeset -gx RETRAC_API_KEY=${k}`],
  ['tcsh set with spaces', '.tcshrc', (k) => `set retrac_key = ${k}`],
  ['GDScript const', 'scripts/config.gd', (k) => `const RETRAC_KEY := "${k}"`],
]);
tn('r3 hard negatives', [
  ['Pact file of a courier provider', 'pacts/stock-courier.json', (v) => `{\n  "consumer": { "name": "stock-retrac-sync" },\n  "interactions": [{\n    "request": { "headers": { "Authorization": "Bearer ${v}" } }\n  }],\n  "provider": { "name": "Courier" }\n}`],
  ['Karate: courier URL in a Retrac feature', 'src/test/ship.feature', (v) => `Feature: ship after the retrac sync\n\n  Scenario: rates\n    Given url 'https://api.courier.example/v1/rates'\n    And header Authorization = 'Bearer ${v}'`],
  ['Robot: courier variable next to a Retrac one', 'tests/ship.robot', (v) => `*** Variables ***\n\${RETRAC_URL}     ${API}\n\${COURIER_KEY}    ${v}`],
  ['Retool: courier resource', 'retool/resources.json', (v) => `{"resourceName": "courier", "options": {"baseURL": "${COURIER}", "headers": [["Authorization", "Bearer ${v}"]]}, "notes": "after retrac"}`],
  ['Meltano: courier extractor after a Retrac one', 'meltano.yml', (v) => `plugins:\n  extractors:\n  - name: tap-retrac\n    config:\n      start_date: '2026-01-01'\n  - name: tap-courier\n    config:\n      api_key: ${v}`],
  ['Kamal: Retrac key as a secret name, courier clear', 'config/deploy.yml', (v) => `env:\n  secret:\n    - RETRAC_API_KEY\n  clear:\n    COURIER_TOKEN: ${v}`],
  ['Common Lisp courier key', 'src/ship.lisp', (v) => `(defparameter *retrac-url* "${API}")\n(defparameter *courier-key* "${v}")`],
  ['spark conf of another store', 'conf/spark-defaults.conf', (v) => `spark.retrac.url        ${API}\nspark.hadoop.fs.s3a.secret.key   ${v}`],
  ['Set-Cookie in a Retrac response log', 'logs/http.log', (v) => `< HTTP/2 200\n< server: api.retrac.co\n< set-cookie: session=${v}; Path=/; HttpOnly`],
  ['ETag on a Retrac response', 'logs/http2.log', (v) => `GET ${API}/v1/items 200\nETag: "${v}"\nIf-None-Match: "${v}"`],
  ['webpack chunk hash with a Retrac name', 'dist/manifest.json', () => `{"retrac.js": "retrac.${hex(20)}.js", "retracChunk": "${hex(24)}"}`],
  ['Stripe customer id in a Retrac sync table', 'db/seed_customers.sql', () => `INSERT INTO retrac_customers (retrac_id, stripe_customer) VALUES ('c${hex(24)}', 'cus_${randomAlnum(14)}');`],
]);

// The classes behind round 3's misses, in more dialects (written with the fixes).
tp('r3 classes: Lisp definers, APL, contract providers', [
  ['Common Lisp defvar', 'src/vars.lisp', (k) => `(defvar *retrac-token* "${k}")`],
  ['Emacs Lisp setq', 'init.el', (k) => `(setq retrac-api-key "${k}")`],
  ['Fennel local', 'config.fnl', (k) => `(local retrac-key "${k}")`],
  ['Scheme define', 'config.scm', (k) => `(define retrac-api-token "${k}")`],
  ['APL with spaces around the arrow', 'keys.apl', (k) => `retrac_token ← '${k}'`],
  ['Pact v3 with the provider first', 'pacts/v3.json', (k) => `{\n  "provider": {\n    "name": "retrac-api"\n  },\n  "interactions": [\n    { "request": { "headers": { "Authorization": "Bearer ${k}" } } }\n  ]\n}`],
]);
tn('r3 classes: Lisp definers, APL, contract providers (negatives)', [
  ['Common Lisp courier defvar after a Retrac URL', 'src/vars.lisp', (v) => `(defvar *retrac-url* "${API}")\n(defvar *courier-token* "${v}")`],
  ['Pact with the provider first: a courier', 'pacts/ship.json', (v) => `{\n  "consumer": { "name": "retrac-sync" },\n  "provider": {\n    "name": "courier"\n  },\n  "interactions": [\n    { "request": { "headers": { "Authorization": "Bearer ${v}" } } }\n  ]\n}`],
]);

// ---------------------------------------------------------------------------------------------
// Round 4 (written after round 3's fixes: SDK configuration idioms and app frameworks; first run with those fixes).
tp('r4 SDK configuration idioms', [
  ['Elixir put_env with atoms', 'config/runtime.exs', (k) => `Application.put_env(:retrac, :api_key, "${k}")`],
  ['Erlang set_env', 'src/stock_app.erl', (k) => `application:set_env(retrac, api_key, "${k}"),`],
  ['Angular DI token with useValue', 'src/app/app.config.ts', (k) => `export const appConfig = {\n  providers: [\n    { provide: RETRAC_API_KEY, useValue: '${k}' },\n  ],\n};`],
  ['C# options lambda', 'Program.cs', (k) => `builder.Services.AddRetrac(o => o.ApiKey = "${k}");`],
  ['Go functional option', 'internal/sync/client.go', (k) => `c, err := retrac.New(retrac.WithAPIKey("${k}"))`],
  ['PHP static setter', 'bootstrap.php', (k) => `Retrac\\Retrac::setApiKey('${k}');`],
  ['Ruby configure block', 'config/initializers/retrac.rb', (k) => `Retrac.configure do |c|\n  c.api_key = "${k}"\nend`],
  ['Python module attribute', 'stock/boot.py', (k) => `import retrac\n\nretrac.api_key = "${k}"`],
  ['JS init call with an object', 'src/boot.js', (k) => `Retrac.init({ key: '${k}', debug: false });`],
  ['Rust builder without a Retrac word on the line', 'src/client.rs', (k) => `use retrac::Config;\n\nlet cfg = Config::builder()\n    .api_key("${k}")\n    .build();`,
    { open: 'the builder\'s type is Retrac\'s only through a `use retrac::Config` import: types are not followed from imports' }],
  ['Kotlin DSL block', 'build.gradle.kts', (k) => `retrac {\n    apiKey = "${k}"\n}`],
  ['Sublime project build env', 'stock.sublime-project', (k) => `{\n  "build_systems": [\n    { "name": "sync", "cmd": ["npm", "run", "sync"], "env": { "RETRAC_API_KEY": "${k}" } }\n  ]\n}`],
  ['Neovim Lua env', 'nvim/init.lua', (k) => `vim.env.RETRAC_API_KEY = "${k}"`],
  ['Tauri plugin config', 'src-tauri/tauri.conf.json', (k) => `{\n  "plugins": {\n    "retrac": { "apiKey": "${k}" }\n  }\n}`],
  ['restricted key in an Elixir put_env', 'config/dev.exs', (k) => `Application.put_env(:retrac, :token, "${k}")`, R],
]);
tn('r4 hard negatives', [
  ['Elixir put_env of a courier', 'config/runtime.exs', (v) => `Application.put_env(:retrac, :base_url, "${API}")\nApplication.put_env(:courier, :api_key, "${v}")`],
  ['Angular DI token of a courier', 'src/app/app.config.ts', (v) => `providers: [\n  { provide: RETRAC_URL, useValue: '${API}' },\n  { provide: COURIER_KEY, useValue: '${v}' },\n],`],
  ['Python courier module attribute after import retrac', 'stock/ship.py', (v) => `import retrac\nimport courier\n\ncourier.api_key = "${v}"`],
  ['PHP courier static setter', 'bootstrap.php', (v) => `Retrac\\Retrac::setBaseUrl('${API}');\nCourier\\Courier::setApiKey('${v}');`],
  ['Go courier option in a Retrac module', 'internal/ship/client.go', (v) => `import "github.com/acme/retrac-go"\n\nc := courier.New(courier.WithAPIKey("${v}"))`],
  ['C# courier options next to AddRetrac', 'Program.cs', (v) => `builder.Services.AddRetrac();\nbuilder.Services.AddCourier(o => o.ApiKey = "${v}");`],
  ['Erlang courier set_env', 'src/ship_app.erl', (v) => `application:set_env(retrac, base_url, "${API}"),\napplication:set_env(courier, api_key, "${v}"),`],
]);

// ---------------------------------------------------------------------------------------------

interface Outcome {
  c: Case;
  text: string;
  needle: string;
  found: Finding[];
  hit: boolean;
  falsePositives: Finding[];
}

function run(c: Case): Outcome {
  const key = fakeKey(c.leak ? c.kind : 'full');
  const needle = c.needle ? c.needle(key) : key;
  const text = c.make(key, needle);
  const found = scanText(text, { fileName: c.file, ...c.options });
  const at = text.indexOf(needle);
  if (!c.leak || at < 0) return { c, text, needle, found, hit: false, falsePositives: found.filter((f) => KEY_RULES.includes(f.rule)) };
  const rule = ruleFor(c.kind);
  const line = text.slice(0, at).split('\n').length;
  const onKey = (f: Finding): boolean => f.rule === rule && f.line === line && f.start < at + needle.length && f.end > at;
  return { c, text, needle, found, hit: found.some(onKey), falsePositives: found.filter((f) => KEY_RULES.includes(f.rule) && !onKey(f)) };
}

const show = (o: Outcome): string => JSON.stringify(o.found.map((f) => `${f.rule}@${f.line} ${JSON.stringify(o.text.slice(f.start, f.end))}`));

function score(outcomes: Outcome[]): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let ok = true;
  for (const rule of KEY_RULES) {
    const positives = outcomes.filter((o) => o.c.leak && ruleFor(o.c.kind) === rule);
    const hits = positives.filter((o) => o.hit).length;
    const fp = outcomes.reduce((n, o) => n + o.falsePositives.filter((f) => f.rule === rule).length, 0);
    const recall = positives.length ? hits / positives.length : 1;
    const precision = hits + fp ? hits / (hits + fp) : 1;
    lines.push(`${rule}: recall ${(100 * recall).toFixed(1)} % (${hits}/${positives.length}), precision ${(100 * precision).toFixed(1)} % (${fp} false)`);
    ok &&= recall >= 0.99 && precision >= 0.995;
  }
  return { lines, ok };
}

describe('scan: key rules across file kinds, second red team (engineer P)', () => {
  for (const c of cases.filter((x) => x.open === undefined)) {
    it(`${c.leak ? 'reports' : 'quiet on'}: ${c.group}: ${c.name} (${c.file})`, () => {
      const o = run(c);
      assert.ok(o.text.includes(o.needle) || !c.leak, 'the case holds its needle');
      if (c.leak) assert.ok(o.hit, `expected ${ruleFor(c.kind)} on ${JSON.stringify(o.needle)} in:\n${o.text}\ngot ${show(o)}`);
      assert.deepEqual(o.falsePositives.map((f) => f.rule), [], `unexpected findings in:\n${o.text}\ngot ${show(o)}`);
      for (const f of o.found) assert.ok(!f.message.includes(o.needle), 'a message shows the key');
    });
  }

  it('prints recall and precision per key rule, per round and overall, and meets the issue goals', () => {
    const outcomes = cases.map(run);
    const rounds = [...new Set(cases.map((c) => c.round))];
    const lines: string[] = [];
    for (const r of rounds) lines.push(`round ${r}:`, ...score(outcomes.filter((o) => o.c.round === r)).lines.map((l) => '  ' + l));
    const all = score(outcomes.filter((o) => o.c.open === undefined));
    lines.push('all rounds, open classes left out:', ...all.lines.map((l) => '  ' + l));
    for (const o of outcomes.filter((x) => x.c.open !== undefined)) {
      const right = o.c.leak ? o.hit : o.falsePositives.length === 0;
      lines.push(`  open (${right ? 'now right' : 'still wrong'}): ${o.c.name}: ${o.c.open}`);
    }
    for (const g of [...new Set(cases.map((c) => c.group))]) {
      const os = outcomes.filter((o) => o.c.group === g);
      const pos = os.filter((o) => o.c.leak);
      lines.push(`  ${g}: ${pos.filter((o) => o.hit).length}/${pos.length} found, ${os.filter((o) => o.falsePositives.length).length}/${os.length} with false findings`);
    }
    console.log(lines.join('\n'));
    assert.ok(all.ok, lines.join('\n'));
  });
});

// The readers added for these classes (Retrac client arguments, keyword declarations, SQL tuples
// and their column lists, echo sinks, host-encoded names, XML elements and collection entries above
// a line, ids of entries; round 2: credential calls and keychain commands, host-labelled blocks, assembler
// labels, sized types, paths, prose labels, repository blocks, route targets and upstreams; round 3: Lisp
// definers, APL arrows, contract providers; round 4: owner/key/value calls, registrations, DI providers) stay linear: adversarial contents each scan in well under a second of CPU.
describe('scan: adversarial contents for the second key-kind readers', function () {
  this.timeout(120_000);
  it('each scans in under a second of CPU', () => {
    const MB = 1024 * 1024;
    const Q = MB / 4;
    const k = fakeKey('full');
    const lines = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('\n');
    const contents: [string, string][] = [
      ['client constructors on one line', `new RetracClient("${k}"), `.repeat(Q / 60)],
      ['one long argument list', `retrac.Client(${`"${k}", `.repeat(Q / 28)})`],
      ['open brackets before a value', '('.repeat(MB) + `"${k}"`],
      ['callee chains', `${'a.'.repeat(MB / 2)}Retrac("${k}")`],
      ['arrow chains', `${'a->'.repeat(MB / 3)}retrac("${k}")`],
      ['generic brackets', `new Retrac${'<'.repeat(MB / 2)}("${k}")`],
      ['keyword declarations', `01 RETRAC-KEY PIC X(24) VALUE "${k}". `.repeat(Q / 40)],
      ['set … to', `set retracKey to "${k}" `.repeat(Q / 35)],
      ['MOVE … TO', `MOVE "${k}" TO WS-RETRAC-KEY. `.repeat(Q / 40)],
      ['spaces before VALUE', ' '.repeat(MB) + `VALUE "${k}"`],
      ['SQL tuples on one line', 'INSERT INTO t (provider, api_key) VALUES ' + `('retrac', '${k}'), `.repeat(Q / 40)],
      ['SQL rows below a column list', 'INSERT INTO t (provider, api_key) VALUES\n' + `  ('retrac', '${k}'),\n`.repeat(Q / 80)],
      ['SQL column lists without rows', lines(MB / 60, (i) => (i % 20 === 19 ? `('retrac', '${k}'),` : `insert into t${i} (a, b, c, d, e, f, g`))],
      ['SQL wide tuples', `INSERT INTO t (${'c, '.repeat(500)}api_key) VALUES (${`'${k}', `.repeat(500)}'x')\n`.repeat(MB / 30_000)],
      ['echo sinks', `echo ${k} | wrangler secret put RETRAC_API_KEY\n`.repeat(Q / 60)],
      ['echo without sinks', 'echo '.repeat(MB / 5) + `"${k}" |`],
      ['pipes after echo', `echo "${k}" ${'| '.repeat(MB / 2)}`],
      ['Bundler host names', `BUNDLE_${'A__'.repeat(MB / 3)}RETRAC__CO: ${k}`],
      ['Bundler host names, many', `BUNDLE_GEMS__RETRAC__CO: ${k}\n`.repeat(Q / 50)],
      ['XML elements above passwords', '<retrac>\n' + `  <add key="ClearTextPassword" value="${k}" />\n`.repeat(Q / 60)],
      ['nested XML openers', lines(MB / 40, (i) => ' '.repeat(i % 150) + (i % 2 ? `<x${i}>` : `<add key="Password" value="${k}" />`))],
      ['collection entries above bearer headers', 'middlewares:\n  courier-auth:\n    headers:\n' + `      Authorization: Bearer ${k}\n      url: https://api.retrac.co\n`.repeat(Q / 160)],
      ['deep YAML nesting under middlewares', lines(6000, (i) => ' '.repeat(i % 150) + (i % 3 ? `m${i}:` : `Authorization: Bearer ${k} middleware https://api.retrac.co`))],
      ['ids of entries', lines(MB / 8 / 60, (i) => (i % 2 ? `{ "id": "courier", "api_key": "${k}" },` : `{ "id": "retrac${i}", "token": "${k}" },`))],
      ['credential calls with hosts', `Credentials("R", "maven.retrac.co", "ci", "${k}")\n`.repeat(Q / 70)],
      ['one credential call with many arguments', `Credentials(${'"a.b.co", '.repeat(MB / 10)}"${k}")`],
      ['keychain commands', `security add-generic-password -s retrac -w ${k}\n`.repeat(Q / 60)],
      ['host-labelled blocks', `credentials "app.retrac.co" {\n  token = "${k}"\n}\n`.repeat(Q / 50)],
      ['labelled data directives', `retrac_key: .asciz "${k}"\n`.repeat(Q / 40)],
      ['data directives under labels', `retrac_key:\n.asciz "${k}"\n`.repeat(Q / 40)],
      ['typed declarations', `c_retrac_key CONSTANT VARCHAR2(24) := '${k}';\n`.repeat(Q / 50)],
      ['equals before values', '='.repeat(MB) + `'${k}'`],
      ['sized types before values', `VARCHAR2(${'('.repeat(MB / 2)}24) := '${k}'`],
      ['paths before values', 'a/'.repeat(MB / 2) + ` ${k}`],
      ['paths with values', `etcdctl put /x/retrac/api_key ${k}\n`.repeat(Q / 50)],
      ['prose labels', `- Retrac API key (prod): ${k}\n`.repeat(Q / 80)],
      ['words before a label end', 'word '.repeat(MB / 5) + `is ${k}`],
      ['repository blocks', `maven {\n  url = uri("https://maven.retrac.co")\n  credentials {\n    password = "${k}"\n  }\n}\n`.repeat(Q / 100)],
      ['route targets', `route: { cluster: retrac }\nAuthorization: Bearer ${k}\n`.repeat(Q / 60)],
      ['Lisp definers', `(defparameter *retrac-api-key* "${k}")\n`.repeat(Q / 50)],
      ['open brackets before a definer', '('.repeat(MB) + `def x "${k}"`],
      ['APL arrows', `RetracKey←'${k}' `.repeat(Q / 40)],
      ['arrows without names', '←'.repeat(MB / 2) + `'${k}'`],
      ['contract files', '{\n  "provider": { "name": "courier" },\n  "interactions": [\n' + `    { "headers": { "Authorization": "Bearer ${k}" } },\n`.repeat(Q / 70) + '  ]\n}'],
      ['owner/key/value calls', `Application.put_env(:retrac, :api_key, "${k}")\n`.repeat(Q / 100)],
      ['registrations around values', `builder.Services.AddCourier(o => o.ApiKey = "${k}");\n`.repeat(Q / 100)],
      ['providers and values', `{ provide: RETRAC_API_KEY, useValue: '${k}' },\n`.repeat(Q / 100)],
      ['upstream declarations', lines(Q / 50, (i) => (i % 2 ? `backend retrac${i} { .host = "api.retrac.co"; }` : `set bereq.http.Authorization = "Bearer ${k}";`))],
    ];
    const times: string[] = [];
    for (const [label, text] of contents) {
      for (const fileName of ['a.sql', 'a.ts', 'a.yaml', 'notes.md', 'pact.json', 'default.vcl']) {
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName }));
        times.push(`${label} as ${fileName}: ${cpuMs.toFixed(0)} ms`);
        assert.ok(cpuMs < 1000, `${label} as ${fileName}: ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
      }
    }
    if (process.env.KEYKINDS_TIMES) console.log(times.join('\n'));
  });
});
