// Whole projects, scanned the way `retrac-scan` scans a folder (walk, .gitignore, the folder's env
// files, built bundles, data next to code): the hidden collection issue 10 is measured on is
// "realistic projects", so the scanner is also measured here on projects rather than snippets.
// Each project is written to a temporary folder with keys generated at run time; every finding a
// user should see is labelled (file, the text on its line, rule), everything else is a false
// finding. Written before reading the rules again (the lead's red-team round, issue 10).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { mergeEnvFiles, scanText, type RuleId } from '../../src/scan';
import { scanInputs } from '../../src/scan/scanRun';
import { fakeKey } from '../fakeKeys';
import { withCpuMs, workspaceIdLiteral } from './scanFixtures';

const API = 'https://api.retrac.co';

interface Expected {
  file: string;
  /** Text on the finding's line (its first occurrence in the file decides the line). */
  on: string;
  rule: RuleId;
  /**
   * A known miss, with why: printed as an open gap instead of failing, until a fix finds it (then the
   * test says to drop the mark). Only for misses of the round's first run that are left for later.
   */
  gap?: string;
}

interface Project {
  name: string;
  files: Record<string, string>;
  expected: Expected[];
}

function nextApp(): Project {
  const publicKey = fakeKey('restricted');
  const serverFallback = fakeKey('full');
  const bundled = fakeKey('restricted');
  const localOnly = fakeKey('full');
  const stripe = 'sk_live_' + fakeKey('full');
  const ws = workspaceIdLiteral();
  return {
    name: 'Next.js storefront',
    files: {
      '.gitignore': 'node_modules\n.next\n.env*.local\n',
      // git-ignored: quiet for the key rules.
      '.env.local': `RETRAC_API_KEY=${localOnly}\nRETRAC_WORKSPACE_ID=${ws}\n`,
      // tracked, and behind a public name: both a leaked key and a client-exposed one.
      '.env.development': `NEXT_PUBLIC_RETRAC_KEY=${publicKey}\nNEXT_PUBLIC_SITE_NAME=Stock\n`,
      'package.json': JSON.stringify({ name: 'storefront', scripts: { dev: 'next dev', build: 'next build' }, dependencies: { next: '14.2.3', react: '18.3.1' } }, null, 2),
      'lib/retrac.ts': [
        "import 'server-only';",
        '',
        `const BASE = '${API}';`,
        `const key = process.env.RETRAC_API_KEY ?? '${serverFallback}';`,
        '',
        'export async function listItems(workspaceId: string) {',
        "  const res = await fetch(`${BASE}/items?workspaceId=${workspaceId}`, { headers: { Authorization: `Bearer ${key}` }, cache: 'no-store' });",
        '  if (!res.ok) throw new Error(`Retrac ${res.status}`);',
        '  return res.json();',
        '}',
      ].join('\n'),
      'app/api/checkout/route.ts': [
        "import Stripe from 'stripe';",
        `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '${stripe}');`,
        'export async function POST(req: Request) {',
        '  const body = await req.json();',
        '  return Response.json(await stripe.checkout.sessions.create(body));',
        '}',
      ].join('\n'),
      'app/items/page.tsx': [
        "import { listItems } from '@/lib/retrac';",
        'export default async function Items() {',
        '  const items = await listItems(process.env.RETRAC_WORKSPACE_ID!);',
        '  return <ul>{items.map((i: { id: string; sku: string }) => <li key={i.id}>{i.sku}</li>)}</ul>;',
        '}',
      ].join('\n'),
      // A committed static build (a library's demo in `public/`): minified, one line.
      'public/demo/app.min.js': `!function(){"use strict";var e="${bundled}",t=function(t){return fetch("${API}/tags",{headers:{Authorization:"Bearer "+e}})};window.__stock={load:t}}();`,
      'fixtures/items.json': JSON.stringify([{ id: 'itm_1', sku: 'SKU-1', workspaceId: ws }, { id: 'itm_2', sku: 'SKU-2', workspaceId: ws }], null, 2),
    },
    expected: [
      { file: '.env.development', on: 'NEXT_PUBLIC_RETRAC_KEY', rule: 'retrac/restricted-key' },
      { file: '.env.development', on: 'NEXT_PUBLIC_RETRAC_KEY', rule: 'retrac/client-exposed-key' },
      { file: 'lib/retrac.ts', on: serverFallback, rule: 'retrac/full-access-key' },
      { file: 'public/demo/app.min.js', on: bundled, rule: 'retrac/restricted-key' },
    ],
  };
}

function djangoService(): Project {
  const fallback = fakeKey('full');
  const inCassette = fakeKey('full');
  const courier = fakeKey('full');
  const ws = workspaceIdLiteral();
  const restricted = fakeKey('restricted');
  return {
    name: 'Django inventory sync',
    files: {
      '.gitignore': '__pycache__/\n.env\n*.sqlite3\n',
      '.env': `RETRAC_API_KEY=${fakeKey('full')}\n`,
      'stock/settings.py': [
        'import os',
        'from pathlib import Path',
        '',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only-not-secret')",
        `RETRAC_API_KEY = os.environ.get("RETRAC_API_KEY", "${fallback}")`,
        `RETRAC_WORKSPACE_ID = os.environ.get("RETRAC_WORKSPACE_ID", "${ws}")`,
        `COURIER_TOKEN = os.environ.get("COURIER_TOKEN", "${courier}")`,
      ].join('\n'),
      'inventory/retrac.py': [
        'import requests',
        'from django.conf import settings',
        '',
        'session = requests.Session()',
        'session.headers.update({"Authorization": f"Bearer {settings.RETRAC_API_KEY}"})',
        '',
        'def balances(location_id):',
        `    r = session.get("${API}/inventory/balances", params={"locationId": location_id}, timeout=10)`,
        '    r.raise_for_status()',
        '    return r.json()',
      ].join('\n'),
      'inventory/courier.py': [
        'import requests',
        'from django.conf import settings',
        '',
        'def track(parcel):',
        '    return requests.get(f"https://api.courier.example/v2/parcels/{parcel}", headers={"Authorization": f"Bearer {settings.COURIER_TOKEN}"}).json()',
      ].join('\n'),
      'scripts/transfer.sh': [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        `curl -sS -X POST "${API}/inventory/transfers?workspaceId=${ws}" \\`,
        `  -H "Authorization: Bearer ${restricted}" \\`,
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"fromLocationId":"loc_a","toLocationId":"loc_b","lines":[{"itemId":"itm_1","quantity":2}]}'`,
      ].join('\n'),
      // A seed script is code that makes requests: its hard-coded workspace id is one to fix.
      'seeds/items.py': [
        'import os, requests',
        'H = {"Authorization": f"Bearer {os.environ[\'RETRAC_API_KEY\']}"}',
        'for sku in ("A-1", "A-2"):',
        `    requests.post("${API}/items?workspaceId=${ws}", json={"sku": sku, "description": sku, "cost": 1}, headers=H).raise_for_status()`,
      ].join('\n'),
      // A HAR export of a browser session: recorded traffic, its URLs are what was sent then.
      'docs/recordings/session.har': JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET', url: `${API}/items?workspaceId=${ws}`, headers: [{ name: 'Accept', value: 'application/json' }] }, response: { status: 200 } }] } }, null, 2),
      // A recorded response (vcrpy): the request's headers were recorded with the key.
      'inventory/tests/cassettes/test_balances.yaml': [
        'interactions:',
        '- request:',
        '    body: null',
        '    headers:',
        '      Accept: ["*/*"]',
        `      Authorization: ["Bearer ${inCassette}"]`,
        '    method: GET',
        `    uri: ${API}/inventory/balances?workspaceId=${ws}`,
        '  response:',
        '    body:',
        `      string: '[{"itemId":"itm_1","locationId":"loc_a","onHandQty":4,"workspaceId":"${ws}"}]'`,
        '    status: {code: 200, message: OK}',
        'version: 1',
      ].join('\n'),
    },
    expected: [
      { file: 'seeds/items.py', on: 'workspaceId=', rule: 'retrac/hardcoded-workspace-id' },
      { file: 'stock/settings.py', on: fallback, rule: 'retrac/full-access-key' },
      { file: 'inventory/retrac.py', on: '/inventory/balances', rule: 'retrac/missing-workspace-id' },
      { file: 'scripts/transfer.sh', on: 'workspaceId=', rule: 'retrac/workspace-id-with-restricted-key' },
      { file: 'scripts/transfer.sh', on: restricted, rule: 'retrac/restricted-key' },
      { file: 'scripts/transfer.sh', on: 'workspaceId=', rule: 'retrac/hardcoded-workspace-id' },
      { file: 'inventory/tests/cassettes/test_balances.yaml', on: inCassette, rule: 'retrac/full-access-key' },
    ],
  };
}

function springService(): Project {
  const ymlKey = fakeKey('full');
  const testKey = fakeKey('full');
  const maps = fakeKey('full');
  return {
    name: 'Spring Boot warehouse service',
    files: {
      '.gitignore': 'target/\n.idea/\n',
      'src/main/resources/application.yml': [
        'server:',
        '  port: 8081',
        'spring:',
        '  datasource:',
        '    url: jdbc:postgresql://db:5432/wh',
        'retrac:',
        `  base-url: ${API}`,
        `  api-key: ${ymlKey}`,
        'maps:',
        `  api-key: ${maps}`,
      ].join('\n'),
      'src/test/resources/application-test.properties': `retrac.base-url=${API}\nretrac.api-key=${testKey}\n`,
      'src/main/java/com/acme/wh/RetracClient.java': [
        'package com.acme.wh;',
        '',
        'import org.springframework.beans.factory.annotation.Value;',
        'import org.springframework.stereotype.Component;',
        'import org.springframework.web.reactive.function.client.WebClient;',
        '',
        '@Component',
        'public class RetracClient {',
        '  private final WebClient http;',
        '',
        '  public RetracClient(@Value("${retrac.base-url}") String baseUrl, @Value("${retrac.api-key}") String apiKey) {',
        '    this.http = WebClient.builder().baseUrl(baseUrl).defaultHeader("Authorization", "Bearer " + apiKey).build();',
        '  }',
        '',
        '  public String locations(String workspaceId) {',
        '    return http.get().uri(b -> b.path("/locations").queryParam("workspaceId", workspaceId).build()).retrieve().bodyToMono(String.class).block();',
        '  }',
        '}',
      ].join('\n'),
    },
    expected: [
      { file: 'src/main/resources/application.yml', on: ymlKey, rule: 'retrac/full-access-key' },
      { file: 'src/test/resources/application-test.properties', on: testKey, rule: 'retrac/full-access-key' },
    ],
  };
}

