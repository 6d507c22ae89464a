// Issue 10, red team R: requests made by client libraries and file kinds that no other test here uses
// (Haskell, OCaml, Julia, Lua/OpenResty, Nim, Zig, Crystal, Erlang, Gleam, F#, VB.NET, Objective-C, C
// libcurl, C++ cpr/httplib/Qt/Beast, Jenkins httpRequest, Apps Script, VBA, Power Query, RTK Query,
// Apollo, Angular interceptors, Playwright, Cypress, Postman scripts, k6, Artillery, Locust, Gatling,
// JMeter, nginx, Caddy, Kubernetes jobs, .bat, fish, Nix, …). Written before reading the rules in depth.
// Every idiom runs in six variants that label what the scanner must say:
//   full key, no workspaceId           → full-access-key + missing-workspace-id
//   restricted key with workspaceId    → restricted-key + workspace-id-with-restricted-key
//   full key with workspaceId          → full-access-key only
//   full key over http://              → full-access-key + insecure-http
//   full key, unscoped path /workspaces → full-access-key only
//   full key to a courier, in a file that also uses Retrac → nothing
// Then hand-labelled cases: keys that reach the request through a name (same file or the folder's .env),
// and data that is not a request. Keys are generated at run time. `RETRAC_SCAN_REPORT=1` prints recall and
// precision per rule and the misses.
import * as assert from 'node:assert/strict';
import { scanText, type Finding, type RuleId } from '../../src/scan';
import { fullKey, restrictedKey, workspaceIdLiteral } from './scanFixtures';

interface Target {
  /** `https://api.retrac.co` */
  base: string;
  /** `api.retrac.co` */
  host: string;
  /** `https` or `http` */
  scheme: string;
  /** `/items` */
  path: string;
  /** `/items` or `/items?workspaceId=ws_…` */
  pathq: string;
  /** base + pathq */
  full: string;
  /** The workspace id sent, or '' */
  ws: string;
}

interface Idiom {
  name: string;
  file: string;
  make: (t: Target, k: string) => string;
  /** The scheme is not written as `http://` next to the host: no insecure-http variant. */
  noScheme?: boolean;
  /** Lines that use Retrac with a key from the environment, for the courier variant (default: by extension). */
  retracUse?: string;
}

const B = '`';
const D = '$';