function goWorker(): Project {
  const constKey = fakeKey('full');
  const ciKey = fakeKey('full');
  return {
    name: 'Go stock worker',
    files: {
      'go.mod': 'module example.com/stockworker\n\ngo 1.22\n',
      'internal/retrac/client.go': [
        'package retrac',
        '',
        'import (',
        '\t"fmt"',
        '\t"net/http"',
        ')',
        '',
        `const retracAPIKey = "${constKey}"`,
        '',
        'func Items(c *http.Client) (*http.Response, error) {',
        `\treq, err := http.NewRequest(http.MethodGet, "${API}/items?pageSize=100", nil)`,
        '\tif err != nil {',
        '\t\treturn nil, err',
        '\t}',
        '\treq.Header.Set("Authorization", fmt.Sprintf("Bearer %s", retracAPIKey))',
        '\treturn c.Do(req)',
        '}',
      ].join('\n'),
      '.github/workflows/stock.yml': [
        'name: stock',
        'on: { schedule: [{ cron: "0 6 * * *" }] }',
        'jobs:',
        '  count:',
        '    runs-on: ubuntu-latest',
        '    env:',
        `      RETRAC_API_KEY: ${ciKey}`,
        '    steps:',
        '      - run: |',
        `          curl -fsS "${API}/items/count" \\`,
        '            -H "Authorization: Bearer $RETRAC_API_KEY"',
      ].join('\n'),
    },
    expected: [
      { file: 'internal/retrac/client.go', on: constKey, rule: 'retrac/full-access-key' },
      { file: 'internal/retrac/client.go', on: '/items?pageSize', rule: 'retrac/missing-workspace-id' },
      { file: '.github/workflows/stock.yml', on: ciKey, rule: 'retrac/full-access-key' },
      { file: '.github/workflows/stock.yml', on: '/items/count', rule: 'retrac/missing-workspace-id' },
    ],
  };
}

function infraRepo(): Project {
  const helmKey = fakeKey('full');
  const tfKey = fakeKey('full');
  const encoded = fakeKey('restricted');
  const sentry = fakeKey('full');
  return {
    name: 'Infrastructure (Helm, Terraform, Kubernetes)',
    files: {
      'charts/stock/values.yaml': [
        'image:',
        '  repository: ghcr.io/acme/stock',
        '  tag: "1.4.2"',
        'sentry:',
        `  dsnKey: ${sentry}`,
        'retrac:',
        `  baseUrl: ${API}`,
        '  auth:',
        `    apiKey: ${helmKey}`,
      ].join('\n'),
      'terraform/variables.tf': [
        'variable "region" {',
        '  type    = string',
        '  default = "eu-west-1"',
        '}',
        '',
        'variable "retrac_api_key" {',
        '  description = "Key for the inventory API"',
        '  type        = string',
        '  sensitive   = true',
        `  default     = "${tfKey}"`,
        '}',
      ].join('\n'),
      'k8s/retrac-secret.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: retrac',
        'type: Opaque',
        'data:',
        `  RETRAC_API_KEY: ${Buffer.from(encoded).toString('base64')}`,
      ].join('\n'),
    },
    expected: [
      { file: 'charts/stock/values.yaml', on: helmKey, rule: 'retrac/full-access-key' },
      { file: 'terraform/variables.tf', on: tfKey, rule: 'retrac/full-access-key' },
      { file: 'k8s/retrac-secret.yaml', on: 'RETRAC_API_KEY', rule: 'retrac/restricted-key' },
    ],
  };
}

function mobileApp(): Project {
  const dartKey = fakeKey('full');
  const androidKey = fakeKey('restricted');
  const mapsKey = 'AIza' + fakeKey('full') + 'abcdefghijk';
  return {
    name: 'Flutter scanner app',
    files: {
      'lib/config.dart': [
        "import 'package:dio/dio.dart';",
        '',
        'class RetracConfig {',
        `  static const apiKey = '${dartKey}';`,
        `  static const baseUrl = '${API}';`,
        '}',
        '',
        'final dio = Dio(BaseOptions(baseUrl: RetracConfig.baseUrl, headers: {"Authorization": "Bearer ${RetracConfig.apiKey}"}));',
        "Future<Response> tags() => dio.get('/tags');",
      ].join('\n'),
      'android/app/src/main/res/values/strings.xml': [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<resources>',
        '    <string name="app_name">Scanner</string>',
        `    <string name="google_maps_key">${mapsKey}</string>`,
        `    <string name="retrac_key">${androidKey}</string>`,
        '</resources>',
      ].join('\n'),
    },
    expected: [
      { file: 'lib/config.dart', on: dartKey, rule: 'retrac/full-access-key' },
      { file: 'lib/config.dart', on: "dio.get('/tags')", rule: 'retrac/missing-workspace-id' },
      { file: 'android/app/src/main/res/values/strings.xml', on: androidKey, rule: 'retrac/restricted-key' },
    ],
  };
}

function dotnetApi(): Project {
  const devKey = fakeKey('full');
  const userSecret = fakeKey('restricted');
  const seq = fakeKey('full');
  return {
    name: '.NET stock API',
    files: {
      'Stock.Api/appsettings.json': JSON.stringify({ Logging: { LogLevel: { Default: 'Information' } }, Retrac: { BaseUrl: API, ApiKey: '' }, Seq: { ServerUrl: 'http://seq:5341', ApiKey: seq } }, null, 2),
      'Stock.Api/appsettings.Development.json': JSON.stringify({ Retrac: { ApiKey: devKey } }, null, 2),
      'Stock.Api/Properties/launchSettings.json': JSON.stringify({ profiles: { 'Stock.Api': { commandName: 'Project', environmentVariables: { ASPNETCORE_ENVIRONMENT: 'Development', RETRAC__APIKEY: userSecret } } } }, null, 2),
      'Stock.Api/RetracClient.cs': [
        'using System.Net.Http.Headers;',
        'namespace Stock.Api;',
        'public sealed class RetracClient(HttpClient http, IConfiguration config)',
        '{',
        '    public async Task<string> Tags(string workspaceId)',
        '    {',
        '        using var req = new HttpRequestMessage(HttpMethod.Get, $"tags?workspaceId={workspaceId}");',
        '        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", config["Retrac:ApiKey"]);',
        '        var res = await http.SendAsync(req);',
        '        return await res.Content.ReadAsStringAsync();',
        '    }',
        '}',
      ].join('\n'),
    },
    expected: [
      { file: 'Stock.Api/appsettings.Development.json', on: devKey, rule: 'retrac/full-access-key' },
      { file: 'Stock.Api/Properties/launchSettings.json', on: userSecret, rule: 'retrac/restricted-key' },
    ],
  };
}

function laravelShop(): Project {
  const fallback = fakeKey('full');
  const mail = fakeKey('full');
  const ws = workspaceIdLiteral();
  return {
    name: 'Laravel shop',
    files: {
      '.gitignore': '/vendor\n.env\n',
      '.env.example': 'APP_NAME=Shop\nRETRAC_API_KEY=\nRETRAC_WORKSPACE_ID=\n',
      'config/services.php': [
        '<?php',
        '',
        'return [',
        "    'mailgun' => [",
        "        'domain' => env('MAILGUN_DOMAIN'),",
        `        'secret' => env('MAILGUN_SECRET', '${mail}'),`,
        '    ],',
        "    'retrac' => [",
        `        'url' => env('RETRAC_URL', '${API}'),`,
        `        'key' => env('RETRAC_API_KEY', '${fallback}'),`,
        "        'workspace' => env('RETRAC_WORKSPACE_ID'),",
        '    ],',
        '];',
      ].join('\n'),
      'app/Services/Stock.php': [
        '<?php',
        'namespace App\\Services;',
        '',
        'use Illuminate\\Support\\Facades\\Http;',
        '',
        'class Stock',
        '{',
        '    public function movements(string $itemId): array',
        '    {',
        "        return Http::withToken(config('services.retrac.key'))",
        `            ->get('${API}/inventory/movements', ['itemId' => $itemId, 'workspaceId' => '${ws}'])`,
        '            ->throw()->json();',
        '    }',
        '}',
      ].join('\n'),
    },
    expected: [
      { file: 'config/services.php', on: fallback, rule: 'retrac/full-access-key' },
      { file: 'app/Services/Stock.php', on: `'workspaceId' =>`, rule: 'retrac/hardcoded-workspace-id' },
    ],
  };
}

function docsSite(): Project {
  const leaked = fakeKey('restricted');
  return {
    name: 'Docs site (Markdown, MDX, OpenAPI)',
    files: {
      'docs/quickstart.md': [
        '# Quickstart',
        '',
        'Create a restricted key in the dashboard, then:',
        '',
        '```bash',
        `curl ${API}/items \\`,
        // A docs placeholder, built at run time so the repository holds no key-shaped string.
        `  -H "Authorization: Bearer ${'retrac' + '_' + 'x'.repeat(24)}"`,
        '```',
        '',
        'Or with the SDK:',
        '',
        '```ts',
        "const retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });",
        '```',
      ].join('\n'),
      'docs/troubleshooting.mdx': [
        "import { Callout } from '../components/Callout';",
        '',
        '<Callout>If you see `404 not_found`, add `workspaceId` (full-access keys only).</Callout>',
        '',
        'Example that worked for me during the migration:',
        '',
        '```sh',
        `curl "${API}/tags" -H "Authorization: Bearer ${leaked}"`,
        '```',
      ].join('\n'),
      'openapi.yaml': [
        'openapi: 3.1.0',
        'info: { title: Retrac, version: 0.0.1 }',
        `servers: [{ url: '${API}' }]`,
        'components:',
        '  securitySchemes:',
        '    bearer: { type: http, scheme: bearer, description: "e.g. Bearer retrac_<24 characters>" }',
      ].join('\n'),
    },
    expected: [{ file: 'docs/troubleshooting.mdx', on: leaked, rule: 'retrac/restricted-key' }],
  };
}

function dataScience(): Project {
  const nbKey = fakeKey('full');
  const postmanKey = fakeKey('full');
  const ws = workspaceIdLiteral();
  const cell = (lines: string[]) => ({ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: [`fetched 12 items from ${ws}\n`] }], source: lines });
  return {
    name: 'Data notebooks and a Postman collection',
    files: {
      'analysis/stock.ipynb': JSON.stringify({
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# Stock turnover'] },
          cell(['import requests, pandas as pd\n', `RETRAC_KEY = "${nbKey}"\n`, `r = requests.get("${API}/inventory/balances", headers={"Authorization": f"Bearer {RETRAC_KEY}"}, params={"workspaceId": "${ws}"})\n`, 'df = pd.DataFrame(r.json())']),
        ],
        metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      }, null, 1),
      'postman/Retrac.postman_environment.json': JSON.stringify({
        id: 'f1c5c0de-0000-4000-8000-000000000001',
        name: 'Retrac prod',
        values: [
          { key: 'baseUrl', value: API, type: 'default', enabled: true },
          { key: 'retracToken', value: postmanKey, type: 'secret', enabled: true },
          { key: 'workspaceId', value: ws, type: 'default', enabled: true },
        ],
      }, null, 2),
    },
    expected: [
      { file: 'analysis/stock.ipynb', on: nbKey, rule: 'retrac/full-access-key' },
      { file: 'analysis/stock.ipynb', on: '"workspaceId\\": ', rule: 'retrac/hardcoded-workspace-id' },
      { file: 'postman/Retrac.postman_environment.json', on: postmanKey, rule: 'retrac/full-access-key' },
    ],
  };
}