/** Round 1: written before reading the request model. */
const round1: Idiom[] = [
  // ---- Haskell, OCaml, Julia, Nim, Zig, Crystal, Erlang, Gleam, F#
  { name: 'Haskell wreq header lens + getWith', file: 'app/Items.hs', make: (t, k) => `{-# LANGUAGE OverloadedStrings #-}\nmodule Items where\n\nimport Control.Lens\nimport Network.Wreq\n\nfetchItems :: IO ()\nfetchItems = do\n  let opts = defaults & header "Authorization" .~ ["Bearer ${k}"]\n  r <- getWith opts "${t.full}"\n  print (r ^. responseStatus)` },
  { name: 'Haskell http-conduit setRequestHeader', file: 'src/Sync.hs', make: (t, k) => `main :: IO ()\nmain = do\n  request' <- parseRequest "${t.full}"\n  let request = setRequestHeader "Authorization" ["Bearer ${k}"] request'\n  response <- httpJSON request\n  print (getResponseBody response :: Value)` },
  { name: 'OCaml cohttp Header.init_with', file: 'bin/items.ml', make: (t, k) => `let fetch () =\n  let headers = Cohttp.Header.init_with "Authorization" "Bearer ${k}" in\n  Client.get ~headers (Uri.of_string "${t.full}") >>= fun (_resp, body) ->\n  Cohttp_lwt.Body.to_string body` },
  { name: 'Julia HTTP.get with a header pair vector', file: 'src/items.jl', make: (t, k) => `using HTTP, JSON3\n\nfunction items()\n    resp = HTTP.get("${t.full}", ["Authorization" => "Bearer ${k}", "Accept" => "application/json"])\n    return JSON3.read(resp.body)\nend` },
  { name: 'Nim httpclient newHttpHeaders', file: 'src/items.nim', make: (t, k) => `import httpclient, json\n\nlet client = newHttpClient()\nclient.headers = newHttpHeaders({"Authorization": "Bearer ${k}"})\nlet body = client.getContent("${t.full}")\necho parseJson(body)` },
  { name: 'Zig std.http.Client open with headers', file: 'src/main.zig', make: (t, k) => `var client = std.http.Client{ .allocator = allocator };\ndefer client.deinit();\nconst uri = try std.Uri.parse("${t.full}");\nvar req = try client.open(.GET, uri, .{\n    .server_header_buffer = &buf,\n    .headers = .{ .authorization = .{ .override = "Bearer ${k}" } },\n});\ndefer req.deinit();` },
  { name: 'Crystal HTTP::Headers literal + HTTP::Client.get', file: 'src/items.cr', make: (t, k) => `require "http/client"\n\nheaders = HTTP::Headers{"Authorization" => "Bearer ${k}", "Accept" => "application/json"}\nresponse = HTTP::Client.get("${t.full}", headers: headers)\nputs response.body` },
  { name: 'Erlang httpc:request with a header tuple', file: 'src/items.erl', make: (t, k) => `fetch() ->\n    {ok, {{_, 200, _}, _, Body}} =\n        httpc:request(get, {"${t.full}", [{"Authorization", "Bearer ${k}"}]}, [], []),\n    Body.` },
  { name: 'Erlang hackney with a headers binding', file: 'src/inv_client.erl', make: (t, k) => `items() ->\n    Headers = [{<<"Authorization">>, <<"Bearer ${k}">>}],\n    {ok, 200, _, Ref} = hackney:request(get, <<"${t.full}">>, Headers, <<>>, []),\n    hackney:body(Ref).` },
  { name: 'Gleam request.set_header pipe', file: 'src/items.gleam', make: (t, k) => `pub fn items() {\n  let assert Ok(req) = request.to("${t.full}")\n  let req = req |> request.set_header("authorization", "Bearer ${k}")\n  use resp <- result.try(httpc.send(req))\n  Ok(resp.body)\n}` },
  { name: 'F# FsHttp computation expression', file: 'src/Items.fs', make: (t, k) => `let items () =\n    http {\n        GET "${t.full}"\n        AuthorizationBearer "${k}"\n        Accept "application/json"\n    }\n    |> Request.send\n    |> Response.toJson` },
  { name: 'VB.NET DefaultRequestHeaders.Authorization', file: 'Inventory/Client.vb', make: (t, k) => `Public Async Function ItemsAsync() As Task(Of String)\n    Using client As New HttpClient()\n        client.DefaultRequestHeaders.Authorization = New AuthenticationHeaderValue("Bearer", "${k}")\n        Return Await client.GetStringAsync("${t.full}")\n    End Using\nEnd Function` },
  // ---- Objective-C, C, C++
  { name: 'Objective-C NSMutableURLRequest setValue:forHTTPHeaderField:', file: 'Inventory/RTItems.m', make: (t, k) => `NSMutableURLRequest *request = [NSMutableURLRequest requestWithURL:[NSURL URLWithString:@"${t.full}"]];\n[request setHTTPMethod:@"GET"];\n[request setValue:@"Bearer ${k}" forHTTPHeaderField:@"Authorization"];\n[[[NSURLSession sharedSession] dataTaskWithRequest:request completionHandler:handler] resume];` },
  { name: 'C libcurl curl_slist_append + CURLOPT_HTTPHEADER', file: 'src/items.c', make: (t, k) => `CURL *curl = curl_easy_init();\nstruct curl_slist *headers = NULL;\nheaders = curl_slist_append(headers, "Authorization: Bearer ${k}");\nheaders = curl_slist_append(headers, "Accept: application/json");\ncurl_easy_setopt(curl, CURLOPT_URL, "${t.full}");\ncurl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);\nCURLcode res = curl_easy_perform(curl);` },
  { name: 'C++ cpr::Get with cpr::Bearer', file: 'src/items.cpp', make: (t, k) => `#include <cpr/cpr.h>\n\nint main() {\n    cpr::Response r = cpr::Get(cpr::Url{"${t.full}"},\n                               cpr::Bearer{"${k}"});\n    std::cout << r.text << std::endl;\n}` },
  { name: 'C++ cpp-httplib set_bearer_token_auth', file: 'src/client.cc', make: (t, k) => `httplib::Client cli("${t.base}");\ncli.set_bearer_token_auth("${k}");\nif (auto res = cli.Get("${t.pathq}")) {\n    std::cout << res->body;\n}` },
  { name: 'C++ Qt QNetworkRequest::setRawHeader', file: 'src/inventory.cpp', make: (t, k) => `QNetworkRequest request(QUrl("${t.full}"));\nrequest.setRawHeader("Authorization", "Bearer ${k}");\nQNetworkReply *reply = manager->get(request);\nconnect(reply, &QNetworkReply::finished, this, &Inventory::onItems);` },
  { name: 'C++ Boost.Beast req.set(http::field::authorization)', file: 'src/beast_client.cpp', noScheme: true, make: (t, k) => `http::request<http::string_body> req{http::verb::get, "${t.pathq}", 11};\nreq.set(http::field::host, "${t.host}");\nreq.set(http::field::authorization, "Bearer ${k}");\nreq.set(http::field::user_agent, BOOST_BEAST_VERSION_STRING);\nhttp::write(stream, req);` },
  // ---- Groovy/Jenkins, Apps Script, VBA, Power Query
  { name: 'Jenkins httpRequest customHeaders', file: 'ci/Jenkinsfile', retracUse: "// retrac sync runs in the next stage with credentials('retrac-api-key')\n", make: (t, k) => `pipeline {\n  agent any\n  stages {\n    stage('smoke') {\n      steps {\n        script {\n          def response = httpRequest url: '${t.full}',\n              customHeaders: [[name: 'Authorization', value: 'Bearer ${k}']]\n          echo response.content\n        }\n      }\n    }\n  }\n}` },
  { name: 'Google Apps Script UrlFetchApp.fetch', file: 'Code.gs', retracUse: "const RETRAC_KEY = PropertiesService.getScriptProperties().getProperty('RETRAC_API_KEY');\n\n", make: (t, k) => `function syncItems() {\n  const res = UrlFetchApp.fetch('${t.full}', {\n    method: 'get',\n    headers: { Authorization: 'Bearer ${k}' },\n    muteHttpExceptions: true,\n  });\n  return JSON.parse(res.getContentText());\n}` },
  { name: 'VBA WinHttp SetRequestHeader', file: 'Modules/Items.bas', retracUse: "' Retrac sync: key from Environ(\"RETRAC_API_KEY\")\n", make: (t, k) => `Sub LoadItems()\n    Dim http As Object\n    Set http = CreateObject("WinHttp.WinHttpRequest.5.1")\n    http.Open "GET", "${t.full}", False\n    http.SetRequestHeader "Authorization", "Bearer ${k}"\n    http.Send\n    Sheet1.Range("A1").Value = http.ResponseText\nEnd Sub` },
  { name: 'Power Query Web.Contents Headers record', file: 'queries/Items.pq', retracUse: '// Retrac items are loaded by the RetracItems query with a parameter key\n', make: (t, k) => `let\n    Source = Json.Document(Web.Contents("${t.full}", [Headers = [Authorization = "Bearer ${k}", Accept = "application/json"]])),\n    Items = Table.FromRecords(Source)\nin\n    Items` },
  // ---- JS/TS frameworks
  { name: 'RTK Query fetchBaseQuery prepareHeaders', file: 'src/store/inventoryApi.ts', make: (t, k) => `export const inventoryApi = createApi({\n  reducerPath: 'inventory',\n  baseQuery: fetchBaseQuery({\n    baseUrl: '${t.base}',\n    prepareHeaders: (headers) => {\n      headers.set('Authorization', ${B}Bearer ${k}${B});\n      return headers;\n    },\n  }),\n  endpoints: (build) => ({\n    items: build.query<Item[], void>({ query: () => '${t.pathq}' }),\n  }),\n});` },
  { name: 'Apollo RESTDataSource willSendRequest', file: 'src/datasources/inventory.ts', make: (t, k) => `export class InventoryAPI extends RESTDataSource {\n  override baseURL = '${t.base}';\n\n  override willSendRequest(_path: string, request: AugmentedRequest) {\n    request.headers['authorization'] = 'Bearer ${k}';\n  }\n\n  async items() {\n    return this.get('${t.pathq}');\n  }\n}` },
  { name: 'Angular HttpInterceptor req.clone({ setHeaders })', file: 'src/app/auth.interceptor.ts', make: (t, k) => `@Injectable()\nexport class AuthInterceptor implements HttpInterceptor {\n  intercept(req: HttpRequest<unknown>, next: HttpHandler) {\n    return next.handle(req.clone({ setHeaders: { Authorization: ${B}Bearer ${k}${B} } }));\n  }\n}\n\n@Injectable({ providedIn: 'root' })\nexport class ItemsService {\n  constructor(private http: HttpClient) {}\n  items() {\n    return this.http.get<Item[]>('${t.full}');\n  }\n}` },
  { name: 'Playwright request.newContext extraHTTPHeaders', file: 'tests/api/items.spec.ts', make: (t, k) => `test('lists items', async ({ playwright }) => {\n  const api = await playwright.request.newContext({\n    baseURL: '${t.base}',\n    extraHTTPHeaders: { Authorization: ${B}Bearer ${k}${B} },\n  });\n  const res = await api.get('${t.pathq}');\n  expect(res.ok()).toBeTruthy();\n});` },
  { name: 'Cypress cy.request options', file: 'cypress/e2e/items.cy.js', make: (t, k) => `it('lists items', () => {\n  cy.request({\n    method: 'GET',\n    url: '${t.full}',\n    headers: { Authorization: 'Bearer ${k}' },\n  }).its('status').should('eq', 200);\n});` },
  { name: 'Postman pre-request pm.sendRequest', file: 'postman/prerequest.js', make: (t, k) => `pm.sendRequest({\n    url: '${t.full}',\n    method: 'GET',\n    header: { 'Authorization': 'Bearer ${k}' }\n}, (err, res) => {\n    pm.environment.set('itemCount', res.json().length);\n});` },
  { name: 'Nuxt useFetch with headers', file: 'pages/items.vue', make: (t, k) => `<script setup lang="ts">\nconst { data: items } = await useFetch('${t.full}', {\n  headers: { Authorization: 'Bearer ${k}' },\n});\n</script>\n\n<template>\n  <ItemList :items="items" />\n</template>` },
  // ---- Python, Go, Java, Rust, Ruby, Elixir, PHP libraries not yet covered
  { name: 'Python requests.auth.AuthBase subclass', file: 'inv/auth_base.py', make: (t, k) => `class TokenAuth(requests.auth.AuthBase):\n    def __call__(self, r):\n        r.headers["Authorization"] = "Bearer ${k}"\n        return r\n\n\nresp = requests.get("${t.full}", auth=TokenAuth(), timeout=10)` },
  { name: 'Python tornado HTTPRequest headers', file: 'inv/tornado_client.py', make: (t, k) => `async def items():\n    client = AsyncHTTPClient()\n    response = await client.fetch(HTTPRequest("${t.full}", headers={"Authorization": "Bearer ${k}"}))\n    return json.loads(response.body)` },
  { name: 'Python urllib3 PoolManager.request', file: 'inv/pool.py', make: (t, k) => `http = urllib3.PoolManager()\nresp = http.request(\n    "GET",\n    "${t.full}",\n    headers={"Authorization": "Bearer ${k}"},\n)` },
  { name: 'Scrapy Request with headers', file: 'spiders/items.py', make: (t, k) => `class ItemsSpider(scrapy.Spider):\n    name = "items"\n\n    def start_requests(self):\n        yield scrapy.Request("${t.full}", headers={"Authorization": "Bearer ${k}"}, callback=self.parse)` },
  { name: 'Go RoundTripper that sets the header', file: 'inv/transport.go', make: (t, k) => `type bearer struct{ next http.RoundTripper }\n\nfunc (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {\n\tr.Header.Set("Authorization", "Bearer ${k}")\n\treturn b.next.RoundTrip(r)\n}\n\nfunc items() (*http.Response, error) {\n\tclient := &http.Client{Transport: bearer{http.DefaultTransport}}\n\treturn client.Get("${t.full}")\n}` },
  { name: 'Go sling Base/Set/Get', file: 'inv/sling.go', make: (t, k) => `req, err := sling.New().Base("${t.base}").Set("Authorization", "Bearer ${k}").Get("${t.pathq}").Request()` },
  { name: 'Java OkHttp Interceptor adding the header', file: 'src/main/java/OkInterceptor.java', make: (t, k) => `OkHttpClient client = new OkHttpClient.Builder()\n    .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()\n        .header("Authorization", "Bearer ${k}")\n        .build()))\n    .build();\nRequest request = new Request.Builder().url("${t.full}").build();\nResponse response = client.newCall(request).execute();` },
  { name: 'RestAssured given().baseUri().header()', file: 'src/test/java/ItemsIT.java', make: (t, k) => `@Test\nvoid listsItems() {\n    given()\n        .baseUri("${t.base}")\n        .header("Authorization", "Bearer ${k}")\n    .when()\n        .get("${t.pathq}")\n    .then()\n        .statusCode(200);\n}` },
  { name: 'Jersey client target().request().header()', file: 'src/main/java/JerseyItems.java', make: (t, k) => `Response response = ClientBuilder.newClient()\n    .target("${t.full}")\n    .request(MediaType.APPLICATION_JSON)\n    .header(HttpHeaders.AUTHORIZATION, "Bearer ${k}")\n    .get();` },
  { name: 'Rust isahc Request::get().header()', file: 'src/isahc.rs', make: (t, k) => `let mut response = Request::get("${t.full}")\n    .header("Authorization", "Bearer ${k}")\n    .body(())?\n    .send()?;` },
  { name: 'Ruby Typhoeus.get headers', file: 'lib/typhoeus_client.rb', make: (t, k) => `response = Typhoeus.get(\n  "${t.full}",\n  headers: { "Authorization" => "Bearer ${k}", "Accept" => "application/json" }\n)` },
  { name: 'Elixir Mint.HTTP.request', file: 'lib/mint_client.ex', noScheme: true, make: (t, k) => `{:ok, conn} = Mint.HTTP.connect(:https, "${t.host}", 443)\n{:ok, conn, ref} = Mint.HTTP.request(conn, "GET", "${t.pathq}", [{"authorization", "Bearer ${k}"}], nil)` },
  { name: 'PHP curl_setopt_array with CURLOPT_HTTPHEADER', file: 'src/curl_array.php', make: (t, k) => `$ch = curl_init();\ncurl_setopt_array($ch, [\n    CURLOPT_URL => '${t.full}',\n    CURLOPT_HTTPHEADER => ['Authorization: Bearer ${k}', 'Accept: application/json'],\n    CURLOPT_RETURNTRANSFER => true,\n]);\n$body = curl_exec($ch);` },
  { name: 'Lua OpenResty resty.http request_uri', file: 'lua/items.lua', make: (t, k) => `local http = require "resty.http"\nlocal httpc = http.new()\nlocal res, err = httpc:request_uri("${t.full}", {\n  method = "GET",\n  headers = { ["Authorization"] = "Bearer ${k}" },\n})` },
  // ---- load tests and test tools
  { name: 'k6 http.get with params.headers', file: 'load/items.js', make: (t, k) => `import http from 'k6/http';\nimport { check } from 'k6';\n\nexport default function () {\n  const params = { headers: { Authorization: 'Bearer ${k}' } };\n  const res = http.get('${t.full}', params);\n  check(res, { 'status 200': (r) => r.status === 200 });\n}` },
  { name: 'Artillery config defaults headers + flow', file: 'load/artillery.yml', retracUse: '', make: (t, k) => `config:\n  target: "${t.base}"\n  phases:\n    - duration: 60\n      arrivalRate: 5\n  defaults:\n    headers:\n      Authorization: "Bearer ${k}"\nscenarios:\n  - flow:\n      - get:\n          url: "${t.pathq}"` },
  { name: 'Locust HttpUser host + client.headers', file: 'load/locustfile.py', make: (t, k) => `class InventoryUser(HttpUser):\n    host = "${t.base}"\n\n    def on_start(self):\n        self.client.headers.update({"Authorization": "Bearer ${k}"})\n\n    @task\n    def items(self):\n        self.client.get("${t.pathq}")` },
  { name: 'Gatling http protocol header', file: 'src/test/scala/ItemsSimulation.scala', make: (t, k) => `class ItemsSimulation extends Simulation {\n  val httpProtocol = http\n    .baseUrl("${t.base}")\n    .header("Authorization", "Bearer ${k}")\n\n  val scn = scenario("items").exec(http("items").get("${t.pathq}"))\n\n  setUp(scn.inject(atOnceUsers(10))).protocols(httpProtocol)\n}` },
  // ---- infrastructure and config files
  { name: 'Terraform restapi provider headers', file: 'infra/restapi.tf', make: (t, k) => `provider "restapi" {\n  uri                  = "${t.base}"\n  write_returns_object = true\n  headers = {\n    Authorization = "Bearer ${k}"\n  }\n}\n\nresource "restapi_object" "item" {\n  path = "${t.pathq}"\n  data = jsonencode({ sku = "A-1" })\n}` },
  { name: 'nginx proxy_set_header + proxy_pass', file: 'deploy/nginx.conf', retracUse: 'location /retrac/ {\n    proxy_pass https://api.retrac.co/;\n    proxy_set_header Authorization $http_authorization;\n}\n\n', make: (t, k) => `server {\n    listen 8080;\n    location /upstream/ {\n        proxy_set_header Authorization "Bearer ${k}";\n        proxy_set_header Host ${t.host};\n        proxy_pass ${t.full};\n    }\n}` },
  { name: 'Caddy reverse_proxy header_up', file: 'deploy/Caddyfile', retracUse: ':9090 {\n\treverse_proxy https://api.retrac.co {\n\t\theader_up Authorization {http.request.header.Authorization}\n\t}\n}\n\n', make: (t, k) => `:8080 {\n\trewrite * ${t.pathq}\n\treverse_proxy ${t.base} {\n\t\theader_up Host {upstream_hostport}\n\t\theader_up Authorization "Bearer ${k}"\n\t}\n}` },
  { name: 'Kubernetes CronJob curl command array', file: 'k8s/sync-cronjob.yaml', retracUse: '', make: (t, k) => `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: inventory-sync\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: sync\n              image: curlimages/curl:8.8.0\n              command: ["curl", "-fsS", "-H", "Authorization: Bearer ${k}", "${t.full}"]\n          restartPolicy: OnFailure` },
  { name: 'Kubernetes Job curl args list', file: 'k8s/sync-job.yaml', retracUse: '', make: (t, k) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: inventory-once\nspec:\n  template:\n    spec:\n      containers:\n        - name: once\n          image: curlimages/curl:8.8.0\n          args:\n            - -fsS\n            - -H\n            - "Authorization: Bearer ${k}"\n            - "${t.full}"\n      restartPolicy: Never` },
  { name: 'Windows .bat curl with ^ continuations', file: 'scripts/items.bat', retracUse: 'retrac sync --key "%RETRAC_API_KEY%"\n', make: (t, k) => `@echo off\nrem list items\ncurl -sS "${t.full}" ^\n  -H "Authorization: Bearer ${k}" ^\n  -H "Accept: application/json"` },
  { name: 'fish curl with a set variable', file: 'scripts/items.fish', retracUse: 'retrac sync --key $RETRAC_API_KEY\n', make: (t, k) => `set -l token ${k}\ncurl -sS -H "Authorization: Bearer $token" "${t.full}" | jq .` },
  { name: 'Nix fetchurl curlOptsList', file: 'nix/items.nix', retracUse: '', make: (t, k) => `{ pkgs, lib }:\npkgs.fetchurl {\n  url = "${t.full}";\n  curlOptsList = [ "-H" "Authorization: Bearer ${k}" ];\n  hash = lib.fakeHash;\n}` },
  { name: 'JMeter HeaderManager + HTTPSamplerProxy', file: 'load/items.jmx', noScheme: true, retracUse: '', make: (t, k) => `<hashTree>\n  <HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="HTTP Header Manager">\n    <collectionProp name="HeaderManager.headers">\n      <elementProp name="" elementType="Header">\n        <stringProp name="Header.name">Authorization</stringProp>\n        <stringProp name="Header.value">Bearer ${k}</stringProp>\n      </elementProp>\n    </collectionProp>\n  </HeaderManager>\n  <HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="items">\n    <stringProp name="HTTPSampler.domain">${t.host}</stringProp>\n    <stringProp name="HTTPSampler.protocol">https</stringProp>\n    <stringProp name="HTTPSampler.path">${t.pathq}</stringProp>\n    <stringProp name="HTTPSampler.method">GET</stringProp>\n  </HTTPSamplerProxy>\n</hashTree>` },
];

/** Lines that use Retrac with a key from the environment, per file kind (for the courier variant). */
function retracUse(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const byExt: Record<string, string> = {
    hs: 'import qualified Retrac\n\nretracClient = Retrac.newClient =<< getEnv "RETRAC_API_KEY"\n\n',
    ml: 'let retrac = Retrac.Client.create ~api_key:(Sys.getenv "RETRAC_API_KEY") ()\n\n',
    jl: 'using Retrac\nconst retrac = Retrac.Client(ENV["RETRAC_API_KEY"])\n\n',
    nim: 'import retrac\nlet inv = newRetracClient(getEnv("RETRAC_API_KEY"))\n\n',
    zig: 'const retrac = @import("retrac");\nconst inv_key = std.posix.getenv("RETRAC_API_KEY");\n\n',
    cr: 'require "retrac"\nretrac = Retrac::Client.new(ENV["RETRAC_API_KEY"])\n\n',
    erl: '%% Retrac calls go through retrac_client:new(os:getenv("RETRAC_API_KEY"))\n\n',
    gleam: 'import retrac\nlet inv = retrac.client(envoy.get("RETRAC_API_KEY"))\n\n',
    fs: 'open Retrac\nlet retrac = RetracClient(Environment.GetEnvironmentVariable "RETRAC_API_KEY")\n\n',
    vb: 'Imports Retrac.Sdk\nDim retrac = New RetracClient(Environment.GetEnvironmentVariable("RETRAC_API_KEY"))\n\n',
    m: '#import <RetracKit/RetracKit.h>\nRTClient *retrac = [RTClient clientWithKey:NSProcessInfo.processInfo.environment[@"RETRAC_API_KEY"]];\n\n',
    c: '#include <retrac.h>\nretrac_client *inv = retrac_new(getenv("RETRAC_API_KEY"));\n\n',
    cpp: '#include <retrac/client.hpp>\nauto retrac = retrac::Client(std::getenv("RETRAC_API_KEY"));\n\n',
    cc: '#include <retrac/client.hpp>\nauto retrac = retrac::Client(std::getenv("RETRAC_API_KEY"));\n\n',
    ts: "import { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n\n",
    py: 'import retrac\nretrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])\n\n',
    go: 'import retrac "github.com/retrac/retrac-go"\n\nvar inv = retrac.NewClient(os.Getenv("RETRAC_API_KEY"))\n\n',
    java: 'import co.retrac.RetracClient;\n\nRetracClient retrac = new RetracClient(System.getenv("RETRAC_API_KEY"));\n\n',
    rs: 'use retrac::Client as Retrac;\n\nlet retrac = Retrac::new(std::env::var("RETRAC_API_KEY")?);\n\n',
    rb: "require 'retrac'\nretrac = Retrac::Client.new(api_key: ENV.fetch('RETRAC_API_KEY'))\n\n",
    ex: 'alias Retrac.Client\nretrac = Retrac.Client.new(System.fetch_env!("RETRAC_API_KEY"))\n\n',
    php: "use Retrac\\Client as RetracClient;\n$retrac = new RetracClient(getenv('RETRAC_API_KEY'));\n\n",
    lua: 'local retrac = require("retrac")\nlocal inv = retrac.client(os.getenv("RETRAC_API_KEY"))\n\n',
    scala: 'import co.retrac.RetracClient\nval retrac = RetracClient(sys.env("RETRAC_API_KEY"))\n\n',
    tf: 'provider "retrac" {\n  api_key = var.retrac_api_key\n}\n\n',
  };
  byExt.js = byExt.mjs = byExt.ts;
  if (file.endsWith('.vue')) return '';
  return byExt[ext] ?? '';
}

function wholeFile(idiom: Idiom, body: string, courier: boolean): string {
  const retrac = courier ? idiom.retracUse ?? retracUse(idiom.file) : '';
  if (idiom.file.endsWith('.php')) return `<?php\n${retrac}${body}`;
  if (idiom.file.endsWith('.vue') && courier) return body.replace('<script setup lang="ts">\n', `<script setup lang="ts">\nimport { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: useRuntimeConfig().retracApiKey });\n`);
  if (idiom.file.endsWith('.yml') || idiom.file.endsWith('.yaml') || idiom.file.endsWith('.nix') || idiom.file.endsWith('.jmx')) {
    if (!courier) return body;
    if (idiom.file.endsWith('.nix')) return `# retrac items are fetched by ./retrac.nix with the key from builtins.getEnv "RETRAC_API_KEY"\n${body}`;
    if (idiom.file.endsWith('.jmx')) return `<!-- the Retrac thread group reads \${__env(RETRAC_API_KEY)} -->\n${body}`;
    return `# x-retrac: retrac sync --key "$RETRAC_API_KEY" runs in the next job\n${body}`;
  }
  return retrac + body;
}

type Measured = 'retrac/full-access-key' | 'retrac/restricted-key' | 'retrac/missing-workspace-id' | 'retrac/workspace-id-with-restricted-key' | 'retrac/insecure-http';
const MEASURED: Measured[] = ['retrac/full-access-key', 'retrac/restricted-key', 'retrac/missing-workspace-id', 'retrac/workspace-id-with-restricted-key', 'retrac/insecure-http'];

interface Variant {
  name: string;
  keyType: 'full' | 'restricted';
  target: () => Target;
  expect: Measured[];
  courier?: boolean;
  skip?: (i: Idiom) => boolean;
}

function target(scheme: string, host: string, path: string, ws: string): Target {
  const base = `${scheme}://${host}`;
  const pathq = ws ? `${path}?workspaceId=${ws}` : path;
  return { base, host, scheme, path, pathq, full: base + pathq, ws };
}

const PATHS = ['/items', '/tags', '/locations', '/inventory/balances', '/items/export'];
let pathTurn = 0;
const scopedPath = (): string => PATHS[pathTurn++ % PATHS.length];

const variants: Variant[] = [
  { name: 'full key, no workspaceId', keyType: 'full', target: () => target('https', 'api.retrac.co', scopedPath(), ''), expect: ['retrac/full-access-key', 'retrac/missing-workspace-id'] },
  { name: 'restricted key with workspaceId', keyType: 'restricted', target: () => target('https', 'api.retrac.co', scopedPath(), workspaceIdLiteral()), expect: ['retrac/restricted-key', 'retrac/workspace-id-with-restricted-key'] },
  { name: 'full key with workspaceId', keyType: 'full', target: () => target('https', 'api.retrac.co', scopedPath(), workspaceIdLiteral()), expect: ['retrac/full-access-key'] },
  { name: 'full key over http://', keyType: 'full', target: () => target('http', 'api.retrac.co', scopedPath(), workspaceIdLiteral()), expect: ['retrac/full-access-key', 'retrac/insecure-http'], skip: (i) => !!i.noScheme },
  { name: 'full key, unscoped /workspaces', keyType: 'full', target: () => target('https', 'api.retrac.co', '/workspaces', ''), expect: ['retrac/full-access-key'] },
  { name: "a courier's token in a file that uses Retrac", keyType: 'full', target: () => target('https', 'api.courier.example', '/labels', ''), expect: [], courier: true },
];