function monorepo(): Project {
  const sharedKey = fakeKey('full');
  const composeKey = fakeKey('full');
  const ws = workspaceIdLiteral();
  const ids = Array.from({ length: 6 }, () => fakeKey('full'));
  return {
    name: 'pnpm monorepo (packages, compose, vendor, lockfile)',
    files: {
      '.gitignore': 'node_modules\ndist\n',
      // tracked on purpose by the team ("dev defaults"): real-shaped key.
      'packages/sync/.env.defaults': `RETRAC_API_KEY=${sharedKey}\nRETRAC_BASE_URL=${API}\n`,
      'packages/sync/src/index.ts': [
        "import 'dotenv/config';",
        "import { ofetch } from 'ofetch';",
        'const retrac = ofetch.create({ baseURL: process.env.RETRAC_BASE_URL, headers: { Authorization: `Bearer ${process.env.RETRAC_API_KEY}` } });',
        "export const locations = () => retrac('/locations', { query: { active: true } });",
      ].join('\n'),
      'docker-compose.yml': [
        'services:',
        '  sync:',
        '    build: ./packages/sync',
        '    environment:',
        `      - RETRAC_API_KEY=${composeKey}`,
        `      - RETRAC_WORKSPACE_ID=${ws}`,
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: postgres',
      ].join('\n'),
      'pnpm-lock.yaml': [
        "lockfileVersion: '9.0'",
        'packages:',
        '  ofetch@1.3.4:',
        `    resolution: {integrity: sha512-${Buffer.from(ids.join('')).toString('base64')}}`,
      ].join('\n'),
      'packages/web/src/__snapshots__/Items.test.tsx.snap': [
        '// Jest Snapshot v1',
        '',
        'exports[`Items renders 1`] = `',
        ...ids.slice(0, 3).map((id) => `<li data-id="${id}">SKU</li>`),
        '`;',
      ].join('\n'),
      'packages/web/src/icons.ts': `export const chevron = 'data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h24v24H0z"/></svg>').toString('base64')}';\nexport const nonce = '${ids[4]}';`,
    },
    expected: [
      { file: 'packages/sync/.env.defaults', on: 'RETRAC_API_KEY', rule: 'retrac/full-access-key' },
      { file: 'packages/sync/src/index.ts', on: "'/locations'", rule: 'retrac/missing-workspace-id' },
      { file: 'docker-compose.yml', on: composeKey, rule: 'retrac/full-access-key' },
    ],
  };
}

function railsApp(): Project {
  const initKey = fakeKey('full');
  const restricted = fakeKey('restricted');
  return {
    name: 'Rails app',
    files: {
      'config/initializers/retrac.rb': [
        'Retrac.configure do |config|',
        `  config.api_key = ENV.fetch("RETRAC_API_KEY") { "${initKey}" }`,
        '  config.timeout = 10',
        'end',
      ].join('\n'),
      'app/services/stock_sync.rb': [
        'require "faraday"',
        '',
        'class StockSync',
        `  CONN = Faraday.new(url: "${API}") do |f|`,
        `    f.request :authorization, "Bearer", "${restricted}"`,
        '    f.response :json',
        '  end',
        '',
        '  def tags = CONN.get("/tags").body',
        'end',
      ].join('\n'),
      'spec/fixtures/files/items.json': JSON.stringify({ data: [{ id: 'itm_9', sku: 'A-1', cost: 12.5 }] }),
    },
    expected: [
      { file: 'config/initializers/retrac.rb', on: initKey, rule: 'retrac/full-access-key' },
      { file: 'app/services/stock_sync.rb', on: restricted, rule: 'retrac/restricted-key' },
    ],
  };
}

function rustCli(): Project {
  const key = fakeKey('full');
  return {
    name: 'Rust CLI',
    files: {
      'Cargo.toml': '[package]\nname = "stockctl"\nversion = "0.3.0"\nedition = "2021"\n\n[dependencies]\nreqwest = { version = "0.12", features = ["blocking", "json"] }\n',
      'src/main.rs': [
        'use std::env;',
        '',
        'fn main() -> Result<(), Box<dyn std::error::Error>> {',
        `    let token = env::var("RETRAC_API_KEY").unwrap_or_else(|_| "${key}".to_string());`,
        '    let client = reqwest::blocking::Client::new();',
        '    let body = client',
        `        .get("${API}/inventory/transfers")`,
        '        .bearer_auth(&token)',
        '        .query(&[("status", "completed")])',
        '        .send()?',
        '        .text()?;',
        '    println!("{body}");',
        '    Ok(())',
        '}',
      ].join('\n'),
    },
    expected: [
      { file: 'src/main.rs', on: key, rule: 'retrac/full-access-key' },
      { file: 'src/main.rs', on: '/inventory/transfers', rule: 'retrac/missing-workspace-id' },
    ],
  };
}

// Round 2: written after the helpers' rounds were merged, before looking at their fixes.
function phoenixApp(): Project {
  const key = fakeKey('full');
  const prodKey = fakeKey('restricted');
  return {
    name: 'Elixir Phoenix app',
    files: {
      'config/dev.exs': [
        'import Config',
        '',
        'config :stock, Stock.Repo, database: "stock_dev"',
        '',
        'config :stock, :retrac,',
        `  base_url: "${API}",`,
        `  api_key: System.get_env("RETRAC_API_KEY", "${key}")`,
      ].join('\n'),
      'config/runtime.exs': [
        'import Config',
        'if config_env() == :prod do',
        `  config :stock, :retrac, api_key: "${prodKey}"`,
        'end',
      ].join('\n'),
      'lib/stock/retrac.ex': [
        'defmodule Stock.Retrac do',
        '  def client do',
        '    cfg = Application.fetch_env!(:stock, :retrac)',
        '    Req.new(base_url: cfg[:base_url], auth: {:bearer, cfg[:api_key]})',
        '  end',
        '',
        '  def locations, do: Req.get!(client(), url: "/locations").body',
        'end',
      ].join('\n'),
    },
    expected: [
      { file: 'config/dev.exs', on: key, rule: 'retrac/full-access-key' },
      { file: 'config/runtime.exs', on: prodKey, rule: 'retrac/restricted-key' },
    ],
  };
}

function androidKtor(): Project {
  const gradleKey = fakeKey('full');
  const courier = fakeKey('full');
  return {
    name: 'Android app with Ktor',
    files: {
      'gradle.properties': `org.gradle.jvmargs=-Xmx2048m\nandroid.useAndroidX=true\nRETRAC_KEY=${gradleKey}\nCOURIER_KEY=${courier}\n`,
      'app/build.gradle.kts': [
        'android {',
        '    defaultConfig {',
        '        buildConfigField("String", "RETRAC_KEY", "\\"${project.property("RETRAC_KEY")}\\"")',
        '    }',
        '}',
      ].join('\n'),
      'app/src/main/java/com/acme/stock/Api.kt': [
        'package com.acme.stock',
        '',
        'import io.ktor.client.*',
        'import io.ktor.client.plugins.*',
        'import io.ktor.client.request.*',
        '',
        'val retrac = HttpClient {',
        '    defaultRequest {',
        `        url("${API}/")`,
        '        header("Authorization", "Bearer ${BuildConfig.RETRAC_KEY}")',
        '    }',
        '}',
        '',
        'suspend fun items() = retrac.get("items") { parameter("workspaceId", BuildConfig.WORKSPACE_ID) }',
      ].join('\n'),
    },
    expected: [
      { file: 'gradle.properties', on: gradleKey, rule: 'retrac/full-access-key' },
      // Shipped in the APK through BuildConfig: exposed to anyone with the app.
      { file: 'app/build.gradle.kts', on: 'buildConfigField', rule: 'retrac/client-exposed-key' },
    ],
  };
}

function edgeWorker(): Project {
  const varKey = fakeKey('full');
  const ws = workspaceIdLiteral();
  return {
    name: 'Cloudflare Worker',
    files: {
      'wrangler.toml': [
        'name = "stock-edge"',
        'main = "src/index.ts"',
        'compatibility_date = "2024-05-01"',
        '',
        '[vars]',
        `RETRAC_API_KEY = "${varKey}"`,
        `RETRAC_WORKSPACE_ID = "${ws}"`,
      ].join('\n'),
      'src/index.ts': [
        'export interface Env { RETRAC_API_KEY: string; RETRAC_WORKSPACE_ID: string }',
        'export default {',
        '  async fetch(req: Request, env: Env): Promise<Response> {',
        '    const sku = new URL(req.url).searchParams.get("sku") ?? "";',
        `    const upstream = new Request("${API}/items?sku=" + encodeURIComponent(sku), { headers: { Authorization: "Bearer " + env.RETRAC_API_KEY } });`,
        '    return fetch(upstream);',
        '  },',
        '};',
      ].join('\n'),
    },
    expected: [
      { file: 'wrangler.toml', on: varKey, rule: 'retrac/full-access-key' },
      // Not expected: `src/index.ts` sends `env.RETRAC_API_KEY` to /items without a workspaceId, but the
      // value is in wrangler.toml's [vars], not an env file; values are followed across `.env*` files
      // only (README, "Not followed"). The held-out run of this round missed it.
    ],
  };
}

function opsRepo(): Project {
  const vaultless = fakeKey('full');
  const psKey = fakeKey('restricted');
  const slack = fakeKey('full');
  return {
    name: 'Ops repo (Ansible, PowerShell, cron)',
    files: {
      'inventory/group_vars/warehouses.yml': [
        '---',
        'ansible_user: deploy',
        `slack_webhook_token: ${slack}`,
        'retrac:',
        `  url: ${API}`,
        `  token: "${vaultless}"`,
      ].join('\n'),
      'roles/stock/tasks/main.yml': [
        '- name: Count items',
        '  ansible.builtin.uri:',
        '    url: "{{ retrac.url }}/items/count?workspaceId={{ retrac_workspace }}"',
        '    headers:',
        '      Authorization: "Bearer {{ retrac.token }}"',
        '  register: count',
      ].join('\n'),
      'scripts/Reset-Stock.ps1': [
        'param([string]$ItemId)',
        `$headers = @{ Authorization = "Bearer ${psKey}" }`,
        `Invoke-RestMethod -Method Put -Uri "${API}/inventory/balances" -Headers $headers -ContentType 'application/json' -Body (@{ itemId = $ItemId; locationId = 'loc_main'; onHandQty = 0 } | ConvertTo-Json)`,
      ].join('\n'),
      'crontab': `# m h dom mon dow command\n15 2 * * * curl -s http://api.retrac.co/inventory/movements -H "Authorization: Bearer $RETRAC_API_KEY" > /var/log/moves.json\n`,
    },
    expected: [
      { file: 'inventory/group_vars/warehouses.yml', on: vaultless, rule: 'retrac/full-access-key' },
      { file: 'scripts/Reset-Stock.ps1', on: psKey, rule: 'retrac/restricted-key' },
      { file: 'crontab', on: 'http://api.retrac.co', rule: 'retrac/insecure-http' },
    ],
  };
}