type Tally = Map<Measured, { tp: number; fn: number; fp: number }>;
const newTally = (): Tally => new Map(MEASURED.map((r) => [r, { tp: 0, fn: 0, fp: 0 }]));

function describeFindings(fs: Finding[], text: string): string {
  return JSON.stringify(fs.map((f) => `${f.rule} ${JSON.stringify(text.slice(f.start, f.end))}`));
}

/** Scans `text`, counts it into `tally` against `expect`, and asserts exactly `expect` (of the measured rules), each key finding on a key. */
function check(tally: Tally, misses: string[], label: string, file: string, text: string, keys: string[], expect: Measured[], envValues?: ReadonlyMap<string, string>): void {
  const fs = scanText(text, { fileName: file, envValues });
  const got = new Set(fs.map((f) => f.rule).filter((r): r is Measured => (MEASURED as RuleId[]).includes(r)));
  for (const r of MEASURED) {
    const t = tally.get(r)!;
    const want = expect.includes(r);
    if (want && got.has(r)) t.tp++;
    else if (want) t.fn++;
    else if (got.has(r)) t.fp++;
  }
  const wrong = MEASURED.filter((r) => expect.includes(r) !== got.has(r));
  if (wrong.length) misses.push(`${label}: ${wrong.map((r) => (got.has(r) ? '+' : '-') + r.slice(7)).join(', ')}`);
  assert.deepEqual([...got].sort(), [...expect].sort(), `${text}\n→ ${describeFindings(fs, text)}`);
  for (const f of fs) {
    if (f.rule === 'retrac/full-access-key' || f.rule === 'retrac/restricted-key') assert.ok(keys.includes(text.slice(f.start, f.end)), `a key finding on ${JSON.stringify(text.slice(f.start, f.end))}`);
    for (const k of keys) assert.ok(!f.message.includes(k), 'a message shows the key');
  }
}