function vueSpa(): Project {
  const viteKey = fakeKey('restricted');
  const distKey = fakeKey('restricted');
  return {
    name: 'Vue SPA with a committed dist',
    files: {
      '.env.production': `VITE_API_BASE=${API}\nVITE_RETRAC_TOKEN=${viteKey}\n`,
      'src/api.ts': [
        "import axios from 'axios';",
        'export const api = axios.create({ baseURL: import.meta.env.VITE_API_BASE, headers: { Authorization: `Bearer ${import.meta.env.VITE_RETRAC_TOKEN}` } });',
        "export const tags = () => api.get('/tags');",
      ].join('\n'),
      'dist/assets/index-4f1c2a.js': `const e={VITE_API_BASE:"${API}",VITE_RETRAC_TOKEN:"${distKey}"};function t(){return fetch(e.VITE_API_BASE+"/tags",{headers:{Authorization:"Bearer "+e.VITE_RETRAC_TOKEN}})}export{t as tags};`,
    },
    expected: [
      // The client code that reads the public name inlines the key into the bundle: exposed there too.
      { file: 'src/api.ts', on: 'VITE_RETRAC_TOKEN', rule: 'retrac/client-exposed-key' },
      { file: '.env.production', on: viteKey, rule: 'retrac/restricted-key' },
      { file: '.env.production', on: viteKey, rule: 'retrac/client-exposed-key' },
      { file: 'dist/assets/index-4f1c2a.js', on: distKey, rule: 'retrac/restricted-key' },
      { file: 'dist/assets/index-4f1c2a.js', on: distKey, rule: 'retrac/client-exposed-key' },
    ],
  };
}

function javaLegacy(): Project {
  const xmlKey = fakeKey('full');
  const propsKey = fakeKey('full');
  const smtp = fakeKey('full');
  return {
    name: 'Java EE app (XML and properties)',
    files: {
      'src/main/webapp/WEB-INF/web.xml': [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<web-app version="4.0">',
        '  <context-param>',
        '    <param-name>retrac.apiKey</param-name>',
        `    <param-value>${xmlKey}</param-value>`,
        '  </context-param>',
        '  <context-param>',
        '    <param-name>smtp.password</param-name>',
        `    <param-value>${smtp}</param-value>`,
        '  </context-param>',
        '</web-app>',
      ].join('\n'),
      'src/main/resources/integrations.properties': [
        '# inventory',
        `retrac.url=${API}`,
        `retrac.token=${propsKey}`,
        '# mail',
        'smtp.host=mail.example.com',
      ].join('\n'),
    },
    expected: [
      { file: 'src/main/webapp/WEB-INF/web.xml', on: xmlKey, rule: 'retrac/full-access-key' },
      { file: 'src/main/resources/integrations.properties', on: propsKey, rule: 'retrac/full-access-key' },
    ],
  };
}

// Round 3: written at the start of a new stop, on main as it stood (66dafd0), before any fix of this stop.
function svelteKitShop(): Project {
  const local = fakeKey('full');
  const published = fakeKey('restricted');
  const ws = workspaceIdLiteral();
  return {
    name: 'SvelteKit shop',
    files: {
      '.gitignore': 'node_modules\n.svelte-kit\n.env\n',
      '.env': `RETRAC_API_KEY=${local}\n`,
      '.env.example': 'RETRAC_API_KEY=\nPUBLIC_STORE_NAME=Stock\n',
      '.env.production': `PUBLIC_RETRAC_KEY=${published}\nPUBLIC_RETRAC_WORKSPACE=${ws}\n`,
      'src/lib/server/retrac.ts': [
        "import { RETRAC_API_KEY } from '$env/static/private';",
        '',
        `const API = '${API}';`,
        '',
        'export async function lowStock(fetch: typeof globalThis.fetch) {',
        '  const res = await fetch(`${API}/inventory/levels?below=5`, {',
        '    headers: { authorization: `Bearer ${RETRAC_API_KEY}`, accept: \'application/json\' },',
        '  });',
        "  if (!res.ok) throw new Error('retrac ' + res.status);",
        '  return res.json();',
        '}',
      ].join('\n'),
      'src/routes/+page.ts': [
        "import { PUBLIC_RETRAC_KEY } from '$env/static/public';",
        "import type { PageLoad } from './$types';",
        '',
        'export const load: PageLoad = async ({ fetch }) => ({ tags: await (await fetch(\'/api/tags\', { headers: { \'x-key\': PUBLIC_RETRAC_KEY } })).json() });',
      ].join('\n'),
      'src/routes/+page.svelte': '<script lang="ts">\n  export let data;\n</script>\n\n<ul>{#each data.tags as tag}<li>{tag.name}</li>{/each}</ul>\n',
      'svelte.config.js': "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter() } };\n",
    },
    expected: [
      { file: '.env.production', on: 'PUBLIC_RETRAC_KEY', rule: 'retrac/restricted-key' },
      { file: '.env.production', on: 'PUBLIC_RETRAC_KEY', rule: 'retrac/client-exposed-key' },
      { file: 'src/lib/server/retrac.ts', on: '/inventory/levels', rule: 'retrac/missing-workspace-id' },
      { file: 'src/routes/+page.ts', on: '$env/static/public', rule: 'retrac/client-exposed-key' },
      // Not labelled at first: every line that reads a public Retrac key name is reported (README), the import and the use.
      { file: 'src/routes/+page.ts', on: "'x-key'", rule: 'retrac/client-exposed-key' },
    ],
  };
}

function fastApiService(): Project {
  const settingsKey = fakeKey('full');
  const scriptKey = fakeKey('full');
  const testKey = fakeKey('restricted');
  const composeKey = fakeKey('full');
  const seeded = fakeKey('full');
  const courier = fakeKey('full');
  const ws = workspaceIdLiteral();
  return {
    name: 'FastAPI service',
    files: {
      '.gitignore': '__pycache__/\n.venv/\n.env\n',
      'app/settings.py': [
        'from pydantic_settings import BaseSettings, SettingsConfigDict',
        '',
        '',
        'class Settings(BaseSettings):',
        '    model_config = SettingsConfigDict(env_file=".env")',
        '',
        `    retrac_base_url: str = "${API}"`,
        `    retrac_api_key: str = "${settingsKey}"`,
        `    retrac_workspace_id: str = "${ws}"`,
        '    database_url: str = "postgresql://stock:stock@db/stock"',
        '',
        '',
        'settings = Settings()',
      ].join('\n'),
      'app/shipping.py': [
        'import os',
        '',
        'import httpx',
        'import retrac',
        '',
        `COURIER_TOKEN = os.getenv("COURIER_TOKEN", "${courier}")`,
        '',
        '',
        'def quote(parcel):',
        '    return httpx.post("https://api.courier.example/v2/quotes", json=parcel, headers={"Authorization": f"Bearer {COURIER_TOKEN}"}).json()',
      ].join('\n'),
      'scripts/backfill_levels.py': [
        '"""One-off: copy stock levels into the warehouse table."""',
        'import os',
        '',
        'import requests',
        '',
        `BASE = "${API}"`,
        `KEY = os.environ.get("RETRAC_API_KEY", "${scriptKey}")`,
        '',
        '',
        'def levels(location_id):',
        '    r = requests.get(f"{BASE}/inventory/levels", headers={"Authorization": f"Bearer {KEY}"}, params={"locationId": location_id}, timeout=30)',
        '    r.raise_for_status()',
        '    return r.json()["data"]',
      ].join('\n'),
      'tests/conftest.py': [
        'import os',
        '',
        'import pytest',
        '',
        `os.environ.setdefault("RETRAC_API_KEY", "${testKey}")`,
        '',
        '',
        '@pytest.fixture',
        'def client():',
        '    from app.main import app',
        '    from fastapi.testclient import TestClient',
        '    return TestClient(app)',
      ].join('\n'),
      'docker-compose.yml': [
        'services:',
        '  api:',
        '    build: .',
        '    environment:',
        `      - RETRAC_API_KEY=\${RETRAC_API_KEY:-${composeKey}}`,
        '      - DATABASE_URL=postgresql://stock:stock@db/stock',
        '  db:',
        '    image: postgres:16',
      ].join('\n'),
      'alembic/versions/0003_seed_integrations.py': [
        '"""seed integrations"""',
        'from alembic import op',
        '',
        'revision = "0003"',
        'down_revision = "0002"',
        '',
        '',
        'def upgrade():',
        `    op.execute("INSERT INTO integrations (name, token) VALUES ('retrac', '${seeded}')")`,
      ].join('\n'),
    },
    expected: [
      { file: 'app/settings.py', on: 'retrac_api_key', rule: 'retrac/full-access-key' },
      { file: 'scripts/backfill_levels.py', on: 'KEY = ', rule: 'retrac/full-access-key' },
      { file: 'scripts/backfill_levels.py', on: 'requests.get', rule: 'retrac/missing-workspace-id' },
      { file: 'tests/conftest.py', on: testKey, rule: 'retrac/restricted-key' },
      { file: 'docker-compose.yml', on: composeKey, rule: 'retrac/full-access-key' },
      { file: 'alembic/versions/0003_seed_integrations.py', on: seeded, rule: 'retrac/full-access-key' },
    ],
  };
}

function blazorApp(): Project {
  const browserKey = fakeKey('restricted');
  const devKey = fakeKey('full');
  const ws = workspaceIdLiteral();
  return {
    name: 'Blazor WebAssembly app',
    files: {
      '.gitignore': 'bin/\nobj/\n*.user\n',
      'Client/wwwroot/appsettings.json': JSON.stringify({ Retrac: { BaseUrl: API, ApiKey: browserKey }, Logging: { LogLevel: { Default: 'Information' } } }, null, 2),
      'Server/appsettings.Development.json': JSON.stringify({ ConnectionStrings: { Stock: 'Server=.;Database=Stock;Trusted_Connection=True' }, Retrac: { ApiKey: devKey } }, null, 2),
      'Server/Program.cs': [
        'var builder = WebApplication.CreateBuilder(args);',
        'builder.Services.AddHttpClient("retrac", c =>',
        '{',
        '    c.BaseAddress = new Uri("http://api.retrac.co/");',
        '});',
        'builder.Services.AddScoped<StockService>();',
        'var app = builder.Build();',
        'app.MapGet("/levels", (StockService s) => s.LevelsAsync());',
        'app.Run();',
      ].join('\n'),
      'Server/Services/StockService.cs': [
        'using System.Net.Http.Headers;',
        'using Microsoft.Extensions.Options;',
        '',
        'public sealed class StockService(IHttpClientFactory factory, IOptions<RetracOptions> options)',
        '{',
        '    public async Task<List<Level>?> LevelsAsync()',
        '    {',
        '        var http = factory.CreateClient("retrac");',
        '        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);',
        '        return await http.GetFromJsonAsync<List<Level>>($"inventory/levels?workspaceId={options.Value.WorkspaceId}");',
        '    }',
        '}',
      ].join('\n'),
      '.github/workflows/deploy.yml': [
        'name: deploy',
        'on: { push: { branches: [main] } }',
        'jobs:',
        '  smoke:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - name: Retrac reachable',
        '        run: |',
        '          curl -fsS -H "Authorization: Bearer ${{ secrets.RETRAC_KEY }}" \\',
        `            "${API}/items?workspaceId=${ws}&limit=1"`,
      ].join('\n'),
    },
    expected: [
      { file: 'Client/wwwroot/appsettings.json', on: browserKey, rule: 'retrac/restricted-key' },
      // Not labelled at first: a Blazor WebAssembly app's wwwroot/appsettings.json is the config the client app runs with
      // (as Angular's environment.ts), which the rule covers (W's round 2); the key is also in the browser.
      { file: 'Client/wwwroot/appsettings.json', on: browserKey, rule: 'retrac/client-exposed-key' },
      { file: 'Server/appsettings.Development.json', on: devKey, rule: 'retrac/full-access-key' },
      { file: 'Server/Program.cs', on: 'http://api.retrac.co', rule: 'retrac/insecure-http' },
      { file: '.github/workflows/deploy.yml', on: `workspaceId=${ws}`, rule: 'retrac/hardcoded-workspace-id' },
    ],
  };
}

function electronApp(): Project {
  const key = fakeKey('full');
  const gh = 'ghp_' + fakeKey('full') + 'abcdefghijkl';
  return {
    name: 'Electron desktop app',
    files: {
      '.gitignore': 'node_modules\nout\n',
      'src/main/retrac.ts': [
        "import { net } from 'electron';",
        '',
        `const API = '${API}';`,
        `const RETRAC_KEY = '${key}';`,
        '',
        'export function pendingTransfers(): Promise<string> {',
        '  return new Promise((resolve, reject) => {',
        "    const request = net.request({ method: 'GET', url: `${API}/inventory/transfers?status=pending` });",
        "    request.setHeader('Authorization', `Bearer ${RETRAC_KEY}`);",
        "    let body = '';",
        "    request.on('response', (res) => { res.on('data', (c) => (body += c)); res.on('end', () => resolve(body)); });",
        "    request.on('error', reject);",
        '    request.end();',
        '  });',
        '}',
      ].join('\n'),
      'src/preload.ts': [
        "import { contextBridge, ipcRenderer } from 'electron';",
        '',
        "contextBridge.exposeInMainWorld('stock', {",
        "  transfers: () => ipcRenderer.invoke('transfers'),",
        '  retracKey: process.env.RETRAC_API_KEY,',
        '});',
      ].join('\n'),
      'electron-builder.yml': `appId: co.example.stock\npublish:\n  provider: github\n  token: ${gh}\n`,
      'src/renderer/index.html': `<!doctype html>\n<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src ${API}">\n<div id="app"></div>\n<script type="module" src="./main.ts"></script>\n`,
    },
    expected: [
      { file: 'src/main/retrac.ts', on: 'RETRAC_KEY = ', rule: 'retrac/full-access-key' },
      { file: 'src/main/retrac.ts', on: 'net.request', rule: 'retrac/missing-workspace-id' },
      { file: 'src/preload.ts', on: 'retracKey', rule: 'retrac/client-exposed-key' },
    ],
  };
}

function wordpressPlugin(): Project {
  const key = fakeKey('full');
  const ws = workspaceIdLiteral();
  return {
    name: 'WordPress plugin',
    files: {
      'retrac-stock/retrac-stock.php': [
        '<?php',
        '/**',
        ' * Plugin Name: Retrac Stock',
        ' * Description: Shows stock levels from Retrac on product pages.',
        ' */',
        "defined( 'ABSPATH' ) || exit;",
        '',
        `define( 'RETRAC_STOCK_API_KEY', '${key}' );`,
        '',
        'function retrac_stock_items() {',
        "\t$response = wp_remote_get( 'https://api.retrac.co/items?per_page=50', array( 'headers' => array( 'Authorization' => 'Bearer ' . RETRAC_STOCK_API_KEY ), 'timeout' => 15 ) );",
        '\tif ( is_wp_error( $response ) ) {',
        '\t\treturn array();',
        '\t}',
        "\treturn json_decode( wp_remote_retrieve_body( $response ), true );",
        '}',
      ].join('\n'),
      'retrac-stock/includes/class-sync.php': [
        '<?php',
        'class Retrac_Stock_Sync {',
        '\tpublic function push( $sku, $qty ) {',
        '\t\t$args = array(',
        "\t\t\t'headers' => array( 'Authorization' => 'Bearer ' . get_option( 'retrac_stock_key' ), 'Content-Type' => 'application/json' ),",
        `\t\t\t'body'    => wp_json_encode( array( 'workspaceId' => '${ws}', 'sku' => $sku, 'quantity' => $qty ) ),`,
        '\t\t);',
        "\t\treturn wp_remote_post( 'https://api.retrac.co/items', $args );",
        '\t}',
        '}',
      ].join('\n'),
      'retrac-stock/readme.txt': '=== Retrac Stock ===\nRequires at least: 6.0\n\nGet an API key at https://retrac.co and paste it in Settings → Retrac Stock.\n',
    },
    expected: [
      { file: 'retrac-stock/retrac-stock.php', on: key, rule: 'retrac/full-access-key' },
      { file: 'retrac-stock/retrac-stock.php', on: 'wp_remote_get', rule: 'retrac/missing-workspace-id' },
      { file: 'retrac-stock/includes/class-sync.php', on: ws, rule: 'retrac/hardcoded-workspace-id' },
    ],
  };
}

function ansibleTerraform(): Project {
  const tfvarsKey = fakeKey('full');
  const localKey = fakeKey('full');
  const groupKey = fakeKey('restricted');
  const unitKey = fakeKey('full');
  return {
    name: 'Terraform and Ansible infra',
    files: {
      '.gitignore': '.terraform/\n*.tfstate\n*.tfstate.backup\n',
      'terraform/prod.auto.tfvars': `region          = "eu-west-1"\nretrac_api_key  = "${tfvarsKey}"\ninstance_type   = "t3.small"\n`,
      'terraform/checks.tf': [
        'locals {',
        `  retrac_token = "${localKey}"`,
        '}',
        '',
        'data "http" "retrac_locations" {',
        `  url = "${API}/locations"`,
        '  request_headers = {',
        '    Authorization = "Bearer ${local.retrac_token}"',
        '  }',
        '}',
      ].join('\n'),
      'ansible/group_vars/all/vars.yml': `stock_user: stock\nretrac_token: "${groupKey}"\nretrac_base_url: ${API}\n`,
      'ansible/group_vars/all/vault.yml': '$ANSIBLE_VAULT;1.1;AES256\n' + Array.from({ length: 6 }, (_, i) => `${(i + 1).toString(16).padStart(2, '0')}${'6a3f9c2e'.repeat(9)}`).join('\n') + '\n',
      'ansible/roles/stock/templates/stock-sync.service.j2': [
        '[Unit]',
        'Description=Stock sync',
        '',
        '[Service]',
        'User={{ stock_user }}',
        `Environment=RETRAC_API_KEY=${unitKey}`,
        'ExecStart=/usr/local/bin/stock-sync',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
      ].join('\n'),
    },
    expected: [
      { file: 'terraform/prod.auto.tfvars', on: tfvarsKey, rule: 'retrac/full-access-key' },
      { file: 'terraform/checks.tf', on: localKey, rule: 'retrac/full-access-key' },
      { file: 'terraform/checks.tf', on: '/locations', rule: 'retrac/missing-workspace-id' },
      { file: 'ansible/group_vars/all/vars.yml', on: groupKey, rule: 'retrac/restricted-key' },
      { file: 'ansible/roles/stock/templates/stock-sync.service.j2', on: unitKey, rule: 'retrac/full-access-key' },
    ],
  };
}

// Round 4: written while the helpers of this stop worked, before merging or reading any of their fixes (held out).
function goResty(): Project {
  const cfgKey = fakeKey('full');
  const mkKey = fakeKey('full');
  const sentry = fakeKey('full').toLowerCase() + '00000000';
  return {
    name: 'Go service with resty and Viper',
    files: {
      '.gitignore': 'bin/\n*.local.yaml\n',
      'config/config.yaml': [
        'server:',
        '  port: 8080',
        'sentry:',
        `  dsn: https://${sentry}@o1.ingest.sentry.io/42`,
        'retrac:',
        `  base_url: ${API}`,
        `  api_key: ${cfgKey}`,
      ].join('\n'),
      'internal/stock/client.go': [
        'package stock',
        '',
        'import (',
        '\t"github.com/go-resty/resty/v2"',
        '\t"github.com/spf13/viper"',
        ')',
        '',
        'func NewClient() *resty.Client {',
        '\treturn resty.New().',
        '\t\tSetBaseURL(viper.GetString("retrac.base_url")).',
        '\t\tSetAuthToken(viper.GetString("retrac.api_key"))',
        '}',
      ].join('\n'),
      Makefile: [
        'RETRAC_URL ?= https://api.retrac.co',
        `RETRAC_KEY ?= ${mkKey}`,
        '',
        '.PHONY: smoke',
        'smoke:',
        '\tcurl -fsS -H "Authorization: Bearer $(RETRAC_KEY)" $(RETRAC_URL)/locations | jq length',
      ].join('\n'),
    },
    expected: [
      { file: 'config/config.yaml', on: cfgKey, rule: 'retrac/full-access-key' },
      { file: 'Makefile', on: mkKey, rule: 'retrac/full-access-key' },
      { file: 'Makefile', on: 'curl -fsS', rule: 'retrac/missing-workspace-id' },
    ],
  };
}