function report(title: string, tally: Tally, misses: string[]): void {
  const pct = (a: number, b: number): string => (b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1).padStart(5)} %`);
  const rows = MEASURED.map((r) => {
    const t = tally.get(r)!;
    return `  ${r.padEnd(42)} recall ${pct(t.tp, t.tp + t.fn)} (${t.tp}/${t.tp + t.fn})  precision ${pct(t.tp, t.tp + t.fp)} (${t.fp} false)`;
  });
  if (process.env.RETRAC_SCAN_REPORT) console.log(`\n  ${title}\n${rows.join('\n')}\n${misses.map((m) => '    miss ' + m).join('\n')}`);
}

/** A hand-labelled case: `make(keys)` gets one fresh key per entry of `keys` ('full' | 'restricted'). */
interface Labelled {
  name: string;
  file: string;
  keys: ('full' | 'restricted')[];
  make: (k: string[], ws: string) => string;
  expect: Measured[];
  /** The folder's `.env` values (given the same keys). */
  env?: (k: string[]) => Record<string, string>;
}

function runRound(title: string, list: Idiom[], labelled: Labelled[]): void {
  describe(title, () => {
    const tally = newTally();
    const misses: string[] = [];
    for (const idiom of list) {
      describe(`${idiom.name} (${idiom.file})`, () => {
        for (const v of variants) {
          if (v.skip?.(idiom)) continue;
          it(v.name, () => {
            const key = v.keyType === 'full' ? fullKey() : restrictedKey();
            const text = wholeFile(idiom, idiom.make(v.target(), key), !!v.courier);
            check(tally, misses, `${idiom.file} / ${v.name}`, idiom.file, text, [key], v.expect);
          });
        }
      });
    }
    describe('hand-labelled: values that flow, data that is not a request, other services', () => {
      for (const c of labelled) {
        it(`${c.name} (${c.file})`, () => {
          const keys = c.keys.map((t) => (t === 'full' ? fullKey() : restrictedKey()));
          const env = c.env ? new Map(Object.entries(c.env(keys))) : undefined;
          check(tally, misses, `${c.file} / ${c.name}`, c.file, c.make(keys, workspaceIdLiteral()), keys, c.expect, env);
        });
      }
    });
    after(() => report(`${title}: ${list.length} idioms × ${variants.length} variants + ${labelled.length} labelled`, tally, misses));
  });
}

const FULL_MISSING: Measured[] = ['retrac/full-access-key', 'retrac/missing-workspace-id'];
const RESTRICTED_WS: Measured[] = ['retrac/restricted-key', 'retrac/workspace-id-with-restricted-key'];

const round1Labelled: Labelled[] = [
  // A key bound to a name in the same file, then sent.
  { name: 'Haskell top-level token binding used in a header', file: 'src/Token.hs', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `apiToken :: ByteString\napiToken = "${k}"\n\nfetchItems = do\n  let opts = defaults & header "Authorization" .~ ["Bearer " <> apiToken]\n  getWith opts "https://api.retrac.co/items"` },
  { name: 'C #define token concatenated into the header', file: 'src/define.c', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `#define API_TOKEN "${k}"\n\nstatic void items(CURL *curl) {\n    struct curl_slist *h = curl_slist_append(NULL, "Authorization: Bearer " API_TOKEN);\n    curl_easy_setopt(curl, CURLOPT_URL, "https://api.retrac.co/items");\n    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);\n    curl_easy_perform(curl);\n}` },
  { name: 'C++ constexpr token into cpr::Bearer', file: 'src/token.cpp', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `constexpr const char* kToken = "${k}";\n\nauto r = cpr::Get(cpr::Url{"https://api.retrac.co/tags"}, cpr::Bearer{kToken});` },
  { name: 'Lua local TOKEN concatenated', file: 'lua/token.lua', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `local TOKEN = "${k}"\n\nlocal res = httpc:request_uri("https://api.retrac.co/locations", {\n  headers = { ["Authorization"] = "Bearer " .. TOKEN },\n})` },
  { name: 'Julia const interpolated', file: 'src/token.jl', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `const TOKEN = "${k}"\n\nresp = HTTP.get("https://api.retrac.co/items", ["Authorization" => "Bearer $TOKEN"])` },
  { name: 'Nim const with &', file: 'src/token.nim', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `const token = "${k}"\nlet client = newHttpClient()\nclient.headers = newHttpHeaders({"Authorization": "Bearer " & token})\necho client.getContent("https://api.retrac.co/items")` },
  { name: '.bat set TOKEN then %TOKEN%', file: 'scripts/token.bat', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `@echo off\nset TOKEN=${k}\ncurl -sS -H "Authorization: Bearer %TOKEN%" "https://api.retrac.co/items"` },
  { name: 'nginx set $token then proxy_set_header', file: 'deploy/token.conf', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `location /inv/ {\n    set $api_token "${k}";\n    proxy_set_header Authorization "Bearer $api_token";\n    proxy_pass https://api.retrac.co/items;\n}` },
  { name: 'Kubernetes env value then sh -c curl', file: 'k8s/env-job.yaml', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `      containers:\n        - name: sync\n          image: curlimages/curl:8.8.0\n          env:\n            - name: API_TOKEN\n              value: "${k}"\n          command: ["sh", "-c", "curl -fsS -H \\"Authorization: Bearer $API_TOKEN\\" https://api.retrac.co/items"]` },
  { name: 'restricted key in a C++ constant with workspaceId', file: 'src/restricted.cpp', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `static const std::string kKey = "${k}";\ncli.set_bearer_token_auth(kKey);\nauto res = cli.Get("/items?workspaceId=${ws}");\n// cli is httplib::Client cli("https://api.retrac.co")` },
  // The key reaches the request through an env name whose value the folder's .env holds.
  { name: 'Playwright extraHTTPHeaders from process.env, full key in .env', file: 'tests/env.spec.ts', keys: ['full'], expect: ['retrac/missing-workspace-id'], env: ([k]) => ({ INVENTORY_TOKEN: k }), make: () => `const api = await request.newContext({\n  baseURL: 'https://api.retrac.co',\n  extraHTTPHeaders: { Authorization: ${B}Bearer ${D}{process.env.INVENTORY_TOKEN}${B} },\n});\nawait api.get('/items');` },
  { name: 'tornado headers from os.environ, restricted key in .env, with workspaceId', file: 'inv/env_tornado.py', keys: ['restricted'], expect: ['retrac/workspace-id-with-restricted-key'], env: ([k]) => ({ API_TOKEN: k }), make: (_k, ws) => `req = HTTPRequest(\n    "https://api.retrac.co/items?workspaceId=${ws}",\n    headers={"Authorization": f"Bearer {os.environ['API_TOKEN']}"},\n)\nresp = await AsyncHTTPClient().fetch(req)` },
  { name: 'Go RoundTripper with os.Getenv, full key in .env', file: 'inv/env_rt.go', keys: ['full'], expect: ['retrac/missing-workspace-id'], env: ([k]) => ({ API_TOKEN: k }), make: () => `func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {\n\tr.Header.Set("Authorization", "Bearer "+os.Getenv("API_TOKEN"))\n\treturn b.next.RoundTrip(r)\n}\n\nresp, err := (&http.Client{Transport: bearer{http.DefaultTransport}}).Get("https://api.retrac.co/tags")` },
  { name: 'PHP curl_setopt_array with getenv, full key in .env', file: 'src/env_curl.php', keys: ['full'], expect: ['retrac/missing-workspace-id'], env: ([k]) => ({ API_TOKEN: k }), make: () => `<?php\n$ch = curl_init();\ncurl_setopt_array($ch, [\n    CURLOPT_URL => 'https://api.retrac.co/items',\n    CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . getenv('API_TOKEN')],\n]);\ncurl_exec($ch);` },
  { name: 'Crystal ENV[] header, full key in .env', file: 'src/env.cr', keys: ['full'], expect: ['retrac/missing-workspace-id'], env: ([k]) => ({ API_TOKEN: k }), make: () => `headers = HTTP::Headers{"Authorization" => "Bearer #{ENV["API_TOKEN"]}"}\nresponse = HTTP::Client.get("https://api.retrac.co/items", headers: headers)` },
  { name: 'k6 __ENV token, full key in .env', file: 'load/env.js', keys: ['full'], expect: ['retrac/missing-workspace-id'], env: ([k]) => ({ API_TOKEN: k }), make: () => `import http from 'k6/http';\nexport default function () {\n  http.get('https://api.retrac.co/items', { headers: { Authorization: ${B}Bearer ${D}{__ENV.API_TOKEN}${B} } });\n}` },
  { name: 'env name whose .env value is a courier token: quiet', file: 'src/env_courier.ts', keys: ['full'], expect: [], env: ([k]) => ({ COURIER_TOKEN: k }), make: () => `await fetch('https://api.courier.example/labels', { headers: { Authorization: ${B}Bearer ${D}{process.env.COURIER_TOKEN}${B} } });\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });` },
  // Data is not a request.
  { name: 'recorded response fixture listing restricted keys with workspaceId', file: 'test/fixtures/keys.json', keys: ['restricted'], expect: ['retrac/restricted-key'], make: ([k], ws) => `{\n  "data": [\n    { "id": "key_1", "token": "${k}", "workspaceId": "${ws}", "scopes": ["items.read"] }\n  ],\n  "nextCursor": null\n}` },
  { name: 'VCR cassette of a Retrac request with a full key', file: 'spec/cassettes/items.yml', keys: ['full'], expect: ['retrac/full-access-key'], make: ([k]) => `---\nhttp_interactions:\n- request:\n    method: get\n    uri: https://api.retrac.co/items\n    headers:\n      Authorization:\n      - Bearer ${k}\n  response:\n    status:\n      code: 404\n      message: Not Found` },
  { name: 'HAR entry of a Retrac request with a restricted key and workspaceId', file: 'captures/session.har', keys: ['restricted'], expect: ['retrac/restricted-key'], make: ([k], ws) => `{\n  "log": {\n    "entries": [\n      {\n        "request": {\n          "method": "GET",\n          "url": "https://api.retrac.co/items?workspaceId=${ws}",\n          "headers": [{ "name": "Authorization", "value": "Bearer ${k}" }]\n        }\n      }\n    ]\n  }\n}` },
  { name: 'Jest snapshot of request headers', file: 'src/__snapshots__/client.test.ts.snap', keys: ['restricted'], expect: ['retrac/restricted-key'], make: ([k], ws) => `exports[\`client sends the key 1\`] = \`\nObject {\n  "headers": Object {\n    "Authorization": "Bearer ${k}",\n  },\n  "url": "https://api.retrac.co/items?workspaceId=${ws}",\n}\n\`;` },
  // Other services' tokens next to Retrac code.
  { name: 'C: a courier libcurl request and a Retrac one from getenv', file: 'src/both.c', keys: ['full'], expect: [], make: ([k]) => `h1 = curl_slist_append(NULL, "Authorization: Bearer ${k}");\ncurl_easy_setopt(c1, CURLOPT_URL, "https://api.courier.example/labels");\ncurl_easy_setopt(c1, CURLOPT_HTTPHEADER, h1);\n\nsnprintf(auth, sizeof auth, "Authorization: Bearer %s", getenv("RETRAC_API_KEY"));\nh2 = curl_slist_append(NULL, auth);\ncurl_easy_setopt(c2, CURLOPT_URL, "https://api.retrac.co/items?workspaceId=ws_main");` },
  { name: 'nginx: a courier location with a literal token next to a Retrac location', file: 'deploy/both.conf', keys: ['full'], expect: [], make: ([k]) => `location /retrac/ {\n    proxy_pass https://api.retrac.co/;\n}\n\nlocation /labels/ {\n    proxy_set_header Authorization "Bearer ${k}";\n    proxy_pass https://api.courier.example/labels;\n}` },
  { name: 'k6: a courier token and a Retrac call with __ENV', file: 'load/both.js', keys: ['full'], expect: [], make: ([k]) => `export default function () {\n  http.get('https://api.retrac.co/items?workspaceId=' + __ENV.WS, { headers: { Authorization: ${B}Bearer ${D}{__ENV.RETRAC_API_KEY}${B} } });\n  http.post('https://api.courier.example/labels', null, { headers: { Authorization: 'Bearer ${k}' } });\n}` },
  { name: 'Kubernetes: a Retrac CronJob from a secret and a courier Job with a literal', file: 'k8s/both.yaml', keys: ['full'], expect: [], make: ([k]) => `          containers:\n            - name: retrac-sync\n              command: ["sh", "-c", "curl -H \\"Authorization: Bearer $RETRAC_API_KEY\\" https://api.retrac.co/items?workspaceId=$WS"]\n---\n          containers:\n            - name: labels\n              command: ["curl", "-H", "Authorization: Bearer ${k}", "https://api.courier.example/labels"]` },
  { name: 'C++: a correlation id of 24 characters on a Retrac request', file: 'src/corr.cpp', keys: ['full'], expect: [], make: ([k]) => `auto r = cpr::Get(cpr::Url{"https://api.retrac.co/items?workspaceId=ws_main"},\n                  cpr::Bearer{std::getenv("RETRAC_API_KEY")},\n                  cpr::Header{{"X-Correlation-Id", "${k}"}});` },
  { name: 'Postman: a Stripe-like call with a 24-char token in a Retrac collection script', file: 'postman/other.js', keys: ['full'], expect: [], make: ([k]) => `pm.sendRequest({\n    url: 'https://api.courier.example/rates',\n    method: 'GET',\n    header: { 'Authorization': 'Bearer ${k}' }\n}, () => {});\npm.sendRequest({ url: 'https://api.retrac.co/items?workspaceId=' + pm.environment.get('ws'), header: { Authorization: 'Bearer ' + pm.environment.get('retracToken') } });` },
];

runRound('client libraries and file kinds no other test uses (red team R, round 1)', round1, round1Labelled);