function nuxtApp(): Project {
  const publicKey = fakeKey('restricted');
  const stagingKey = fakeKey('restricted');
  const ws = workspaceIdLiteral();
  return {
    name: 'Nuxt 3 app',
    files: {
      '.gitignore': 'node_modules\n.nuxt\n.output\n.env\n',
      'nuxt.config.ts': [
        'export default defineNuxtConfig({',
        "  modules: ['@pinia/nuxt'],",
        '  runtimeConfig: {',
        '    retracApiKey: \'\',',
        '    public: {',
        `      retracKey: '${publicKey}',`,
        `      retracBase: '${API}',`,
        '    },',
        '  },',
        '});',
      ].join('\n'),
      '.env.staging': `NUXT_PUBLIC_RETRAC_KEY=${stagingKey}\nNUXT_PUBLIC_RETRAC_WORKSPACE=${ws}\n`,
      'server/api/levels.get.ts': [
        'export default defineEventHandler(async (event) => {',
        '  const cfg = useRuntimeConfig(event);',
        "  const q = getQuery(event);",
        '  return $fetch(`${cfg.public.retracBase}/inventory/levels`, {',
        '    query: { workspaceId: q.ws, locationId: q.loc },',
        '    headers: { Authorization: `Bearer ${cfg.retracApiKey}` },',
        '  });',
        '});',
      ].join('\n'),
    },
    expected: [
      { file: 'nuxt.config.ts', on: publicKey, rule: 'retrac/restricted-key' },
      { file: 'nuxt.config.ts', on: publicKey, rule: 'retrac/client-exposed-key' },
      { file: '.env.staging', on: stagingKey, rule: 'retrac/restricted-key' },
      { file: '.env.staging', on: stagingKey, rule: 'retrac/client-exposed-key' },
    ],
  };
}

function swiftApp(): Project {
  const key = fakeKey('full');
  const xc = fakeKey('restricted');
  return {
    name: 'iOS app in Swift',
    files: {
      'Stock/Config/Release.xcconfig': `PRODUCT_BUNDLE_IDENTIFIER = co.example.stock\nRETRAC_API_KEY = ${xc}\n`,
      'Stock/Services/RetracService.swift': [
        'import Foundation',
        '',
        'enum RetracConfig {',
        '    static let baseURL = URL(string: "https://api.retrac.co")!',
        `    static let apiKey = "${key}"`,
        '}',
        '',
        'final class RetracService {',
        '    func tags() async throws -> Data {',
        '        var request = URLRequest(url: RetracConfig.baseURL.appendingPathComponent("tags"))',
        '        request.setValue("Bearer \\(RetracConfig.apiKey)", forHTTPHeaderField: "Authorization")',
        '        let (data, _) = try await URLSession.shared.data(for: request)',
        '        return data',
        '    }',
        '}',
      ].join('\n'),
    },
    expected: [
      { file: 'Stock/Config/Release.xcconfig', on: xc, rule: 'retrac/restricted-key' },
      { file: 'Stock/Services/RetracService.swift', on: key, rule: 'retrac/full-access-key' },
      { file: 'Stock/Services/RetracService.swift', on: 'URLRequest(url:', rule: 'retrac/missing-workspace-id' },
    ],
  };
}

function rustAxum(): Project {
  const cargoKey = fakeKey('full');
  const testKey = fakeKey('restricted');
  const ws = workspaceIdLiteral();
  return {
    name: 'Rust Axum service',
    files: {
      '.gitignore': 'target/\n',
      '.cargo/config.toml': `[env]\nRETRAC_API_KEY = "${cargoKey}"\nRUST_LOG = "info"\n`,
      'src/retrac.rs': [
        'use reqwest::Client;',
        '',
        'pub async fn transfer(client: &Client, key: &str, body: serde_json::Value) -> reqwest::Result<()> {',
        '    client',
        '        .post("https://api.retrac.co/inventory/transfers")',
        '        .bearer_auth(key)',
        '        .query(&[("workspaceId", std::env::var("RETRAC_WORKSPACE_ID").unwrap_or_default())])',
        '        .json(&body)',
        '        .send()',
        '        .await?',
        '        .error_for_status()?;',
        '    Ok(())',
        '}',
      ].join('\n'),
      'tests/transfer.rs': [
        '#[tokio::test]',
        'async fn sends_a_transfer() {',
        `    let key = "${testKey}";`,
        '    let client = reqwest::Client::new();',
        '    let res = client',
        `        .get("https://api.retrac.co/inventory/transfers?workspaceId=${ws}")`,
        '        .bearer_auth(key)',
        '        .send()',
        '        .await',
        '        .unwrap();',
        '    assert!(res.status().is_success());',
        '}',
      ].join('\n'),
    },
    expected: [
      { file: '.cargo/config.toml', on: cargoKey, rule: 'retrac/full-access-key' },
      { file: 'tests/transfer.rs', on: testKey, rule: 'retrac/restricted-key' },
      { file: 'tests/transfer.rs', on: '.get(', rule: 'retrac/workspace-id-with-restricted-key' },
      { file: 'tests/transfer.rs', on: '.get(', rule: 'retrac/hardcoded-workspace-id' },
    ],
  };
}

function jenkinsLibrary(): Project {
  const key = fakeKey('full');
  return {
    name: 'Java library with a Jenkinsfile',
    files: {
      Jenkinsfile: [
        'pipeline {',
        '  agent any',
        '  environment {',
        `    RETRAC_API_KEY = '${key}'`,
        "    GRADLE_OPTS = '-Xmx1g'",
        '  }',
        '  stages {',
        "    stage('Build') { steps { sh './gradlew build' } }",
        "    stage('Smoke') {",
        '      steps {',
        '        sh \'curl -fsS -H "Authorization: Bearer $RETRAC_API_KEY" https://api.retrac.co/tags\'',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      'build.gradle': "plugins { id 'java-library' }\nrepositories { mavenCentral() }\ndependencies { implementation 'com.squareup.okhttp3:okhttp:4.12.0' }\n",
    },
    expected: [
      { file: 'Jenkinsfile', on: key, rule: 'retrac/full-access-key' },
      { file: 'Jenkinsfile', on: 'curl -fsS', rule: 'retrac/missing-workspace-id' },
    ],
  };
}

function supabaseEdge(): Project {
  const fallback = fakeKey('full');
  const fnEnv = fakeKey('restricted');
  return {
    name: 'Supabase edge functions',
    files: {
      '.gitignore': 'node_modules\n.env\n',
      'supabase/functions/.env': `RETRAC_API_KEY=${fnEnv}\n`,
      'supabase/functions/sync-transfers/index.ts': [
        "import { createClient } from 'jsr:@supabase/supabase-js@2';",
        '',
        `const RETRAC_KEY = Deno.env.get('RETRAC_API_KEY') ?? '${fallback}';`,
        '',
        'Deno.serve(async () => {',
        "  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);",
        "  const res = await fetch('https://api.retrac.co/inventory/transfers?status=in_transit', { headers: { Authorization: `Bearer ${RETRAC_KEY}` } });",
        "  await supabase.from('transfers').upsert(await res.json());",
        "  return new Response('ok');",
        '});',
      ].join('\n'),
    },
    expected: [
      // Not labelled: `.env` in .gitignore also ignores supabase/functions/.env, and git-ignored env files are quiet for the
      // key rules (the label written first was wrong; the scanner was right).
      { file: 'supabase/functions/sync-transfers/index.ts', on: fallback, rule: 'retrac/full-access-key' },
      { file: 'supabase/functions/sync-transfers/index.ts', on: "fetch('https://api.retrac.co/inventory/transfers", rule: 'retrac/missing-workspace-id' },
    ],
  };
}

function flaskApp(): Project {
  const ws = workspaceIdLiteral();
  return {
    name: 'Flask app rendering a page',
    files: {
      'app.py': [
        'import os',
        '',
        'from flask import Flask, render_template',
        '',
        'app = Flask(__name__)',
        '',
        '',
        '@app.route("/stock")',
        'def stock():',
        '    return render_template("stock.html", retrac_key=os.environ["RETRAC_API_KEY"], workspace=os.environ["RETRAC_WORKSPACE_ID"])',
      ].join('\n'),
      'templates/stock.html': [
        '<!doctype html>',
        '<div id="stock"></div>',
        '<script>',
        `  fetch("${API}/items?workspaceId={{ workspace }}", { headers: { Authorization: "Bearer {{ retrac_key }}" } })`,
        '    .then((r) => r.json())',
        '    .then((items) => { document.getElementById("stock").textContent = items.data.length; });',
        '</script>',
      ].join('\n'),
      'tests/fixtures/items.json': JSON.stringify({ data: [{ id: 'itm_1', workspaceId: ws }] }),
    },
    expected: [
      { file: 'app.py', on: 'render_template("stock.html"', rule: 'retrac/client-exposed-key' },
      { file: 'templates/stock.html', on: '{{ retrac_key }}', rule: 'retrac/client-exposed-key' },
    ],
  };
}

const PROJECTS = [nextApp, djangoService, springService, goWorker, infraRepo, mobileApp, dotnetApi, laravelShop, docsSite, dataScience, monorepo, railsApp, rustCli, phoenixApp, androidKtor, edgeWorker, opsRepo, vueSpa, javaLegacy, svelteKitShop, fastApiService, blazorApp, electronApp, wordpressPlugin, ansibleTerraform, goResty, nuxtApp, swiftApp, rustAxum, jenkinsLibrary, supabaseEdge, flaskApp];

interface Labelled {
  project: string;
  key: string;
  gap?: string;
}

function lineOf(content: string, needle: string): number {
  const at = content.indexOf(needle);
  if (at < 0) throw new Error(`label text not in file: ${needle}`);
  return content.slice(0, at).split('\n').length;
}

describe('scanner on whole projects (walk, .gitignore, env files, bundles, data)', () => {
  const root = mkdtempSync(join(tmpdir(), 'retrac-projects-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const misses: string[] = [];
  const extras: string[] = [];
  const gaps: string[] = [];
  const perRule = new Map<string, { expected: number; found: number; extra: number }>();
  const tally = (rule: string) => perRule.get(rule) ?? (perRule.set(rule, { expected: 0, found: 0, extra: 0 }), perRule.get(rule)!);

  for (const make of PROJECTS) {
    const project = make();
    it(project.name, () => {
      const dir = join(root, project.name.replace(/\W+/g, '-'));
      for (const [file, content] of Object.entries(project.files)) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), content);
      }
      const result = scanInputs({ roots: [dir] });
      assert.deepEqual(result.skipped, [], 'every file was read');
      const want = new Map<string, Labelled>();
      for (const e of project.expected) {
        const k = `${e.file}:${lineOf(project.files[e.file], e.on)}:${e.rule}`;
        want.set(k, { project: project.name, key: k, gap: e.gap });
        tally(e.rule).expected++;
      }
      const got = new Set(result.findings.map((f) => `${relative(dir, f.path).split('\\').join('/')}:${f.finding.line}:${f.finding.rule}`));
      const problems: string[] = [];
      for (const [k, { gap }] of want) {
        const rule = k.slice(k.lastIndexOf(':') + 1);
        if (got.has(k)) {
          tally(rule).found++;
          if (gap) problems.push(`found ${k}, marked as a known gap: drop the mark`);
        } else if (gap) gaps.push(`${project.name}: ${k} (${gap})`);
        else problems.push(`missed ${k}`);
      }
      for (const k of got) {
        if (want.has(k)) continue;
        tally(k.slice(k.lastIndexOf(':') + 1)).extra++;
        problems.push(`false finding ${k}`);
      }
      misses.push(...problems.filter((p) => p.startsWith('missed')).map((p) => `${project.name}: ${p}`));
      extras.push(...problems.filter((p) => p.startsWith('false')).map((p) => `${project.name}: ${p}`));
      assert.deepEqual(problems, []);
    });
  }

  after(() => {
    const rows = [...perRule].sort().map(([rule, t]) => `  ${rule.padEnd(42)} recall ${t.found}/${t.expected}, false ${t.extra}`);
    console.log(`      projects: per rule\n${rows.join('\n')}${misses.length ? `\n  missed:\n    ${misses.join('\n    ')}` : ''}${extras.length ? `\n  false:\n    ${extras.join('\n    ')}` : ''}${gaps.length ? `\n  open gaps (known misses, not asserted):\n    ${gaps.join('\n    ')}` : ''}`);
  });
});

// A class found by the project round: XML configs name a value by a sibling element or an attribute.
describe('XML name/value elements (web.xml, Hadoop-style <property>, properties XML)', () => {
  const cases: [string, string, (k: string) => string, boolean][] = [
    ['web.xml context-param', 'WEB-INF/web.xml', (k) => `<context-param>\n  <param-name>retrac.apiKey</param-name>\n  <param-value>${k}</param-value>\n</context-param>`, true],
    ['web.xml env-entry on one line', 'WEB-INF/web.xml', (k) => `<env-entry><env-entry-name>RETRAC_TOKEN</env-entry-name><env-entry-type>java.lang.String</env-entry-type><env-entry-value>${k}</env-entry-value></env-entry>`, true],
    ['Hadoop-style property, multi-line', 'conf/site.xml', (k) => `<configuration>\n  <property>\n    <name>retrac.api.key</name>\n    <value>${k}</value>\n  </property>\n</configuration>`, true],
    ['Hadoop-style property, one line', 'conf/site.xml', (k) => `<property><name>retrac.token</name><value>${k}</value></property>`, true],
    ['Java properties XML entry', 'config.xml', (k) => `<?xml version="1.0"?>\n<properties>\n  <entry key="retrac.token">${k}</entry>\n</properties>`, true],
    ['.NET settings with a name attribute', 'Settings.settings', (k) => `<Setting Name="RetracApiKey" Type="System.String" Scope="Application">\n  <Value Profile="(Default)">${k}</Value>\n</Setting>`, true],
    ['negative: SMTP password param', 'WEB-INF/web.xml', (k) => `<context-param>\n  <param-name>smtp.password</param-name>\n  <param-value>${k}</param-value>\n</context-param>`, false],
    ['negative: courier property', 'conf/site.xml', (k) => `<property><name>courier.api.key</name><value>${k}</value></property>`, false],
    ['negative: a Retrac non-key value', 'conf/site.xml', (k) => `<property>\n  <name>retrac.location.default</name>\n  <value>${k}</value>\n</property>`, false],
    ['negative: entry for another service', 'config.xml', (k) => `<properties>\n  <entry key="maps.api.key">${k}</entry>\n</properties>`, false],
  ];
  for (const [name, file, make, leak] of cases) {
    it(`${leak ? 'finds' : 'stays quiet on'}: ${name}`, () => {
      const key = fakeKey('full');
      const found = scanText(make(key), { fileName: file }).filter((f) => f.rule === 'retrac/full-access-key');
      assert.equal(found.length, leak ? 1 : 0, JSON.stringify(found.map((f) => f.message)));
    });
  }
});

// A class found by the project round: a key compiled into an app from a lookup, not a literal.
describe('build flags that compile a Retrac key into an app from a lookup', () => {
  const cases: [string, string, string, boolean][] = [
    ['Gradle Kotlin DSL, project property', 'app/build.gradle.kts', 'buildConfigField("String", "RETRAC_KEY", "\\"${project.property("RETRAC_KEY")}\\"")', true],
    ['Gradle Groovy, System.getenv', 'app/build.gradle', 'buildConfigField "String", "RETRAC_TOKEN", "\\"${System.getenv(\'RETRAC_TOKEN\')}\\""', true],
    ['Gradle resValue from local.properties', 'app/build.gradle.kts', 'resValue("string", "retrac_api_key", localProperties.getProperty("retrac.apiKey"))', true],
    ['flutter build in a shell script', 'scripts/release.sh', 'flutter build apk --release --dart-define=RETRAC_API_KEY=$RETRAC_API_KEY', true],
    ['flutter run in CI YAML', '.github/workflows/app.yml', '      - run: flutter build ipa --dart-define=RETRAC_TOKEN=${{ secrets.RETRAC_TOKEN }}', true],
    ['negative: a base URL field', 'app/build.gradle.kts', 'buildConfigField("String", "RETRAC_BASE_URL", "\\"https://api.retrac.co\\"")', false],
    ['negative: a maps key field', 'app/build.gradle.kts', 'buildConfigField("String", "MAPS_KEY", "\\"${project.property("MAPS_KEY")}\\"")', false],
    ['negative: a workspace id define', 'scripts/release.sh', 'flutter build apk --dart-define=RETRAC_WORKSPACE_ID=$RETRAC_WORKSPACE_ID', false],
  ];
  for (const [name, file, line, exposed] of cases) {
    it(`${exposed ? 'reports' : 'stays quiet on'}: ${name}`, () => {
      const found = scanText(`// build\n${line}\n`, { fileName: file }).filter((f) => f.rule === 'retrac/client-exposed-key');
      assert.equal(found.length, exposed ? 1 : 0, JSON.stringify(found.map((f) => f.message)));
      if (exposed) assert.match(found[0].message, /compiled into the app/);
    });
  }
});

// A class found by the project round: a variable assigned an env lookup with a key fallback holds that key;
// a request further down that sends the variable sends the fallback (not only the env name it looks up).
describe('a key fallback reaches a request through the variable it is assigned to', () => {
  const far = (request: string, opener: string, closer: string): string => `${opener}\n  // a few lines of other work\n  log('sync');\n  ${request}\n${closer}`;
  const cases: [string, string, (k: string, url: string) => string][] = [
    ['Deno, ?? fallback, fetch in Deno.serve', 'functions/sync/index.ts', (k, url) => `const RETRAC_KEY = Deno.env.get('RETRAC_API_KEY') ?? '${k}';\n\n${far(`const res = await fetch('${url}', { headers: { Authorization: \`Bearer \${RETRAC_KEY}\` } });`, 'Deno.serve(async () => {', '});')}`],
    ['Node, || fallback, axios in a function', 'src/sync.js', (k, url) => `const token = process.env.RETRAC_TOKEN || '${k}';\n\n${far(`const { data } = await axios.get('${url}', { headers: { Authorization: 'Bearer ' + token } });`, 'export async function sync() {', '}')}`],
    ['Python os.getenv default, requests in a function', 'sync.py', (k, url) => `import os\nimport requests\n\nAPI_TOKEN = os.getenv("RETRAC_API_KEY", "${k}")\n\n\ndef sync():\n    log("sync")\n    other = 1\n    return requests.get("${url}", headers={"Authorization": f"Bearer {API_TOKEN}"}).json()`],
    ['Ruby ENV.fetch default, Net::HTTP in a method', 'lib/sync.rb', (k, url) => `TOKEN = ENV.fetch("RETRAC_API_KEY", "${k}")\n\ndef sync\n  log "sync"\n  uri = URI("${url}")\n  req = Net::HTTP::Get.new(uri, "Authorization" => "Bearer #{TOKEN}")\n  Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }\nend`],
    ['Kotlin ?: fallback, OkHttp in a function', 'Sync.kt', (k, url) => `val apiToken = System.getenv("RETRAC_API_KEY") ?: "${k}"\n\nfun sync(client: OkHttpClient) {\n    log("sync")\n    val req = Request.Builder().url("${url}").header("Authorization", "Bearer $apiToken").build()\n    client.newCall(req).execute()\n}`],
    ['C# ?? fallback, HttpClient in a method', 'Sync.cs', (k, url) => `static readonly string Token = Environment.GetEnvironmentVariable("RETRAC_API_KEY") ?? "${k}";\n\nstatic async Task SyncAsync(HttpClient http)\n{\n    Log("sync");\n    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);\n    await http.GetStringAsync("${url}");\n}`],
    ['PHP ?: fallback, curl in a function', 'sync.php', (k, url) => `<?php\n$token = getenv('RETRAC_API_KEY') ?: '${k}';\n\nfunction sync($token) {\n    error_log('sync');\n    $ch = curl_init('${url}');\n    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . $token]);\n    return curl_exec($ch);\n}`],
    ['shell ${X:-…} default, curl further down', 'sync.sh', (k, url) => `#!/usr/bin/env bash\nset -euo pipefail\nTOKEN="\${RETRAC_API_KEY:-${k}}"\n\necho "sync"\nfor page in 1 2; do\n  curl -fsS -H "Authorization: Bearer $TOKEN" "${url}&page=$page"\ndone`],
  ];
  for (const [name, file, make] of cases) {
    it(`reports the request: ${name}`, () => {
      const key = fakeKey('full');
      const found = scanText(make(key, `${API}/items?limit=50`), { fileName: file });
      assert.ok(found.some((f) => f.rule === 'retrac/full-access-key'), JSON.stringify(found.map((f) => f.rule)));
      assert.equal(found.filter((f) => f.rule === 'retrac/missing-workspace-id').length, 1, JSON.stringify(found.map((f) => `${f.line}:${f.rule}`)));
    });
    it(`stays quiet when the request goes to another host: ${name}`, () => {
      const key = fakeKey('full');
      const found = scanText(make(key, 'https://api.courier.example/v2/parcels?limit=50').replace(/RETRAC_(API_KEY|TOKEN)/g, 'COURIER_$1'), { fileName: file });
      assert.deepEqual(found.map((f) => f.rule), []);
    });
  }
});

// Classes found by the project round: a request sends a key through a Make variable (`$(RETRAC_KEY)`,
// set with `=`, `?=`, `:=`), or through a member of a constants object, class or enum
// (`RetracConfig.apiKey`, `Constants.API_KEY`, `config.retrac.apiKey`): the definition is followed.
describe('keys sent through a Make variable or an object member', () => {
  const cases: [string, string, (k: string, other: string, url: string) => string, boolean][] = [
    ['Makefile ?= and $(VAR)', 'Makefile', (k, _o, url) => `RETRAC_KEY ?= ${k}\n\n.PHONY: smoke\nsmoke:\n\tcurl -fsS -H "Authorization: Bearer $(RETRAC_KEY)" ${url} | jq length`, true],
    ['Makefile := and --oauth2-bearer', 'tools.mk', (k, _o, url) => `export RETRAC_TOKEN := ${k}\n\nlist:\n\t@echo listing\n\tcurl --oauth2-bearer $(RETRAC_TOKEN) "${url}"`, true],
    ['Swift enum static let', 'Api.swift', (k, _o, url) => `enum RetracConfig {\n    static let apiKey = "${k}"\n}\n\nfunc tags() async throws {\n    var request = URLRequest(url: URL(string: "${url}")!)\n    request.setValue("Bearer \\(RetracConfig.apiKey)", forHTTPHeaderField: "Authorization")\n    _ = try await URLSession.shared.data(for: request)\n}`, true],
    ['Kotlin object const val', 'Tags.kt', (k, _o, url) => `object RetracConfig {\n    const val API_KEY = "${k}"\n}\n\nfun tags(client: OkHttpClient) {\n    val req = Request.Builder()\n        .url("${url}")\n        .header("Authorization", "Bearer \${RetracConfig.API_KEY}")\n        .build()\n    client.newCall(req).execute()\n}`, true],
    ['Java constants class', 'Tags.java', (k, _o, url) => `public final class Constants {\n    public static final String API_KEY = "${k}";\n}\n\nclass Tags {\n    HttpRequest req = HttpRequest.newBuilder(URI.create("${url}"))\n        .header("Authorization", "Bearer " + Constants.API_KEY)\n        .build();\n}`, true],
    ['Dart class static const', 'lib/tags.dart', (k, _o, url) => `class Secrets {\n  static const retracApiKey = '${k}';\n}\n\nFuture<void> tags() async {\n  await http.get(Uri.parse('${url}'), headers: {'Authorization': 'Bearer \${Secrets.retracApiKey}'});\n}`, true],
    ['JS nested config object, two services', 'src/tags.ts', (k, o, url) => `const config = {\n  retrac: { apiKey: '${k}' },\n  courier: { apiKey: '${o}' },\n};\n\nexport async function tags() {\n  return fetch('${url}', { headers: { Authorization: \`Bearer \${config.retrac.apiKey}\` } });\n}`, true],
    ['Terraform local.x from locals { }', 'checks.tf', (k, _o, url) => `locals {\n  retrac_token = "${k}"\n}\n\ndata "http" "tags" {\n  url = "${url}"\n  request_headers = {\n    Authorization = "Bearer \${local.retrac_token}"\n  }\n}`, true],
    ['negative: the member sent belongs to an object that holds no key', 'src/tags.ts', (_k, o, url) => `const retrac = { baseUrl: '${API}' };\nconst courier = { apiKey: '${o}' };\n\nexport async function tags() {\n  log('tags');\n  return fetch('${url}', { headers: { Authorization: \`Bearer \${retrac.apiKey}\` } });\n}`, false],
    ['negative: Makefile variable sent to another host', 'Makefile', (_k, o) => `COURIER_KEY ?= ${o}\n\nquote:\n\tcurl -fsS -H "Authorization: Bearer $(COURIER_KEY)" https://api.courier.example/v2/quotes`, false],
  ];
  for (const [name, file, make, leak] of cases) {
    it(`${leak ? 'reports the key and the request' : 'stays quiet'}: ${name}`, () => {
      const found = scanText(make(fakeKey('full'), fakeKey('full'), `${API}/tags`), { fileName: file });
      const rules = found.map((f) => `${f.line}:${f.rule}`);
      if (!leak) return assert.deepEqual(rules, []);
      assert.equal(found.filter((f) => f.rule === 'retrac/full-access-key').length, 1, JSON.stringify(rules));
      assert.equal(found.filter((f) => f.rule === 'retrac/missing-workspace-id').length, 1, JSON.stringify(rules));
    });
  }
});

// A class found by the project round: a workspace-scoped path without any slash joined to a Retrac base URL
// bound to a name (also through a URL constructor or parser: `URL(string: "…")`, `URI.create("…")`).
describe('a slashless path joined to a Retrac base URL', () => {
  const cases: [string, string, (k: string, host: string) => string][] = [
    ['Swift appendingPathComponent on URL(string:)', 'Tags.swift', (k, host) => `let baseURL = URL(string: "${host}")!\nlet apiKey = "${k}"\n\nfunc tags() async throws {\n    var request = URLRequest(url: baseURL.appendingPathComponent("tags"))\n    request.setValue("Bearer \\(apiKey)", forHTTPHeaderField: "Authorization")\n    _ = try await URLSession.shared.data(for: request)\n}`],
    ['Python urljoin', 'tags.py', (k, host) => `from urllib.parse import urljoin\nimport requests\n\nBASE = "${host}/"\nAPI_KEY = "${k}"\n\n\ndef items():\n    return requests.get(urljoin(BASE, "items"), headers={"Authorization": f"Bearer {API_KEY}"}).json()`],
    ['Java URI.create + resolve', 'Items.java', (k, host) => `class Items {\n    static final URI BASE = URI.create("${host}/");\n    static final String TOKEN = "${k}";\n\n    HttpRequest list() {\n        return HttpRequest.newBuilder(BASE.resolve("locations"))\n            .header("Authorization", "Bearer " + TOKEN)\n            .build();\n    }\n}`],
    ['C# new Uri(base, path)', 'Items.cs', (k, host) => `static readonly Uri BaseUri = new Uri("${host}/");\nconst string Token = "${k}";\n\nstatic async Task<string> ItemsAsync(HttpClient http)\n{\n    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);\n    return await http.GetStringAsync(new Uri(BaseUri, "items"));\n}`],
    ['Go url.JoinPath', 'items.go', (k, host) => `const base = "${host}"\nconst token = "${k}"\n\nfunc items() (*http.Response, error) {\n\tu, _ := url.JoinPath(base, "inventory/levels")\n\treq, _ := http.NewRequest("GET", u, nil)\n\treq.Header.Set("Authorization", "Bearer "+token)\n\treturn http.DefaultClient.Do(req)\n}`],
  ];
  for (const [name, file, make] of cases) {
    it(`reports the request: ${name}`, () => {
      const found = scanText(make(fakeKey('full'), API), { fileName: file });
      const rules = found.map((f) => `${f.line}:${f.rule}`);
      assert.equal(found.filter((f) => f.rule === 'retrac/missing-workspace-id').length, 1, JSON.stringify(rules));
    });
    it(`stays quiet on another host: ${name}`, () => {
      const found = scanText(make(fakeKey('full'), 'https://api.courier.example'), { fileName: file });
      assert.deepEqual(found.map((f) => `${f.line}:${f.rule}`), []);
    });
  }
});

// The readers added for the classes above (names bound by an assignment, members of named objects, Make
// variables, slashless paths, URL constructors) stay linear: adversarial contents each scan in under a second of CPU.
describe('adversarial contents for the readers added by the project rounds', function () {
  this.timeout(60_000);
  const MB = 1024 * 1024;
  const key = fakeKey('full');
  const sent = `fetch('${API}/items', { headers: { Authorization: \`Bearer \${Config.apiKey}\` } });`;
  const contents: [string, string][] = [
    ['member definitions on one line, then a member request', `const all = [${`{ note: 'padding text', apiKey: '${key}' }, `.repeat(MB / 64)}];\n${sent}`],
    ['member definitions on many lines under one owner', `const Config = {\n${`  apiKey: '${key}', // padding padding\n`.repeat(MB / 64)}};\n${sent}`],
    ['fallbacks assigned on one line', `${`token = process.env.RETRAC_API_KEY ?? '${key}'; // pad `.repeat(MB / 64)}\n${sent.replace('Config.apiKey', 'token')}`],
    ['a long identifier before the assignment', `${'a'.repeat(MB / 2)} = '${key}';\n${sent}`],
    ['URL constructors and slashless paths', `let base = URL(string: "${API}")!\n${'base.appendingPathComponent("items"), URL(string: '.repeat(MB / 52)}`],
    ['Make variables sent by few requests', `RETRAC_KEY ?= ${key}\n${`X$(RETRAC_KEY)$(RETRAC_KEY) = $(RETRAC_KEY) Bearer $(`.repeat(MB / 48)}\n\tcurl -H "Authorization: Bearer $(RETRAC_KEY)" ${API}/items`],
    ['key lookups passed to a view, many on one line', `res.render('stock', { ${'retracKey: process.env.RETRAC_API_KEY, note: os.environ["RETRAC_TOKEN"], '.repeat(MB / 76)} });`],
    ['env files merged', ''],
  ];
  for (const [label, text] of contents) {
    it(`${label}: under a second of CPU in each file kind`, () => {
      if (label === 'env files merged') {
        const env = `${'RETRAC_API_KEY=\nA=1\n'.repeat(MB / 24)}`;
        const { cpuMs } = withCpuMs(() => mergeEnvFiles([['.env', env], ['.env.example', env], ['.env.local', env]]));
        return assert.ok(cpuMs < 1000, `${cpuMs.toFixed(0)} ms of CPU`);
      }
      for (const fileName of ['src/a.ts', 'Makefile', 'Api.swift', 'Items.java', 'a.py']) {
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName }));
        assert.ok(cpuMs < 1000, `${label} as ${fileName}: ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
      }
    });
  }
});

// A class found by the project round: a server passes its Retrac key to a page template or a renderer.
describe('a Retrac key passed to a page template or a renderer', () => {
  const cases: [string, string, string, boolean][] = [
    ['Flask render_template keyword', 'app.py', 'return render_template("stock.html", retrac_key=os.environ["RETRAC_API_KEY"])', true],
    ['Django render context', 'views.py', 'return render(request, "stock.html", {"retrac_key": settings.RETRAC_API_KEY, "title": "Stock"})', true],
    ['Express res.render locals', 'routes/stock.js', "res.render('stock', { title: 'Stock', retracKey: process.env.RETRAC_API_KEY });", true],
    ['Laravel view data', 'app/Http/Controllers/StockController.php', "return view('stock', ['retracKey' => env('RETRAC_API_KEY')]);", true],
    ['Starlette TemplateResponse', 'main.py', 'return templates.TemplateResponse(request, "stock.html", {"key": os.getenv("RETRAC_API_KEY")})', true],
    ['Electron preload, multi-line', 'src/preload.ts', "contextBridge.exposeInMainWorld('stock', {\n  version: process.versions.electron,\n  retracKey: process.env.RETRAC_API_KEY,\n});", true],
    ['negative: a workspace id passed to the page', 'app.py', 'return render_template("stock.html", workspace=os.environ["RETRAC_WORKSPACE_ID"])', false],
    ['negative: the key used on the server, data to the page', 'app.py', 'items = retrac.items(api_key=os.environ["RETRAC_API_KEY"])\nreturn render_template("stock.html", items=items)', false],
    ['negative: another service key to the page', 'routes/map.js', "res.render('map', { mapsKey: process.env.MAPS_PUBLIC_KEY, note: 'retrac stock' });", false],
  ];
  for (const [name, file, line, exposed] of cases) {
    it(`${exposed ? 'reports' : 'stays quiet on'}: ${name}`, () => {
      const found = scanText(`// stock page (Retrac)\n${line}\n`, { fileName: file }).filter((f) => f.rule === 'retrac/client-exposed-key');
      assert.equal(found.length, exposed ? 1 : 0, JSON.stringify(found.map((f) => `${f.line}: ${f.message}`)));
      if (exposed) assert.match(found[0].message, /RETRAC_API_KEY/);
    });
  }
});
