// Issue 10, red team Q: requests to the Retrac API made by client libraries, platforms and file kinds that
// no other test here uses (Apex, ABAP, Roblox Luau, Oracle UTL_HTTP, SQL Server, DuckDB, Smalltalk, Haxe,
// Elm, Nushell, AppleScript, Camel, Vert.x, AsyncHttpClient, Micronaut, http4s, play-ws, http-kit, drakma,
// httplib2, uplink, open-uri, Patron, REST::Client, Raku Cro, Node http2, needle, awc, grequests,
// AsyncHTTPClient, POCO, curlpp, vibe.d, gun, FSharp.Data, http-client, WebClient, load testers, Cloud
// Build, Tekton, Airbyte, API Gateway, Fluentd, Datadog checks, Netlify proxies, MuleSoft, …).
// Each round is written before the rules it tests are read in depth, and first run on the scanner as it
// was then (that first score is the honest estimate for unseen files: /work/notes/Q-note.md).
// Every idiom runs in the six labelled variants of scanRequestIdioms.ts; then hand-labelled cases: keys
// that reach the request through a name, requests that do send workspaceId another way (params, query
// builders), restricted keys without workspaceId (correct use), test mocks and recorded data (not
// requests), other services' tokens. Keys are generated at run time. `RETRAC_SCAN_REPORT=1` prints recall
// and precision per rule and the misses.
import * as assert from 'node:assert/strict';
import { scanText } from '../../src/scan';
import { check, type Idiom, makeVariants, type Measured, measureOnly, newTally, report } from './scanRequestIdioms';
import { fullKey, restrictedKey, withCpuMs, workspaceIdLiteral } from './scanFixtures';

const B = '`';
const D = '$';

/** Round 1: written before reading the request model (measured on main 66dafd0). */
const round1: Idiom[] = [
  // ---- Platforms with their own languages: Salesforce, SAP, Roblox, ServiceNow
  { name: 'Apex HttpRequest setEndpoint/setHeader', file: 'force-app/main/default/classes/InventorySync.cls', make: (t, k) => `public with sharing class InventorySync {\n    public static List<Object> items() {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('${t.full}');\n        req.setMethod('GET');\n        req.setHeader('Authorization', 'Bearer ${k}');\n        HttpResponse res = new Http().send(req);\n        return (List<Object>) JSON.deserializeUntyped(res.getBody());\n    }\n}` },
  { name: 'ABAP cl_http_client set_header_field', file: 'src/zcl_inventory.clas.abap', make: (t, k) => `METHOD get_items.\n  DATA lo_client TYPE REF TO if_http_client.\n  cl_http_client=>create_by_url(\n    EXPORTING url    = '${t.full}'\n    IMPORTING client = lo_client ).\n  lo_client->request->set_header_field( name = 'Authorization' value = 'Bearer ${k}' ).\n  lo_client->send( ).\n  lo_client->receive( ).\n  rv_json = lo_client->response->get_cdata( ).\nENDMETHOD.` },
  { name: 'Roblox HttpService:RequestAsync Headers table', file: 'src/server/Inventory.server.luau', make: (t, k) => `local HttpService = game:GetService("HttpService")\n\nlocal response = HttpService:RequestAsync({\n\tUrl = "${t.full}",\n\tMethod = "GET",\n\tHeaders = {\n\t\t["Authorization"] = "Bearer ${k}",\n\t},\n})\nlocal items = HttpService:JSONDecode(response.Body)` },
  { name: 'ServiceNow RESTMessageV2 setRequestHeader', file: 'script_includes/InventorySync.js', make: (t, k) => `var r = new sn_ws.RESTMessageV2();\nr.setEndpoint('${t.full}');\nr.setHttpMethod('get');\nr.setRequestHeader('Authorization', 'Bearer ${k}');\nvar response = r.execute();\ngs.info(response.getBody());` },
  // ---- SQL engines that make HTTP calls
  { name: 'Oracle UTL_HTTP.set_header', file: 'db/pkg_inventory.sql', make: (t, k) => `DECLARE\n  l_req  UTL_HTTP.req;\n  l_resp UTL_HTTP.resp;\nBEGIN\n  l_req := UTL_HTTP.begin_request('${t.full}', 'GET', 'HTTP/1.1');\n  UTL_HTTP.set_header(l_req, 'Authorization', 'Bearer ${k}');\n  l_resp := UTL_HTTP.get_response(l_req);\n  UTL_HTTP.end_response(l_resp);\nEND;\n/` },
  { name: 'SQL Server sp_invoke_external_rest_endpoint @headers JSON', file: 'db/sync_items.sql', make: (t, k) => `DECLARE @response NVARCHAR(MAX);\nEXEC sp_invoke_external_rest_endpoint\n  @url = N'${t.full}',\n  @method = 'GET',\n  @headers = N'{"Authorization":"Bearer ${k}"}',\n  @response = @response OUTPUT;\nSELECT @response;` },
  { name: 'DuckDB http secret EXTRA_HTTP_HEADERS then read_json', file: 'analytics/items.sql', make: (t, k) => `INSTALL httpfs;\nLOAD httpfs;\nCREATE SECRET inv_http (\n    TYPE http,\n    EXTRA_HTTP_HEADERS MAP {'Authorization': 'Bearer ${k}'}\n);\nSELECT * FROM read_json_auto('${t.full}');` },
  // ---- Smalltalk, Haxe, Elm, ActionScript, Nushell, AppleScript
  { name: 'Pharo Zinc ZnClient headerAt:put:', file: 'src/Inventory/InventoryClient.class.st', make: (t, k) => `items\n\t^ ZnClient new\n\t\turl: '${t.full}';\n\t\theaderAt: 'Authorization' put: 'Bearer ${k}';\n\t\taccept: ZnMimeType applicationJson;\n\t\tget` },
  { name: 'Haxe haxe.Http setHeader', file: 'src/Inventory.hx', make: (t, k) => `class Inventory {\n  public static function items(done:String->Void) {\n    var http = new haxe.Http("${t.full}");\n    http.setHeader("Authorization", "Bearer ${k}");\n    http.onData = done;\n    http.request(false);\n  }\n}` },
  { name: 'Elm Http.request record with Http.header', file: 'src/Api.elm', make: (t, k) => `getItems : Cmd Msg\ngetItems =\n    Http.request\n        { method = "GET"\n        , headers = [ Http.header "Authorization" "Bearer ${k}" ]\n        , url = "${t.full}"\n        , body = Http.emptyBody\n        , expect = Http.expectJson GotItems itemsDecoder\n        , timeout = Nothing\n        , tracker = Nothing\n        }` },
  { name: 'ActionScript URLRequestHeader', file: 'src/InventoryLoader.as', make: (t, k) => `var request:URLRequest = new URLRequest("${t.full}");\nrequest.method = URLRequestMethod.GET;\nrequest.requestHeaders.push(new URLRequestHeader("Authorization", "Bearer ${k}"));\nloader.load(request);` },
  { name: 'Nushell http get --headers list', file: 'scripts/items.nu', make: (t, k) => `def items [] {\n    http get --headers [Authorization "Bearer ${k}"] ${t.full}\n    | get data\n}` },
  { name: 'AppleScript do shell script curl', file: 'scripts/Items.applescript', make: (t, k) => `set json to do shell script "curl -fsS -H 'Authorization: Bearer ${k}' '${t.full}'"\ndisplay dialog json` },
  // ---- JVM
  { name: 'Apache Camel setHeader(constant) then to(url)', file: 'src/main/java/ItemsRoute.java', make: (t, k) => `public class ItemsRoute extends RouteBuilder {\n    @Override\n    public void configure() {\n        from("timer:items?period=60000")\n            .setHeader("Authorization", constant("Bearer ${k}"))\n            .setHeader(Exchange.HTTP_METHOD, constant("GET"))\n            .to("${t.full}")\n            .log("${D}{body}");\n    }\n}` },
  { name: 'Vert.x WebClient bearerTokenAuthentication', file: 'src/main/java/VertxItems.java', make: (t, k) => `WebClient client = WebClient.create(vertx);\nclient.getAbs("${t.full}")\n    .bearerTokenAuthentication("${k}")\n    .send()\n    .onSuccess(res -> System.out.println(res.bodyAsJsonArray()));` },
  { name: 'AsyncHttpClient prepareGet().addHeader()', file: 'src/main/java/AhcItems.java', make: (t, k) => `try (AsyncHttpClient http = Dsl.asyncHttpClient()) {\n    Response r = http.prepareGet("${t.full}")\n        .addHeader("Authorization", "Bearer ${k}")\n        .execute()\n        .get();\n    System.out.println(r.getResponseBody());\n}` },
  { name: 'Micronaut declarative @Client with @Header', file: 'src/main/java/InventoryClient.java', make: (t, k) => `@Client("${t.base}")\n@Header(name = "Authorization", value = "Bearer ${k}")\npublic interface InventoryClient {\n    @Get("${t.pathq}")\n    List<Item> items();\n}` },
  { name: 'http4s Request.withHeaders(Authorization(Credentials.Token))', file: 'src/main/scala/Items.scala', make: (t, k) => `val request = Request[IO](Method.GET, uri"${t.full}")\n  .withHeaders(Authorization(Credentials.Token(AuthScheme.Bearer, "${k}")))\nval items = client.expect[List[Item]](request)` },
  { name: 'Play WS addHttpHeaders', file: 'app/services/Items.scala', make: (t, k) => `def items(): Future[Seq[Item]] =\n  ws.url("${t.full}")\n    .addHttpHeaders("Authorization" -> "Bearer ${k}")\n    .get()\n    .map(_.json.as[Seq[Item]])` },
  { name: 'Clojure http-kit get with :headers', file: 'src/inv/items.clj', make: (t, k) => `(ns inv.items\n  (:require [org.httpkit.client :as http]))\n\n(defn items []\n  @(http/get "${t.full}"\n             {:headers {"Authorization" "Bearer ${k}"}\n              :timeout 5000}))` },
  { name: 'Groovy RESTClient headers[] then get(path:)', file: 'scripts/items.groovy', make: (t, k) => `def client = new RESTClient('${t.base}')\nclient.headers['Authorization'] = "Bearer ${k}"\ndef resp = client.get(path: '${t.pathq}')\nprintln resp.data` },
  // ---- Lisp family, Python, Ruby, Perl, Raku
  { name: 'Common Lisp drakma :additional-headers', file: 'src/items.lisp', make: (t, k) => `(defun items ()\n  (drakma:http-request "${t.full}"\n                       :method :get\n                       :additional-headers '(("Authorization" . "Bearer ${k}"))))` },
  { name: 'Python httplib2 Http().request headers', file: 'inv/h2.py', make: (t, k) => `h = httplib2.Http(".cache")\nresp, content = h.request(\n    "${t.full}",\n    "GET",\n    headers={"authorization": "Bearer ${k}"},\n)` },
  { name: 'Python uplink Consumer with @headers', file: 'inv/uplink_client.py', make: (t, k) => `@uplink.headers({"Authorization": "Bearer ${k}"})\nclass Inventory(uplink.Consumer):\n    @uplink.get("${t.pathq}")\n    def items(self): ...\n\n\ninventory = Inventory(base_url="${t.base}")` },
  { name: 'Ruby open-uri URI.open with a header hash', file: 'lib/items_open.rb', make: (t, k) => `require 'open-uri'\nrequire 'json'\n\nitems = JSON.parse(URI.open("${t.full}", "Authorization" => "Bearer ${k}").read)` },
  { name: 'Ruby Patron::Session base_url + headers', file: 'lib/patron_client.rb', make: (t, k) => `sess = Patron::Session.new(base_url: "${t.base}", headers: { "Authorization" => "Bearer ${k}" })\nresp = sess.get("${t.pathq}")\nputs resp.body` },
  { name: 'Perl REST::Client host + addHeader', file: 'lib/Inventory/Rest.pm', make: (t, k) => `my $client = REST::Client->new({ host => '${t.base}' });\n$client->addHeader('Authorization', 'Bearer ${k}');\n$client->GET('${t.pathq}');\nprint $client->responseContent();` },
  { name: 'Raku Cro::HTTP::Client base-uri + headers', file: 'lib/Inventory.rakumod', make: (t, k) => `my $client = Cro::HTTP::Client.new(\n    base-uri => '${t.base}',\n    headers => [ Authorization => 'Bearer ${k}' ],\n);\nmy $resp = await $client.get('${t.pathq}');` },
  // ---- Node, Rust, Go, Swift, C++, D, Crystal, Erlang, F#, Haskell, PowerShell
  { name: 'Node http2.connect then session.request pseudo-headers', file: 'src/h2.mjs', make: (t, k) => `import http2 from 'node:http2';\n\nconst session = http2.connect('${t.base}');\nconst req = session.request({\n  ':method': 'GET',\n  ':path': '${t.pathq}',\n  authorization: 'Bearer ${k}',\n});\nreq.setEncoding('utf8');` },
  { name: 'needle with options.headers', file: 'src/needle.js', make: (t, k) => `const res = await needle('get', '${t.full}', null, {\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'Rust awc insert_header tuple', file: 'src/awc_items.rs', make: (t, k) => `let mut res = awc::Client::default()\n    .get("${t.full}")\n    .insert_header(("Authorization", "Bearer ${k}"))\n    .send()\n    .await?;` },
  { name: 'Go grequests RequestOptions.Headers', file: 'inv/greq.go', make: (t, k) => `resp, err := grequests.Get("${t.full}", &grequests.RequestOptions{\n\tHeaders: map[string]string{"Authorization": "Bearer ${k}"},\n})` },
  { name: 'Swift AsyncHTTPClient headers.add(name:value:)', file: 'Sources/Inventory/Items.swift', make: (t, k) => `var request = HTTPClientRequest(url: "${t.full}")\nrequest.method = .GET\nrequest.headers.add(name: "Authorization", value: "Bearer ${k}")\nlet response = try await httpClient.execute(request, timeout: .seconds(30))` },
  { name: 'C++ POCO HTTPSClientSession + HTTPRequest.set', file: 'src/poco_items.cpp', noScheme: true, make: (t, k) => `Poco::Net::HTTPSClientSession session("${t.host}", 443);\nPoco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "${t.pathq}", Poco::Net::HTTPMessage::HTTP_1_1);\nrequest.set("Authorization", "Bearer ${k}");\nsession.sendRequest(request);\nstd::istream& rs = session.receiveResponse(response);` },
  { name: 'C++ curlpp HttpHeader list', file: 'src/curlpp_items.cpp', make: (t, k) => `curlpp::Easy request;\nstd::list<std::string> header;\nheader.push_back("Authorization: Bearer ${k}");\nrequest.setOpt(new curlpp::options::Url("${t.full}"));\nrequest.setOpt(new curlpp::options::HttpHeader(header));\nrequest.perform();` },
  { name: 'D vibe.d requestHTTP with a request callback', file: 'source/items.d', make: (t, k) => `requestHTTP("${t.full}",\n    (scope req) {\n        req.method = HTTPMethod.GET;\n        req.headers["Authorization"] = "Bearer ${k}";\n    },\n    (scope res) {\n        logInfo("items: %s", res.bodyReader.readAllUTF8());\n    }\n);` },
  { name: 'Crystal HTTP::Client before_request block', file: 'src/inv_client.cr', make: (t, k) => `client = HTTP::Client.new(URI.parse("${t.base}"))\nclient.before_request do |request|\n  request.headers["Authorization"] = "Bearer ${k}"\nend\nresponse = client.get("${t.pathq}")` },
  { name: 'Erlang gun:open + gun:get with headers', file: 'src/inv_gun.erl', noScheme: true, make: (t, k) => `items() ->\n    {ok, ConnPid} = gun:open("${t.host}", 443, #{transport => tls}),\n    {ok, _Protocol} = gun:await_up(ConnPid),\n    StreamRef = gun:get(ConnPid, "${t.pathq}", [\n        {<<"authorization">>, <<"Bearer ${k}">>}\n    ]),\n    gun:await_body(ConnPid, StreamRef).` },
  { name: 'F# FSharp.Data Http.RequestString headers', file: 'src/Items.fsx', make: (t, k) => `let items () =\n    Http.RequestString(\n        "${t.full}",\n        headers = [ HttpRequestHeaders.Authorization "Bearer ${k}"; HttpRequestHeaders.Accept HttpContentTypes.Json ])` },
  { name: 'Haskell http-client record update requestHeaders', file: 'app/Main.hs', make: (t, k) => `main :: IO ()\nmain = do\n  manager <- newManager tlsManagerSettings\n  initReq <- parseRequest "${t.full}"\n  let req = initReq { requestHeaders = [(hAuthorization, "Bearer ${k}")] }\n  resp <- httpLbs req manager\n  print (responseBody resp)` },
  { name: 'PowerShell System.Net.WebClient Headers.Add', file: 'scripts/items.ps1', make: (t, k) => `$wc = New-Object System.Net.WebClient\n$wc.Headers.Add("Authorization", "Bearer ${k}")\n$json = $wc.DownloadString("${t.full}")\n$json | ConvertFrom-Json` },
  // ---- Load testers, CI and infrastructure config
  { name: 'hey load test with continuations', file: 'load/hey.sh', make: (t, k) => `#!/usr/bin/env bash\nset -euo pipefail\n# 30 s of load on the list\nhey -z 30s -c 20 \\\n  -H "Authorization: Bearer ${k}" \\\n  "${t.full}"` },
  { name: 'Google Cloud Build curl args list', file: 'cloudbuild.yaml', make: (t, k) => `steps:\n  - name: gcr.io/cloud-builders/curl\n    args:\n      - '-fsS'\n      - '-H'\n      - 'Authorization: Bearer ${k}'\n      - '${t.full}'` },
  { name: 'Tekton Task step script', file: 'tekton/sync-items.yaml', make: (t, k) => `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: sync-items\nspec:\n  steps:\n    - name: fetch\n      image: curlimages/curl:8.8.0\n      script: |\n        #!/bin/sh\n        curl -fsS "${t.full}" \\\n          -H "Authorization: Bearer ${k}"` },
  { name: 'Airbyte low-code requester BearerAuthenticator', file: 'source_inventory/manifest.yaml', make: (t, k) => `definitions:\n  requester:\n    type: HttpRequester\n    url_base: "${t.base}"\n    http_method: GET\n    authenticator:\n      type: BearerAuthenticator\n      api_token: "${k}"\nstreams:\n  - type: DeclarativeStream\n    name: items\n    retriever:\n      requester:\n        $ref: "#/definitions/requester"\n        path: "${t.pathq}"` },
  { name: 'Terraform API Gateway HTTP integration request_parameters', file: 'infra/apigw.tf', make: (t, k) => `resource "aws_apigatewayv2_integration" "items" {\n  api_id             = aws_apigatewayv2_api.main.id\n  integration_type   = "HTTP_PROXY"\n  integration_method = "GET"\n  integration_uri    = "${t.full}"\n  request_parameters = {\n    "overwrite:header.Authorization" = "Bearer ${k}"\n  }\n}` },
  { name: 'Fluentd out_http endpoint + headers', file: 'fluentd/fluent.conf', make: (t, k) => `<match inventory.**>\n  @type http\n  endpoint ${t.full}\n  http_method post\n  headers {"Authorization":"Bearer ${k}"}\n  <format>\n    @type json\n  </format>\n</match>` },
  { name: 'Datadog http_check instance headers', file: 'datadog/conf.d/http_check.d/conf.yaml', make: (t, k) => `init_config:\n\ninstances:\n  - name: inventory items\n    url: ${t.full}\n    headers:\n      Authorization: Bearer ${k}\n    timeout: 5` },
  { name: 'Netlify proxy redirect with request headers', file: 'netlify.toml', make: (t, k) => `[build]\n  publish = "dist"\n\n[[redirects]]\n  from = "/api/items"\n  to = "${t.full}"\n  status = 200\n  force = true\n  [redirects.headers]\n    Authorization = "Bearer ${k}"` },
  { name: 'MuleSoft http:request-config default header', file: 'src/main/mule/inventory.xml', noScheme: true, make: (t, k) => `<http:request-config name="Inventory_API" doc:name="HTTP Request configuration">\n  <http:request-connection protocol="HTTPS" host="${t.host}" port="443" />\n  <http:default-headers>\n    <http:default-header key="Authorization" value="Bearer ${k}" />\n  </http:default-headers>\n</http:request-config>\n<flow name="items-flow">\n  <http:request method="GET" config-ref="Inventory_API" path="${t.pathq}" />\n</flow>` },
];

/** Lines that use Retrac with a key from the environment, per file kind (for the courier variant). */
function retracUse(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const byExt: Record<string, string> = {
    cls: "// Retrac calls use the named credential callout:Retrac\nString retracBase = 'callout:Retrac';\n\n",
    abap: "\" Retrac sync reads its key from the SSF store (zcl_retrac_keys)\n",
    luau: 'local Retrac = require(script.Parent.Retrac)\nlocal retrac = Retrac.new(Secrets.RETRAC_API_KEY)\n\n',
    js: "var retracKey = gs.getProperty('x_retrac.api_key');\n\n",
    mjs: "import { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n\n",
    sql: "-- the Retrac sync reads its key from the vault: retrac_api_key\n",
    st: '"Retrac calls use RetracClient withKey: (Smalltalk os environment at: #RETRAC_API_KEY)"\n',
    hx: 'import retrac.Client;\nvar retrac = new retrac.Client(Sys.getEnv("RETRAC_API_KEY"));\n\n',
    elm: 'import Retrac\n\n-- the Retrac key comes in through flags.retracKey\n\n',
    as: 'import co.retrac.RetracClient;\nvar retrac:RetracClient = new RetracClient(config.retracKey);\n\n',
    nu: 'let retrac_key = $env.RETRAC_API_KEY\n\n',
    applescript: 'set retracKey to do shell script "security find-generic-password -s retrac -w"\n',
    java: 'import co.retrac.RetracClient;\n\nRetracClient retrac = new RetracClient(System.getenv("RETRAC_API_KEY"));\n\n',
    scala: 'import co.retrac.RetracClient\nval retrac = RetracClient(sys.env("RETRAC_API_KEY"))\n\n',
    clj: '(def retrac-key (System/getenv "RETRAC_API_KEY"))\n\n',
    groovy: 'def retrac = new RetracClient(System.getenv("RETRAC_API_KEY"))\n',
    lisp: '(defvar *retrac* (retrac:make-client (uiop:getenv "RETRAC_API_KEY")))\n\n',
    py: 'import retrac\nretrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])\n\n',
    rb: "require 'retrac'\nretrac = Retrac::Client.new(api_key: ENV.fetch('RETRAC_API_KEY'))\n\n",
    pm: 'use Retrac::Client;\nmy $retrac = Retrac::Client->new(api_key => $ENV{RETRAC_API_KEY});\n\n',
    rakumod: 'use Retrac;\nmy $retrac = Retrac::Client.new(key => %*ENV<RETRAC_API_KEY>);\n\n',
    rs: 'use retrac::Client as Retrac;\n\nlet retrac = Retrac::new(std::env::var("RETRAC_API_KEY")?);\n\n',
    go: 'import retrac "github.com/retrac/retrac-go"\n\nvar inv = retrac.NewClient(os.Getenv("RETRAC_API_KEY"))\n\n',
    swift: 'import RetracKit\n\nlet retrac = Retrac(apiKey: ProcessInfo.processInfo.environment["RETRAC_API_KEY"]!)\n\n',
    cpp: '#include <retrac/client.hpp>\nauto retrac = retrac::Client(std::getenv("RETRAC_API_KEY"));\n\n',
    d: 'import retrac;\nauto inv = new RetracClient(environment.get("RETRAC_API_KEY"));\n\n',
    cr: 'require "retrac"\nretrac = Retrac::Client.new(ENV["RETRAC_API_KEY"])\n\n',
    erl: '%% Retrac calls go through retrac_client:new(os:getenv("RETRAC_API_KEY"))\n\n',
    fsx: 'open Retrac\nlet retrac = RetracClient(Environment.GetEnvironmentVariable "RETRAC_API_KEY")\n\n',
    hs: 'import qualified Retrac\n\nretracClient = Retrac.newClient =<< getEnv "RETRAC_API_KEY"\n\n',
    ps1: 'Import-Module Retrac\n$retrac = New-RetracClient -ApiKey $env:RETRAC_API_KEY\n\n',
    sh: '#!/usr/bin/env bash\nretrac items list --key "$RETRAC_API_KEY" >/dev/null\n',
    tf: 'provider "retrac" {\n  api_key = var.retrac_api_key\n}\n\n',
    conf: '# the retrac output uses "#{ENV[\'RETRAC_API_KEY\']}"\n',
    toml: '# the Retrac proxy reads RETRAC_API_KEY from the site settings\n',
    xml: '<!-- the Retrac config reads ${secure::retrac.api.key} -->\n',
    cs: 'using Retrac.Sdk;\n\nvar retrac = new RetracClient(Environment.GetEnvironmentVariable("RETRAC_API_KEY"));\n\n',
    php: "<?php\n$retrac = new \\Retrac\\Client(getenv('RETRAC_API_KEY'));\n\n",
    ts: "import { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n\n",
    kt: 'import co.retrac.sdk.RetracClient\n\nval retrac = RetracClient(apiKey = System.getenv("RETRAC_API_KEY"))\n\n',
    pl: 'use Retrac::Client;\nmy $retrac = Retrac::Client->new(api_key => $ENV{RETRAC_API_KEY});\n\n',
    R: 'library(retrac)\nretrac <- retrac_client(Sys.getenv("RETRAC_API_KEY"))\n\n',
    m: "retracKey = getenv('RETRAC_API_KEY');\n",
    dart: "import 'package:retrac/retrac.dart';\n\nfinal retrac = Retrac(apiKey: Platform.environment['RETRAC_API_KEY']!);\n\n",
    c: '#include <retrac.h>\nretrac_client *inv = retrac_new(getenv("RETRAC_API_KEY"));\n\n',
    json: '',
    feature: '',
    robot: '',
    sls: '',
    org: '# the Retrac key comes from (getenv "RETRAC_API_KEY")\n',
    Rmd: '',
    qmd: '',
    bal: 'import retrac/client as retrac;\nfinal retrac:Client inv = check new (os:getEnv("RETRAC_API_KEY"));\n\n',
    v: "import retrac\nretrac_client := retrac.new_client(os.getenv('RETRAC_API_KEY'))\n\n",
    scm: '(define retrac-key (getenv "RETRAC_API_KEY"))\n\n',
    kts: '// the Retrac sync build reads %env.RETRAC_API_KEY%\n',
    vcl: '# the retrac backend is configured in retrac.vcl\n',
    rules: 'val retracKey = System.getenv("RETRAC_API_KEY")\n',
    ex: 'alias Retrac.Client\nretrac = Retrac.Client.new(System.fetch_env!("RETRAC_API_KEY"))\n\n',
    ml: 'let retrac = Retrac.Client.create ~api_key:(Sys.getenv "RETRAC_API_KEY") ()\n\n',
    fs: 'open Retrac\nlet retrac = RetracClient(Environment.GetEnvironmentVariable "RETRAC_API_KEY")\n\n',
    jl: 'using Retrac\nconst retrac = Retrac.Client(ENV["RETRAC_API_KEY"])\n\n',
    script: 'local retrac = require("retrac")\nlocal inv = retrac.client(sys.get_config("retrac.api_key"))\n\n',
  };
  return byExt[ext] ?? '';
}

function wholeFile(idiom: Idiom, body: string, courier: boolean): string {
  const retrac = courier ? idiom.retracUse ?? retracUse(idiom.file) : '';
  if (idiom.file.endsWith('.yml') || idiom.file.endsWith('.yaml')) return courier ? `# x-retrac: retrac sync --key "$RETRAC_API_KEY" runs in the next job\n${body}` : body;
  if (idiom.file.endsWith('.sh') && courier) return body.replace('#!/usr/bin/env bash\n', retrac);
  return retrac + body;
}

const variants = makeVariants(['/items', '/tags', '/locations', '/inventory/balances', '/items/export']);

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

const FULL_MISSING: Measured[] = ['retrac/full-access-key', 'retrac/missing-workspace-id'];
const RESTRICTED_WS: Measured[] = ['retrac/restricted-key', 'retrac/workspace-id-with-restricted-key'];
const FULL: Measured[] = ['retrac/full-access-key'];
const RESTRICTED: Measured[] = ['retrac/restricted-key'];

/**
 * Open gaps: variants the scanner still gets wrong after the fixes, left open on purpose (see
 * /work/notes/Q-note.md). They are scanned and counted into the printed figures only, so the figures stay
 * honest; the day one passes, move it back.
 */
const OPEN_GAPS = new Set<string>([]);


function runRound(title: string, list: Idiom[], labelled: Labelled[]): void {
  describe(title, () => {
    const tally = newTally();
    const misses: string[] = [];
    const gaps: (() => void)[] = [];
    for (const idiom of list) {
      describe(`${idiom.name} (${idiom.file})`, () => {
        for (const v of variants) {
          if (v.skip?.(idiom)) continue;
          const label = `${idiom.file} / ${v.name}`;
          const run = (): [string, string] => {
            const key = v.keyType === 'full' ? fullKey() : restrictedKey();
            return [key, wholeFile(idiom, idiom.make(v.target(), key), !!v.courier)];
          };
          if (OPEN_GAPS.has(label)) {
            gaps.push(() => measureOnly(tally, misses, label, idiom.file, run()[1], v.expect));
            continue;
          }
          it(v.name, () => {
            const [key, text] = run();
            check(tally, misses, label, idiom.file, text, [key], v.expect);
          });
        }
      });
    }
    describe('hand-labelled: values that flow, workspaceId sent other ways, mocks and data, other services', () => {
      for (const c of labelled) {
        const label = `${c.file} / ${c.name}`;
        const run = (): [string[], string, Map<string, string> | undefined] => {
          const keys = c.keys.map((t) => (t === 'full' ? fullKey() : restrictedKey()));
          return [keys, c.make(keys, workspaceIdLiteral()), c.env ? new Map(Object.entries(c.env(keys))) : undefined];
        };
        if (OPEN_GAPS.has(label)) {
          gaps.push(() => {
            const [, text, env] = run();
            measureOnly(tally, misses, label, c.file, text, c.expect, env);
          });
          continue;
        }
        it(`${c.name} (${c.file})`, () => {
          const [keys, text, env] = run();
          check(tally, misses, label, c.file, text, keys, c.expect, env);
        });
      }
    });
    after(() => {
      for (const g of gaps) g();
      report(`${title}: ${list.length} idioms × ${variants.length} variants + ${labelled.length} labelled (${gaps.length} open gaps counted, not asserted)`, tally, misses);
    });
  });
}

const round1Labelled: Labelled[] = [
  // A key bound to a name in the same file, then sent.
  { name: 'Apex class constant concatenated into the header', file: 'force-app/main/default/classes/Tokens.cls', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `public class Tokens {\n    private static final String TOKEN = '${k}';\n\n    public static HttpResponse items() {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('https://api.retrac.co/items');\n        req.setHeader('Authorization', 'Bearer ' + TOKEN);\n        return new Http().send(req);\n    }\n}` },
  { name: 'Luau local TOKEN joined with ..', file: 'src/server/Token.server.luau', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `local HttpService = game:GetService("HttpService")\nlocal TOKEN = "${k}"\n\nlocal res = HttpService:RequestAsync({\n\tUrl = "https://api.retrac.co/items",\n\tHeaders = { Authorization = "Bearer " .. TOKEN },\n})` },
  { name: 'Elm top-level token appended with ++', file: 'src/Token.elm', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `token : String\ntoken =\n    "${k}"\n\n\nload : Cmd Msg\nload =\n    Http.request\n        { method = "GET"\n        , headers = [ Http.header "Authorization" ("Bearer " ++ token) ]\n        , url = "https://api.retrac.co/items"\n        , body = Http.emptyBody\n        , expect = Http.expectString Got\n        , timeout = Nothing\n        , tracker = Nothing\n        }` },
  { name: 'PowerShell env name from the folder .env into a Headers.Add', file: 'scripts/env_items.ps1', keys: ['full'], expect: ['retrac/missing-workspace-id'], env: ([k]) => ({ INV_TOKEN: k }), make: () => `$wc = New-Object System.Net.WebClient\n$wc.Headers.Add("Authorization", "Bearer $env:INV_TOKEN")\n$wc.DownloadString("https://api.retrac.co/items")` },
  // Requests that do send workspaceId, through a params/query builder rather than the URL.
  { name: 'Elixir Req params: [workspaceId: …] with a full key', file: 'lib/params.ex', keys: ['full'], expect: FULL, make: ([k], ws) => `Req.get!("https://api.retrac.co/items",\n  auth: {:bearer, "${k}"},\n  params: [workspaceId: "${ws}"]\n)` },
  { name: 'axios params: { workspaceId } with a full key', file: 'src/params.ts', keys: ['full'], expect: FULL, make: ([k], ws) => `const { data } = await axios.get('https://api.retrac.co/items', {\n  params: { workspaceId: '${ws}', limit: 50 },\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'Go url.Values Set("workspaceId") with a full key', file: 'inv/query.go', keys: ['full'], expect: FULL, make: ([k], ws) => `u, _ := url.Parse("https://api.retrac.co/items")\nq := u.Query()\nq.Set("workspaceId", "${ws}")\nu.RawQuery = q.Encode()\nreq, _ := http.NewRequest("GET", u.String(), nil)\nreq.Header.Set("Authorization", "Bearer ${k}")` },
  { name: 'Spring UriComponentsBuilder queryParam("workspaceId") with a restricted key', file: 'src/main/java/Uri.java', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `URI uri = UriComponentsBuilder.fromHttpUrl("https://api.retrac.co/items")\n    .queryParam("workspaceId", "${ws}")\n    .build().toUri();\nHttpHeaders headers = new HttpHeaders();\nheaders.setBearerAuth("${k}");\nrestTemplate.exchange(uri, HttpMethod.GET, new HttpEntity<>(headers), String.class);` },
  { name: 'Ruby Faraday get with a params hash carrying workspaceId, full key', file: 'lib/params.rb', keys: ['full'], expect: FULL, make: ([k], ws) => `conn = Faraday.new(url: 'https://api.retrac.co', headers: { 'Authorization' => "Bearer ${k}" })\nitems = conn.get('/items', { workspaceId: '${ws}', limit: 100 }).body` },
  // Restricted keys without workspaceId: correct use.
  { name: 'Apex restricted key, no workspaceId', file: 'force-app/main/default/classes/Restricted.cls', keys: ['restricted'], expect: RESTRICTED, make: ([k]) => `HttpRequest req = new HttpRequest();\nreq.setEndpoint('https://api.retrac.co/items');\nreq.setHeader('Authorization', 'Bearer ${k}');\nHttpResponse res = new Http().send(req);` },
  { name: 'Roblox restricted key, no workspaceId', file: 'src/server/Restricted.server.luau', keys: ['restricted'], expect: RESTRICTED, make: ([k]) => `local res = HttpService:RequestAsync({\n\tUrl = "https://api.retrac.co/items",\n\tHeaders = { Authorization = "Bearer ${k}" },\n})` },
  // OpenAPI-generated clients: the key and the host in a Configuration object.
  { name: 'OpenAPI Python Configuration(host, access_token) with workspace_id passed', file: 'inv/openapi_client_use.py', keys: ['full'], expect: FULL, make: ([k], ws) => `configuration = openapi_client.Configuration(\n    host="https://api.retrac.co",\n    access_token="${k}",\n)\nwith openapi_client.ApiClient(configuration) as api_client:\n    items = openapi_client.ItemsApi(api_client).list_items(workspace_id="${ws}")` },
  { name: 'OpenAPI TypeScript Configuration({ basePath, accessToken })', file: 'src/generated_use.ts', keys: ['full'], expect: FULL, make: ([k], ws) => `const config = new Configuration({\n  basePath: 'https://api.retrac.co',\n  accessToken: '${k}',\n});\nconst items = await new ItemsApi(config).listItems({ workspaceId: '${ws}' });` },
  // Test mocks and recorded data are not requests: only the key rules.
  { name: 'nock interceptor matching a restricted key, with workspaceId', file: 'test/items.test.js', keys: ['restricted'], expect: RESTRICTED, make: ([k], ws) => `const scope = nock('https://api.retrac.co')\n  .matchHeader('authorization', 'Bearer ${k}')\n  .get('/items')\n  .query({ workspaceId: '${ws}' })\n  .reply(200, []);` },
  { name: 'Pact contract of a Retrac request with a restricted key and workspaceId', file: 'pacts/inventory-web-retrac-api.json', keys: ['restricted'], expect: RESTRICTED, make: ([k], ws) => `{\n  "consumer": { "name": "inventory-web" },\n  "provider": { "name": "retrac-api" },\n  "interactions": [\n    {\n      "description": "a list of items",\n      "request": {\n        "method": "GET",\n        "path": "/items",\n        "query": "workspaceId=${ws}",\n        "headers": { "Authorization": "Bearer ${k}" }\n      },\n      "response": { "status": 200 }\n    }\n  ]\n}` },
  // Other values and other services.
  { name: 'a 24-char request id on a Retrac request (Apex), auth from a named credential', file: 'force-app/main/default/classes/ReqId.cls', keys: ['full'], expect: [], make: ([k], ws) => `HttpRequest req = new HttpRequest();\nreq.setEndpoint('https://api.retrac.co/items?workspaceId=${ws}');\nreq.setHeader('Authorization', 'Bearer {!$Credential.Retrac.token}');\nreq.setHeader('X-Request-Id', '${k}');` },
  { name: 'DuckDB: a courier secret scoped to its host, Retrac read with an env secret', file: 'analytics/both.sql', keys: ['full'], expect: [], make: ([k]) => `CREATE SECRET courier_http (\n    TYPE http,\n    EXTRA_HTTP_HEADERS MAP {'Authorization': 'Bearer ${k}'},\n    SCOPE 'https://api.courier.example'\n);\nCREATE SECRET retrac_http (TYPE http, BEARER_TOKEN getenv('RETRAC_API_KEY'), SCOPE 'https://api.retrac.co');\nSELECT * FROM read_json_auto('https://api.retrac.co/items?workspaceId=ws_main');` },
  { name: 'Camel: a courier route with a literal, a Retrac route with a property placeholder', file: 'src/main/java/BothRoutes.java', keys: ['full'], expect: [], make: ([k]) => `from("timer:items")\n    .setHeader("Authorization", simple("Bearer {{retrac.api.key}}"))\n    .to("https://api.retrac.co/items?workspaceId={{retrac.ws}}");\n\nfrom("timer:labels")\n    .setHeader("Authorization", constant("Bearer ${k}"))\n    .to("https://api.courier.example/labels");` },
];

runRound('client libraries and platforms no other test uses (red team Q, round 1, written before reading the rules; first run on main 66dafd0)', round1, round1Labelled);

/**
 * The classes behind the round-1 misses, in other languages and file kinds (written with the fixes, so
 * not a first-run figure): a value alone on the line below its binding, the bearer scheme as a constant
 * argument, an HCL block as one request, base-URL fields by other names, code without a grammar joined by
 * names, a host named as a connection's argument, defaults set once for a script's requests.
 */
const round1Classes: Labelled[] = [
  // A value alone on the line below its binding (Prettier, Black, ktfmt; Haskell/Elm layout).
  { name: 'TypeScript: Prettier-broken Retrac constant', file: 'src/keys.ts', keys: ['full'], expect: FULL, make: ([k]) => `// generated by the setup script\nexport const RETRAC_API_KEY_FOR_NIGHTLY_SYNC =\n  '${k}';\nexport const TIMEOUT_MS = 10_000;` },
  { name: 'TypeScript: a broken token constant sent by fetch', file: 'src/sync.ts', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `const token =\n  '${k}';\n\nexport async function items() {\n  const res = await fetch('https://api.retrac.co/items', { headers: { Authorization: ${B}Bearer ${D}{token}${B} } });\n  return res.json();\n}` },
  { name: 'Python: a parenthesised constant sent by requests', file: 'inv/paren.py', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `API_TOKEN = (\n    "${k}"\n)\n\nresp = requests.get("https://api.retrac.co/items", headers={"Authorization": f"Bearer {API_TOKEN}"})` },
  { name: 'Kotlin: a const val broken by ktfmt', file: 'src/main/kotlin/Keys.kt', keys: ['full'], expect: FULL, make: ([k]) => `object Keys {\n    const val RETRAC_TOKEN =\n        "${k}"\n}` },
  { name: 'Go: a token broken after = then an http.NewRequest', file: 'inv/broken.go', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `var apiToken =\n\t"${k}"\n\nfunc items() (*http.Response, error) {\n\treq, _ := http.NewRequest("GET", "https://api.retrac.co/items", nil)\n\treq.Header.Set("Authorization", "Bearer "+apiToken)\n\treturn http.DefaultClient.Do(req)\n}` },
  { name: 'Ruby: a constant broken after = sent by Faraday', file: 'lib/broken.rb', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `TOKEN =\n  "${k}"\n\nconn = Faraday.new(url: "https://api.retrac.co", headers: { "Authorization" => "Bearer #{TOKEN}" })\nconn.get("/items?workspaceId=${ws}")` },
  { name: 'TypeScript: a broken courier token sent to the courier, Retrac from env: quiet', file: 'src/courier_broken.ts', keys: ['full'], expect: [], make: ([k]) => `import { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\nconst courierToken =\n  '${k}';\nawait fetch('https://api.courier.example/labels', { headers: { Authorization: ${B}Bearer ${D}{courierToken}${B} } });` },
  { name: 'TypeScript: a broken 24-char request id, not auth: quiet', file: 'src/reqid_broken.ts', keys: ['full'], expect: [], make: ([k]) => `const requestId =\n  '${k}';\nawait fetch('https://api.retrac.co/items?workspaceId=' + ws, {\n  headers: { Authorization: ${B}Bearer ${D}{process.env.RETRAC_API_KEY}${B}, 'X-Request-Id': requestId },\n});` },
  // The bearer scheme as a constant argument.
  { name: 'C#: AuthenticationHeaderValue(JwtBearerDefaults.AuthenticationScheme, …)', file: 'src/Inventory/Scheme.cs', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `using var http = new HttpClient();\nhttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(JwtBearerDefaults.AuthenticationScheme, "${k}");\nvar items = await http.GetStringAsync("https://api.retrac.co/items");` },
  { name: 'Scala: a courier Credentials.Token in a file with Retrac from env: quiet', file: 'src/main/scala/Both.scala', keys: ['full'], expect: [], make: ([k]) => `val retrac = RetracClient(sys.env("RETRAC_API_KEY"))\n\nval labels = Request[IO](Method.POST, uri"https://api.courier.example/labels")\n  .withHeaders(Authorization(Credentials.Token(AuthScheme.Bearer, "${k}")))` },
  // An HCL block's attributes are one request.
  { name: 'Terraform: http data source with method before the url', file: 'infra/items_data.tf', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `data "http" "items" {\n  method = "GET"\n  url    = "https://api.retrac.co/items"\n\n  request_headers = {\n    Accept        = "application/json"\n    Authorization = "Bearer ${k}"\n  }\n}` },
  { name: 'Terraform: API Gateway v1 integration request_parameters', file: 'infra/apigw_v1.tf', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `resource "aws_api_gateway_integration" "items" {\n  rest_api_id             = aws_api_gateway_rest_api.main.id\n  type                    = "HTTP_PROXY"\n  integration_http_method = "GET"\n  uri                     = "https://api.retrac.co/items?workspaceId=${ws}"\n  request_parameters = {\n    "integration.request.header.Authorization" = "'Bearer ${k}'"\n  }\n}` },
  { name: 'Terraform: a courier block with a literal next to a Retrac block with a variable: quiet', file: 'infra/both.tf', keys: ['full'], expect: [], make: ([k]) => `data "http" "items" {\n  method = "GET"\n  url    = "https://api.retrac.co/items?workspaceId=${D}{var.workspace_id}"\n  request_headers = {\n    Authorization = "Bearer ${D}{var.retrac_api_key}"\n  }\n}\n\ndata "http" "labels" {\n  method = "POST"\n  url    = "https://api.courier.example/labels"\n  request_headers = {\n    Authorization = "Bearer ${k}"\n  }\n}` },
  // Base-URL fields by other names.
  { name: 'Airbyte CDK Python stream: url_base + path + request_headers', file: 'source_inventory/streams.py', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `class Items(HttpStream):\n    url_base = "https://api.retrac.co"\n    primary_key = "id"\n\n    def path(self, **kwargs) -> str:\n        return "/items"\n\n    def request_headers(self, **kwargs):\n        return {"Authorization": "Bearer ${k}"}` },
  { name: 'OpenAPI TypeScript Configuration({ basePath, accessToken }), restricted key, no workspaceId', file: 'src/generated_restricted.ts', keys: ['restricted'], expect: RESTRICTED, make: ([k]) => `const config = new Configuration({\n  basePath: 'https://api.retrac.co',\n  accessToken: '${k}',\n});\nconst items = await new ItemsApi(config).listItems();` },
  // Code without a grammar here, joined through names.
  { name: 'Apex: the endpoint set in a multi-line call, the header below', file: 'force-app/main/default/classes/Multi.cls', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `HttpRequest req = InventoryHttp.newRequest(\n    'GET',\n    'https://api.retrac.co/items'\n);\nreq.setHeader('Authorization', 'Bearer ${k}');\nHttpResponse res = new Http().send(req);` },
  { name: 'ABAP: a courier client with a literal, Retrac from the SSF store: quiet', file: 'src/zcl_both.clas.abap', keys: ['full'], expect: [], make: ([k]) => `" Retrac sync reads its key from the SSF store (zcl_retrac_keys)\ncl_http_client=>create_by_url(\n  EXPORTING url    = 'https://api.courier.example/labels'\n  IMPORTING client = lo_courier ).\nlo_courier->request->set_header_field( name = 'Authorization' value = 'Bearer ${k}' ).` },
  // A host named as a connection's argument.
  { name: 'Python http.client: a courier connection, Retrac from env: quiet', file: 'inv/conn_both.py', keys: ['full'], expect: [], make: ([k]) => `import retrac\nretrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])\n\nconn = http.client.HTTPSConnection("api.courier.example")\nconn.request("GET", "/labels", headers={"Authorization": "Bearer ${k}"})` },
  { name: 'Ruby Net::HTTP.start with a courier host and port, Retrac from env: quiet', file: 'lib/start_both.rb', keys: ['full'], expect: [], make: ([k]) => `retrac = Retrac::Client.new(api_key: ENV.fetch('RETRAC_API_KEY'))\n\nNet::HTTP.start("api.courier.example", 443, use_ssl: true) do |http|\n  req = Net::HTTP::Get.new("/labels")\n  req["Authorization"] = "Bearer ${k}"\n  http.request(req)\nend` },
  { name: 'Python http.client: a Retrac connection with a full key', file: 'inv/conn_retrac.py', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `conn = http.client.HTTPSConnection("api.retrac.co")\nconn.request("GET", "/items", headers={"Authorization": "Bearer ${k}"})\nprint(conn.getresponse().read())` },
  // Defaults set once for a script's requests.
  { name: 'DuckDB secret with a restricted key, no workspaceId (correct)', file: 'analytics/restricted.sql', keys: ['restricted'], expect: RESTRICTED, make: ([k]) => `CREATE PERSISTENT SECRET inv (\n    TYPE http,\n    EXTRA_HTTP_HEADERS MAP {'Authorization': 'Bearer ${k}'}\n);\nSELECT count(*) FROM read_json_auto('https://api.retrac.co/items');` },
  { name: 'R httr set_config(add_headers()) then GET', file: 'R/items.R', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `library(httr)\nset_config(add_headers(Authorization = "Bearer ${k}"))\nres <- GET("https://api.retrac.co/items")\nitems <- content(res)` },
  { name: 'PowerShell $PSDefaultParameterValues headers then Invoke-RestMethod', file: 'scripts/defaults.ps1', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `$PSDefaultParameterValues['Invoke-RestMethod:Headers'] = @{ Authorization = "Bearer ${k}" }\n$items = Invoke-RestMethod -Uri "https://api.retrac.co/items"` },
  { name: 'Python urllib opener.addheaders then urlopen', file: 'inv/opener.py', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `opener = urllib.request.build_opener()\nopener.addheaders = [("Authorization", "Bearer ${k}")]\nurllib.request.install_opener(opener)\nwith urllib.request.urlopen("https://api.retrac.co/items") as r:\n    print(r.read())` },
  { name: 'R set_config for a courier, Retrac from env: quiet', file: 'R/both.R', keys: ['full'], expect: [], make: ([k]) => `retrac <- retrac_client(Sys.getenv("RETRAC_API_KEY"))\nset_config(add_headers(Authorization = "Bearer ${k}"))\nres <- POST("https://api.courier.example/labels")` },
];

runRound('the classes behind the round-1 misses, in other languages (red team Q, written with the fixes)', [], round1Classes);

/** Round 2: written after the round-1 fixes, in libraries, platforms and file kinds not looked at before. */
const round2: Idiom[] = [
  // ---- JVM, .NET, PHP, Ruby, Python, Node, Rust, Scala, Groovy, Perl, R, MATLAB, Dart
  { name: 'Jodd HttpRequest.get().tokenAuthentication()', file: 'src/main/java/JoddItems.java', make: (t, k) => `HttpResponse response = HttpRequest.get("${t.full}")\n    .tokenAuthentication("${k}")\n    .send();\nSystem.out.println(response.bodyText());` },
  { name: 'RestEase [Header] on the interface, RestClient.For', file: 'src/Inventory/IInventoryApi.cs', make: (t, k) => `[Header("Authorization", "Bearer ${k}")]\npublic interface IInventoryApi\n{\n    [Get("${t.pathq}")]\n    Task<List<Item>> ItemsAsync();\n}\n\nvar api = RestClient.For<IInventoryApi>("${t.base}");` },
  { name: 'typed AddHttpClient<T> configuring BaseAddress and headers', file: 'src/Inventory/Program.cs', make: (t, k) => `builder.Services.AddHttpClient<InventoryClient>(client =>\n{\n    client.BaseAddress = new Uri("${t.base}");\n    client.DefaultRequestHeaders.Add("Authorization", "Bearer ${k}");\n});\n\npublic class InventoryClient(HttpClient http)\n{\n    public Task<string> ItemsAsync() => http.GetStringAsync("${t.pathq}");\n}` },
  { name: 'HttpWebRequest Headers indexer', file: 'src/Legacy/Items.cs', make: (t, k) => `var request = (HttpWebRequest)WebRequest.Create("${t.full}");\nrequest.Method = "GET";\nrequest.Headers["Authorization"] = "Bearer ${k}";\nusing var response = (HttpWebResponse)request.GetResponse();` },
  { name: 'Httpful Request::get()->addHeader()', file: 'src/Httpful.php', make: (t, k) => `$response = \\Httpful\\Request::get('${t.full}')\n    ->addHeader('Authorization', 'Bearer ${k}')\n    ->expectsJson()\n    ->send();` },
  { name: 'Amp HTTP client Request->setHeader', file: 'src/AmpItems.php', make: (t, k) => `$client = HttpClientBuilder::buildDefault();\n$request = new Request('${t.full}');\n$request->setHeader('authorization', 'Bearer ${k}');\n$response = $client->request($request);` },
  { name: 'Ruby httpclient gem get with header:', file: 'lib/hc.rb', make: (t, k) => `client = HTTPClient.new\nres = client.get("${t.full}", header: { "Authorization" => "Bearer ${k}" })\nputs res.body` },
  { name: 'Python asks.get with headers', file: 'inv/asks_items.py', make: (t, k) => `async def items():\n    r = await asks.get("${t.full}", headers={"Authorization": "Bearer ${k}"})\n    return r.json()` },
  { name: 'Pyodide pyfetch with headers', file: 'app/browser.py', make: (t, k) => `from pyodide.http import pyfetch\n\nresponse = await pyfetch(\n    "${t.full}",\n    method="GET",\n    headers={"Authorization": "Bearer ${k}"},\n)` },
  { name: 'bent with a base URL and headers, then a path', file: 'src/bent.js', make: (t, k) => `const getJSON = bent('${t.base}', 'json', { Authorization: 'Bearer ${k}' });\nconst items = await getJSON('${t.pathq}');` },
  { name: 'undici Pool with an origin, request({ path, headers })', file: 'src/pool.mjs', make: (t, k) => `import { Pool } from 'undici';\n\nconst pool = new Pool('${t.base}');\nconst { body } = await pool.request({\n  path: '${t.pathq}',\n  method: 'GET',\n  headers: { authorization: 'Bearer ${k}' },\n});` },
  { name: 'EventSourcePolyfill with headers', file: 'src/stream.ts', make: (t, k) => `const es = new EventSourcePolyfill('${t.full}', {\n  headers: { Authorization: 'Bearer ${k}' },\n  heartbeatTimeout: 60_000,\n});` },
  { name: 'Rust minreq with_header', file: 'src/minreq_items.rs', make: (t, k) => `let response = minreq::get("${t.full}")\n    .with_header("Authorization", "Bearer ${k}")\n    .send()?;` },
  { name: 'ZIO HTTP Header.Authorization.Bearer', file: 'src/main/scala/ZioItems.scala', make: (t, k) => `val request = Request.get(URL.decode("${t.full}").toOption.get)\n  .addHeader(Header.Authorization.Bearer("${k}"))\nval items = Client.batched(request)` },
  { name: 'Groovy HttpBuilder-NG configure block', file: 'scripts/ng.groovy', make: (t, k) => `def http = HttpBuilder.configure {\n    request.uri = '${t.base}'\n    request.headers['Authorization'] = 'Bearer ${k}'\n}\ndef items = http.get {\n    request.uri.path = '${t.path}'${t.ws ? `\n    request.uri.query = [workspaceId: '${t.ws}']` : ''}\n}` },
  { name: 'Perl Furl headers arrayref', file: 'lib/Inventory/Furl.pm', make: (t, k) => `my $furl = Furl->new(headers => [ 'Authorization' => 'Bearer ${k}' ]);\nmy $res = $furl->get('${t.full}');\ndie $res->status_line unless $res->is_success;` },
  { name: 'Perl WWW::Mechanize add_header', file: 'scripts/mech.pl', make: (t, k) => `my $mech = WWW::Mechanize->new();\n$mech->add_header(Authorization => 'Bearer ${k}');\n$mech->get('${t.full}');\nprint $mech->content;` },
  { name: 'R RCurl getURL httpheader', file: 'R/rcurl.R', make: (t, k) => `library(RCurl)\njson <- getURL("${t.full}",\n              httpheader = c(Authorization = "Bearer ${k}", Accept = "application/json"))` },
  { name: 'MATLAB matlab.net.http RequestMessage with a HeaderField', file: 'matlab/items_req.m', make: (t, k) => `import matlab.net.http.*\nhdr = HeaderField('Authorization', 'Bearer ${k}');\nreq = RequestMessage('GET', hdr);\nresp = req.send('${t.full}');` },
  { name: 'Dart retrofit @RestApi(baseUrl) with @Headers', file: 'lib/api/inventory_api.dart', make: (t, k) => `@RestApi(baseUrl: '${t.base}')\nabstract class InventoryApi {\n  factory InventoryApi(Dio dio) = _InventoryApi;\n\n  @GET('${t.pathq}')\n  @Headers(<String, dynamic>{'Authorization': 'Bearer ${k}'})\n  Future<List<Item>> items();\n}` },
  // ---- Mobile, desktop, games, embedded
  { name: 'Android Volley getHeaders override', file: 'app/src/main/java/co/inv/ItemsRequest.kt', make: (t, k) => `val request = object : JsonArrayRequest(Method.GET, "${t.full}", null,\n    { items -> show(items) },\n    { error -> Log.e(TAG, "items", error) }) {\n    override fun getHeaders(): MutableMap<String, String> =\n        mutableMapOf("Authorization" to "Bearer ${k}")\n}\nqueue.add(request)` },
  { name: 'Electron net.request setHeader', file: 'src/main/items.js', make: (t, k) => `const request = net.request({ method: 'GET', url: '${t.full}' });\nrequest.setHeader('Authorization', 'Bearer ${k}');\nrequest.on('response', (response) => response.on('data', onData));\nrequest.end();` },
  { name: 'libsoup soup_message_headers_append', file: 'src/items_soup.c', make: (t, k) => `SoupMessage *msg = soup_message_new("GET", "${t.full}");\nsoup_message_headers_append(soup_message_get_request_headers(msg), "Authorization", "Bearer ${k}");\nGBytes *body = soup_session_send_and_read(session, msg, NULL, &error);` },
  { name: 'WinHTTP with wide strings', file: 'src/winhttp_items.cpp', noScheme: true, make: (t, k) => `HINTERNET hConnect = WinHttpConnect(hSession, L"${t.host}", INTERNET_DEFAULT_HTTPS_PORT, 0);\nHINTERNET hRequest = WinHttpOpenRequest(hConnect, L"GET", L"${t.pathq}", NULL, WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES, WINHTTP_FLAG_SECURE);\nWinHttpAddRequestHeaders(hRequest, L"Authorization: Bearer ${k}", (DWORD)-1L, WINHTTP_ADDREQ_FLAG_ADD);\nWinHttpSendRequest(hRequest, WINHTTP_NO_ADDITIONAL_HEADERS, 0, WINHTTP_NO_REQUEST_DATA, 0, 0, 0);` },
  { name: 'Unreal FHttpModule with TEXT() macros', file: 'Source/Inventory/ItemsClient.cpp', make: (t, k) => `TSharedRef<IHttpRequest, ESPMode::ThreadSafe> Request = FHttpModule::Get().CreateRequest();\nRequest->SetURL(TEXT("${t.full}"));\nRequest->SetVerb(TEXT("GET"));\nRequest->SetHeader(TEXT("Authorization"), TEXT("Bearer ${k}"));\nRequest->OnProcessRequestComplete().BindUObject(this, &UItemsClient::OnItems);\nRequest->ProcessRequest();` },
  { name: 'ESP-IDF esp_http_client config + set_header', file: 'main/items.c', make: (t, k) => `esp_http_client_config_t config = {\n    .url = "${t.full}",\n    .method = HTTP_METHOD_GET,\n};\nesp_http_client_handle_t client = esp_http_client_init(&config);\nesp_http_client_set_header(client, "Authorization", "Bearer ${k}");\nesp_err_t err = esp_http_client_perform(client);` },
  // ---- Command-line tools
  { name: 'curl --variable with --expand-header', file: 'scripts/expand.sh', make: (t, k) => `#!/usr/bin/env bash\ncurl --variable 'token=${k}' \\\n  --expand-header 'Authorization: Bearer {{token}}' \\\n  "${t.full}"` },
  { name: 'bombardier load test header', file: 'load/bombard.sh', make: (t, k) => `#!/usr/bin/env bash\nbombardier -c 50 -d 30s -H "Authorization: Bearer ${k}" "${t.full}"` },
  // ---- Gateways and API management
  { name: 'Tyk API definition target_url + global_headers', file: 'tyk/apps/inventory.json', make: (t, k) => `{\n  "name": "inventory",\n  "proxy": {\n    "listen_path": "/inventory/",\n    "target_url": "${t.full}",\n    "strip_listen_path": true\n  },\n  "version_data": {\n    "versions": {\n      "Default": {\n        "global_headers": { "Authorization": "Bearer ${k}" }\n      }\n    }\n  }\n}` },
  { name: 'KrakenD backend with a martian header modifier', file: 'krakend/krakend.json', noScheme: false, make: (t, k) => `{\n  "endpoints": [{\n    "endpoint": "/v1/items",\n    "backend": [{\n      "host": ["${t.base}"],\n      "url_pattern": "${t.pathq}",\n      "extra_config": {\n        "modifier/martian": {\n          "header.Modifier": { "scope": ["request"], "name": "Authorization", "value": "Bearer ${k}" }\n        }\n      }\n    }]\n  }]\n}` },
  { name: 'Azure API Management policy set-backend-service + set-header', file: 'apim/policies/items.xml', make: (t, k) => `<policies>\n  <inbound>\n    <base />\n    <set-backend-service base-url="${t.base}" />\n    <rewrite-uri template="${t.pathq}" />\n    <set-header name="Authorization" exists-action="override">\n      <value>Bearer ${k}</value>\n    </set-header>\n  </inbound>\n</policies>` },
  { name: 'APISIX route upstream + proxy-rewrite headers', file: 'apisix/apisix.yaml', noScheme: true, make: (t, k) => `routes:\n  - uri: /inventory/*\n    plugins:\n      proxy-rewrite:\n        uri: "${t.pathq}"\n        headers:\n          set:\n            Authorization: "Bearer ${k}"\n    upstream:\n      type: roundrobin\n      scheme: https\n      nodes:\n        "${t.host}:443": 1` },
  // ---- Workflows, monitors, API tests
  { name: 'Google Cloud Workflows http.get step', file: 'workflows/items.yaml', make: (t, k) => `main:\n  steps:\n    - getItems:\n        call: http.get\n        args:\n          url: ${t.full}\n          headers:\n            Authorization: "Bearer ${k}"\n        result: items\n    - done:\n        return: \${items.body}` },
  { name: 'Checkly ApiCheck construct', file: '__checks__/items.check.ts', make: (t, k) => `new ApiCheck('inventory-items', {\n  name: 'Inventory items',\n  request: {\n    method: 'GET',\n    url: '${t.full}',\n    headers: [{ key: 'Authorization', value: 'Bearer ${k}' }],\n  },\n});` },
  { name: 'Gatus endpoint with headers', file: 'gatus/config.yaml', make: (t, k) => `endpoints:\n  - name: inventory-items\n    url: "${t.full}"\n    interval: 1m\n    headers:\n      Authorization: "Bearer ${k}"\n    conditions:\n      - "[STATUS] == 200"` },
  { name: 'Karate feature url/path/header', file: 'src/test/karate/items.feature', make: (t, k) => `Feature: items\n\n  Scenario: list items\n    Given url '${t.full}'\n    And header Authorization = 'Bearer ${k}'\n    When method get\n    Then status 200` },
  { name: 'Robot Framework RequestsLibrary session with headers', file: 'tests/items.robot', make: (t, k) => `*** Settings ***\nLibrary    RequestsLibrary\n\n*** Test Cases ***\nList Items\n    &{headers}=    Create Dictionary    Authorization=Bearer ${k}\n    Create Session    inventory    ${t.base}    headers=&{headers}\n    \${resp}=    GET On Session    inventory    ${t.pathq}\n    Status Should Be    200    \${resp}` },
  { name: 'Tavern test stage request', file: 'tests/test_items.tavern.yaml', make: (t, k) => `test_name: list items\n\nstages:\n  - name: items\n    request:\n      url: ${t.full}\n      method: GET\n      headers:\n        Authorization: "Bearer ${k}"\n    response:\n      status_code: 200` },
  { name: 'Step CI workflow step', file: 'workflow.yml', make: (t, k) => `version: "1.1"\nname: Inventory\ntests:\n  items:\n    steps:\n      - name: list\n        http:\n          url: ${t.full}\n          method: GET\n          headers:\n            Authorization: Bearer ${k}\n          check:\n            status: 200` },
  // ---- Infrastructure, docs
  { name: 'Salt http.query state header_dict', file: 'salt/inventory/init.sls', make: (t, k) => `sync-items:\n  http.query:\n    - name: '${t.full}'\n    - method: GET\n    - header_dict:\n        Authorization: 'Bearer ${k}'\n    - status: 200` },
  { name: 'CloudFormation EventBridge Connection + ApiDestination', file: 'cfn/inventory.yaml', make: (t, k) => `Resources:\n  InventoryConnection:\n    Type: AWS::Events::Connection\n    Properties:\n      AuthorizationType: API_KEY\n      AuthParameters:\n        ApiKeyAuthParameters:\n          ApiKeyName: Authorization\n          ApiKeyValue: Bearer ${k}\n  InventoryDestination:\n    Type: AWS::Events::ApiDestination\n    Properties:\n      ConnectionArn: !GetAtt InventoryConnection.Arn\n      InvocationEndpoint: ${t.full}\n      HttpMethod: GET` },
  { name: 'Org-mode shell source block', file: 'notes/inventory.org', make: (t, k) => `* Inventory\n\nList the items:\n\n#+begin_src shell\ncurl -fsS -H "Authorization: Bearer ${k}" "${t.full}"\n#+end_src` },
  { name: 'R Markdown httr chunk', file: 'reports/items.Rmd', make: (t, k) => `---\ntitle: "Items"\n---\n\n\`\`\`{r items}\nres <- httr::GET("${t.full}", httr::add_headers(Authorization = "Bearer ${k}"))\nitems <- httr::content(res)\n\`\`\`` },
  { name: 'Quarto Python chunk', file: 'reports/items.qmd', make: (t, k) => `---\ntitle: Items\n---\n\n\`\`\`{python}\nimport requests\nitems = requests.get("${t.full}", headers={"Authorization": "Bearer ${k}"}).json()\n\`\`\`` },
];

const round2Labelled: Labelled[] = [
  // Values that flow.
  { name: 'Robot Framework: a variable in *** Variables *** used in the headers', file: 'tests/vars.robot', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `*** Variables ***\n\${TOKEN}    ${k}\n\n*** Test Cases ***\nList Items\n    &{headers}=    Create Dictionary    Authorization=Bearer \${TOKEN}\n    Create Session    inventory    https://api.retrac.co    headers=&{headers}\n    GET On Session    inventory    /items` },
  { name: 'Karate: a def token then the header', file: 'src/test/karate/def.feature', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `Feature: items\n\n  Background:\n    * def token = '${k}'\n\n  Scenario: list items\n    Given url 'https://api.retrac.co/items'\n    And header Authorization = 'Bearer ' + token\n    When method get\n    Then status 200` },
  { name: 'Unreal: an FString constant appended to the header', file: 'Source/Inventory/Token.cpp', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `static const FString ApiToken = TEXT("${k}");\n\nvoid UItemsClient::Load()\n{\n    auto Request = FHttpModule::Get().CreateRequest();\n    Request->SetURL(TEXT("https://api.retrac.co/items"));\n    Request->SetHeader(TEXT("Authorization"), TEXT("Bearer ") + ApiToken);\n    Request->ProcessRequest();\n}` },
  { name: 'Volley: a restricted key from BuildConfig in .env, with workspaceId', file: 'app/src/main/java/co/inv/EnvRequest.kt', keys: ['restricted'], expect: ['retrac/workspace-id-with-restricted-key'], env: ([k]) => ({ INVENTORY_TOKEN: k }), make: (_k, ws) => `val request = object : StringRequest(Method.GET, "https://api.retrac.co/items?workspaceId=${ws}", listener, errorListener) {\n    override fun getHeaders() = mutableMapOf("Authorization" to "Bearer \${System.getenv("INVENTORY_TOKEN")}")\n}` },
  // workspaceId sent other ways.
  { name: 'Karate: param workspaceId with a full key', file: 'src/test/karate/param.feature', keys: ['full'], expect: FULL, make: ([k], ws) => `Feature: items\n\n  Scenario: list items\n    Given url 'https://api.retrac.co/items'\n    And param workspaceId = '${ws}'\n    And header Authorization = 'Bearer ${k}'\n    When method get` },
  { name: 'Tavern: params with workspaceId and a restricted key', file: 'tests/test_params.tavern.yaml', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `test_name: items with params\nstages:\n  - name: items\n    request:\n      url: https://api.retrac.co/items\n      method: GET\n      params:\n        workspaceId: ${ws}\n      headers:\n        Authorization: "Bearer ${k}"` },
  { name: 'undici: query: { workspaceId } with a full key', file: 'src/query.mjs', keys: ['full'], expect: FULL, make: ([k], ws) => `const { body } = await request('https://api.retrac.co/items', {\n  query: { workspaceId: '${ws}' },\n  headers: { authorization: 'Bearer ${k}' },\n});` },
  // Correct use, mocks, other services.
  { name: 'Gatus: a restricted key without workspaceId (correct)', file: 'gatus/restricted.yaml', keys: ['restricted'], expect: RESTRICTED, make: ([k]) => `endpoints:\n  - name: items\n    url: "https://api.retrac.co/items"\n    headers:\n      Authorization: "Bearer ${k}"` },
  { name: 'supertest against the app under test, not Retrac: quiet', file: 'test/api/items.test.ts', keys: ['full'], expect: [], make: ([k]) => `import request from 'supertest';\nimport { app } from '../../src/app';\n// the app proxies https://api.retrac.co/items with the server's own key\nit('lists items', async () => {\n  await request(app).get('/items').set('Authorization', 'Bearer ${k}').expect(200);\n});` },
  { name: 'MSW handler that checks a restricted key, with workspaceId: only the key', file: 'src/mocks/handlers.ts', keys: ['restricted'], expect: RESTRICTED, make: ([k], ws) => `export const handlers = [\n  http.get('https://api.retrac.co/items', ({ request }) => {\n    const url = new URL(request.url);\n    if (request.headers.get('Authorization') !== 'Bearer ${k}') return new HttpResponse(null, { status: 401 });\n    return HttpResponse.json(url.searchParams.get('workspaceId') === '${ws}' ? items : []);\n  }),\n];` },
  { name: 'Robot: a courier session with a literal next to a Retrac session from env: quiet', file: 'tests/both.robot', keys: ['full'], expect: [], make: ([k]) => `*** Test Cases ***\nItems And Labels\n    &{inv}=    Create Dictionary    Authorization=Bearer %{RETRAC_API_KEY}\n    Create Session    inventory    https://api.retrac.co    headers=&{inv}\n    GET On Session    inventory    /items    params=workspaceId=%{RETRAC_WS}\n\n    &{courier}=    Create Dictionary    Authorization=Bearer ${k}\n    Create Session    labels    https://api.courier.example    headers=&{courier}\n    POST On Session    labels    /labels` },
  { name: 'Tyk: a courier API definition in a folder of Retrac ones', file: 'tyk/apps/courier.json', keys: ['full'], expect: [], make: ([k]) => `{\n  "name": "courier (next to the retrac inventory API)",\n  "proxy": { "listen_path": "/labels/", "target_url": "https://api.courier.example/labels" },\n  "version_data": { "versions": { "Default": { "global_headers": { "Authorization": "Bearer ${k}" } } } }\n}` },
  { name: 'CloudFormation: a courier Connection next to a Retrac destination with a secret: quiet', file: 'cfn/both.yaml', keys: ['full'], expect: [], make: ([k]) => `Resources:\n  RetracConnection:\n    Type: AWS::Events::Connection\n    Properties:\n      AuthorizationType: API_KEY\n      AuthParameters:\n        ApiKeyAuthParameters:\n          ApiKeyName: Authorization\n          ApiKeyValue: '{{resolve:secretsmanager:retrac/api-key}}'\n  RetracDestination:\n    Type: AWS::Events::ApiDestination\n    Properties:\n      ConnectionArn: !GetAtt RetracConnection.Arn\n      InvocationEndpoint: https://api.retrac.co/items?workspaceId=ws_main\n  CourierConnection:\n    Type: AWS::Events::Connection\n    Properties:\n      AuthorizationType: API_KEY\n      AuthParameters:\n        ApiKeyAuthParameters:\n          ApiKeyName: Authorization\n          ApiKeyValue: Bearer ${k}\n  CourierDestination:\n    Type: AWS::Events::ApiDestination\n    Properties:\n      ConnectionArn: !GetAtt CourierConnection.Arn\n      InvocationEndpoint: https://api.courier.example/labels` },
];

runRound('client libraries and platforms no other test uses (red team Q, round 2, written after the round-1 fixes)', round2, round2Labelled);

/** The classes behind the round-2 misses, in other languages and file kinds (written with the fixes). */
const round2Classes: Labelled[] = [
  // Attributes on a service interface apply to all its methods.
  { name: 'Refit [Headers] on the interface, RestService.For', file: 'src/Inventory/IRefitApi.cs', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `[Headers("Authorization: Bearer ${k}")]\npublic interface IRefitApi\n{\n    [Get("/items")]\n    Task<List<Item>> ItemsAsync();\n}\n\nvar api = RestService.For<IRefitApi>("https://api.retrac.co");` },
  { name: 'Feign @Headers on the interface, Feign.builder().target', file: 'src/main/java/FeignTop.java', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `@Headers("Authorization: Bearer ${k}")\ninterface InventoryApi {\n  @RequestLine("GET /items")\n  List<Item> items();\n}\n\nInventoryApi api = Feign.builder().decoder(new GsonDecoder()).target(InventoryApi.class, "https://api.retrac.co");` },
  { name: 'Refit: a courier interface with an attribute, bound to the courier, Retrac from env: quiet', file: 'src/Inventory/ICourierApi.cs', keys: ['full'], expect: [], make: ([k]) => `var retrac = new RetracClient(Environment.GetEnvironmentVariable("RETRAC_API_KEY"));\n\n[Headers("Authorization: Bearer ${k}")]\npublic interface ICourierApi\n{\n    [Post("/labels")]\n    Task<Label> CreateAsync();\n}\n\nvar courier = RestService.For<ICourierApi>("https://api.courier.example");` },
  // Robot Framework variables.
  { name: 'Robot: ${TOKEN}= in a variable table, restricted key, workspaceId sent', file: 'tests/restricted.robot', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `*** Variables ***\n\${TOKEN}=    ${k}\n\n*** Test Cases ***\nList Items\n    &{headers}=    Create Dictionary    Authorization=Bearer \${TOKEN}\n    Create Session    inventory    https://api.retrac.co    headers=&{headers}\n    GET On Session    inventory    /items?workspaceId=${ws}` },
  { name: 'Robot: a courier token variable sent to the courier, Retrac from env: quiet', file: 'tests/courier.robot', keys: ['full'], expect: [], make: ([k]) => `*** Variables ***\n\${COURIER_TOKEN}    ${k}\n\${RETRAC_KEY}    %{RETRAC_API_KEY}\n\n*** Test Cases ***\nLabels\n    &{headers}=    Create Dictionary    Authorization=Bearer \${COURIER_TOKEN}\n    Create Session    labels    https://api.courier.example    headers=&{headers}\n    POST On Session    labels    /labels` },
  // String macros around a literal.
  { name: 'Win32 _T() constant into a WinINet header', file: 'src/wininet_items.cpp', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `static const CString kToken = _T("${k}");\n\nvoid Items() {\n    CString headers = _T("Authorization: Bearer ") + kToken;\n    HINTERNET h = InternetOpenUrl(hInternet, _T("https://api.retrac.co/items"), headers, -1, INTERNET_FLAG_SECURE, 0);\n}` },
  { name: 'Qt QStringLiteral constant into setRawHeader', file: 'src/qt_items.cpp', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `static const QString token = QStringLiteral("${k}");\n\nvoid Inventory::load() {\n    QNetworkRequest request(QUrl(QStringLiteral("https://api.retrac.co/items")));\n    request.setRawHeader("Authorization", ("Bearer " + token).toUtf8());\n    manager->get(request);\n}` },
  // A host:port literal names its host.
  { name: 'Caddy: a courier upstream as host:port with a literal, Retrac mentioned: quiet', file: 'caddy/Caddyfile.courier', keys: ['full'], expect: [], make: ([k]) => `# the retrac inventory API is proxied by the retrac.caddy file\nlabels.internal {\n\treverse_proxy "api.courier.example:443" {\n\t\theader_up Authorization "Bearer ${k}"\n\t\ttransport http {\n\t\t\ttls\n\t\t}\n\t}\n}` },
  // Requests to the app under test.
  { name: 'Flask test_client with a Retrac base constant in the module: quiet', file: 'tests/test_items.py', keys: ['full'], expect: [], make: ([k]) => `RETRAC_BASE = "https://api.retrac.co"  # what the app proxies to\n\ndef test_items(app):\n    client = app.test_client()\n    resp = client.get("/items", headers={"Authorization": "Bearer ${k}"})\n    assert resp.status_code == 200` },
  { name: 'FastAPI TestClient next to a Retrac URL in a comment: quiet', file: 'tests/test_api.py', keys: ['full'], expect: [], make: ([k]) => `client = TestClient(app)\n\n\ndef test_list_items():\n    # the app calls https://api.retrac.co/items itself, with its own key\n    r = client.get("/items", headers={"Authorization": "Bearer ${k}"})\n    assert r.status_code == 200` },
  { name: 'Laravel feature test getJson with a Retrac config nearby: quiet', file: 'tests/Feature/ItemsTest.php', keys: ['full'], expect: [], make: ([k]) => `<?php\nclass ItemsTest extends TestCase\n{\n    public function test_items(): void\n    {\n        config(['services.retrac.url' => 'https://api.retrac.co']);\n        $this->getJson('/items', ['Authorization' => 'Bearer ${k}'])->assertOk();\n    }\n}` },
  // A gateway's own routes are not requests to Retrac.
  { name: 'Tyk: a listen path /items/ proxying to the unscoped /workspaces', file: 'tyk/apps/workspaces.json', keys: ['full'], expect: FULL, make: ([k]) => `{\n  "name": "workspaces",\n  "proxy": { "listen_path": "/items/", "target_url": "https://api.retrac.co/workspaces" },\n  "version_data": { "versions": { "Default": { "global_headers": { "Authorization": "Bearer ${k}" } } } }\n}` },
  { name: 'Netlify: a redirect from /api/items to the unscoped /workspaces', file: 'netlify.toml', keys: ['full'], expect: FULL, make: ([k]) => `[[redirects]]\n  from = "/api/items"\n  to = "https://api.retrac.co/workspaces"\n  status = 200\n  [redirects.headers]\n    Authorization = "Bearer ${k}"` },
  // A config document whose only host is Retrac.
  { name: 'Backstage proxy endpoint with headers', file: 'app-config.yaml', keys: ['full'], expect: FULL, make: ([k]) => `proxy:\n  endpoints:\n    /inventory:\n      target: https://api.retrac.co\n      changeOrigin: true\n      headers:\n        Authorization: Bearer ${k}` },
  { name: 'a stripe section with a bearer value in a document whose only host is Retrac: quiet', file: 'config/services.yaml', keys: ['full'], expect: [], make: ([k]) => `inventory:\n  url: https://api.retrac.co\n  key_env: RETRAC_API_KEY\nstripe:\n  webhook:\n    authorization: Bearer ${k}` },
  // The path on another line than workspaceId.
  { name: 'httpx client configured once, path and params on separate lines, restricted key', file: 'inv/split.py', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `client = httpx.Client(base_url="https://api.retrac.co", headers={"Authorization": "Bearer ${k}"})\n\n\ndef items():\n    return client.get(\n        "/items",\n        params={"workspaceId": "${ws}"},\n    )` },
];

runRound('the classes behind the round-2 misses, in other languages (red team Q, written with the fixes)', [], round2Classes);

/** Round 3: written after the round-2 fixes, in libraries, platforms and file kinds not looked at before. */
const round3: Idiom[] = [
  // ---- Clients configured in one place, used in another
  { name: 'Kotlin OkHttp builder split over functions', file: 'app/src/main/kotlin/co/inv/Http.kt', make: (t, k) => `private fun authorized(builder: Request.Builder): Request.Builder =\n    builder.header("Authorization", "Bearer ${k}")\n\nfun items(client: OkHttpClient): Response {\n    val request = authorized(Request.Builder().url("${t.full}")).build()\n    return client.newCall(request).execute()\n}` },
  { name: 'Swift Get APIClient delegate willSendRequest', file: 'Sources/Inventory/Client.swift', make: (t, k) => `final class AuthDelegate: APIClientDelegate {\n    func client(_ client: APIClient, willSendRequest request: inout URLRequest) async throws {\n        request.setValue("Bearer ${k}", forHTTPHeaderField: "Authorization")\n    }\n}\n\nlet client = APIClient(baseURL: URL(string: "${t.base}")) {\n    $0.delegate = AuthDelegate()\n}\nlet items: [Item] = try await client.send(Request(path: "${t.pathq}")).value` },
  { name: 'Go go-retryablehttp NewRequest + Header.Set', file: 'inv/retry.go', make: (t, k) => `client := retryablehttp.NewClient()\nclient.RetryMax = 5\nreq, err := retryablehttp.NewRequest(http.MethodGet, "${t.full}", nil)\nif err != nil {\n\treturn err\n}\nreq.Header.Set("Authorization", "Bearer ${k}")\nresp, err := client.Do(req)` },
  { name: 'Go heimdall client.Get with an http.Header', file: 'inv/heimdall.go', make: (t, k) => `headers := http.Header{}\nheaders.Set("Authorization", "Bearer ${k}")\nclient := httpclient.NewClient(httpclient.WithHTTPTimeout(10 * time.Second))\nres, err := client.Get("${t.full}", headers)` },
  { name: 'Go gentleman URL + headers plugin + Path', file: 'inv/gentle.go', make: (t, k) => `cli := gentleman.New()\ncli.URL("${t.base}")\ncli.Use(headers.Set("Authorization", "Bearer ${k}"))\nres, err := cli.Request().Path("${t.path}")${t.ws ? `.AddQuery("workspaceId", "${t.ws}")` : ''}.Send()` },
  { name: 'Spring @HttpExchange interface + RestClient defaultHeader', file: 'src/main/java/co/inv/HttpExchangeConfig.java', make: (t, k) => `@HttpExchange("${t.path}")\ninterface ItemsService {\n    @GetExchange${t.ws ? `("?workspaceId=${t.ws}")` : ''}\n    List<Item> list();\n}\n\n@Bean\nItemsService itemsService() {\n    RestClient client = RestClient.builder()\n        .baseUrl("${t.base}")\n        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer ${k}")\n        .build();\n    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(ItemsService.class);\n}` },
  { name: 'Guzzle Middleware::mapRequest on a handler stack', file: 'src/GuzzleStack.php', make: (t, k) => `$stack = HandlerStack::create();\n$stack->push(Middleware::mapRequest(fn (RequestInterface $r) => $r->withHeader('Authorization', 'Bearer ${k}')));\n$client = new Client(['handler' => $stack, 'base_uri' => '${t.base}']);\n$items = $client->get('${t.pathq}');` },
  { name: 'Laravel Http::macro with withToken and baseUrl', file: 'app/Providers/InventoryServiceProvider.php', make: (t, k) => `public function boot(): void\n{\n    Http::macro('inventory', fn () => Http::withToken('${k}')->baseUrl('${t.base}'));\n}\n\n// elsewhere\n$items = Http::inventory()->get('${t.pathq}')->json();` },
  { name: 'Faraday middleware class on_request + conn.use', file: 'lib/inventory/auth_middleware.rb', make: (t, k) => `class AuthMiddleware < Faraday::Middleware\n  def on_request(env)\n    env.request_headers['Authorization'] = 'Bearer ${k}'\n  end\nend\n\nconn = Faraday.new(url: '${t.base}') { |f| f.use AuthMiddleware }\nitems = conn.get('${t.pathq}').body` },
  { name: 'apisauce create({ baseURL, headers })', file: 'src/api/sauce.ts', make: (t, k) => `const api = create({\n  baseURL: '${t.base}',\n  headers: { Authorization: 'Bearer ${k}' },\n});\nconst res = await api.get('${t.pathq}');` },
  { name: 'up-fetch with a base URL and headers', file: 'src/api/upfetch.ts', make: (t, k) => `const upfetch = up(fetch, () => ({\n  baseUrl: '${t.base}',\n  headers: { Authorization: 'Bearer ${k}' },\n}));\nconst items = await upfetch('${t.pathq}');` },
  // ---- curl as an argument list, and shells inside other languages
  { name: 'Python subprocess.run curl argv', file: 'scripts/fetch_items.py', make: (t, k) => `result = subprocess.run(\n    ["curl", "-fsS", "-H", "Authorization: Bearer ${k}", "${t.full}"],\n    check=True,\n    capture_output=True,\n)` },
  { name: 'Node execFileSync curl argv', file: 'scripts/fetch-items.mjs', make: (t, k) => `import { execFileSync } from 'node:child_process';\n\nconst out = execFileSync('curl', ['-fsS', '-H', 'Authorization: Bearer ${k}', '${t.full}'], { encoding: 'utf8' });` },
  { name: 'Go exec.Command curl argv', file: 'cmd/fetch/main.go', make: (t, k) => `cmd := exec.Command("curl", "-fsS",\n\t"-H", "Authorization: Bearer ${k}",\n\t"${t.full}")\nout, err := cmd.Output()` },
  { name: 'Bun shell $ template', file: 'scripts/items.bun.ts', make: (t, k) => `import { $ } from 'bun';\n\nconst items = await $${B}curl -fsS -H "Authorization: Bearer ${k}" ${t.full}${B}.json();` },
  { name: 'zx script $ template', file: 'scripts/items.zx.mjs', make: (t, k) => `#!/usr/bin/env zx\nconst res = await $${B}curl -fsS -H ${D}{'Authorization: Bearer ${k}'} ${D}{'${t.full}'}${B};\necho(res.stdout);` },
  { name: 'PowerShell splatting a parameter hashtable', file: 'scripts/splat.ps1', make: (t, k) => `$params = @{\n    Uri     = '${t.full}'\n    Method  = 'Get'\n    Headers = @{ Authorization = 'Bearer ${k}' }\n}\n$items = Invoke-RestMethod @params` },
  { name: 'curl -K - with a heredoc config', file: 'scripts/heredoc.sh', make: (t, k) => `#!/usr/bin/env bash\ncurl -fsS -K - <<EOF\nurl = "${t.full}"\nheader = "Authorization: Bearer ${k}"\nEOF` },
  // ---- API tools, data tools, devices, browsers
  { name: 'Hoppscotch collection request with bearer auth', file: 'hoppscotch/inventory.json', make: (t, k) => `{\n  "v": 2,\n  "name": "Inventory",\n  "requests": [\n    {\n      "name": "items",\n      "method": "GET",\n      "endpoint": "${t.full}",\n      "auth": { "authType": "bearer", "authActive": true, "token": "${k}" },\n      "headers": []\n    }\n  ]\n}` },
  { name: 'Meltano REST tap config', file: 'meltano.yml', make: (t, k) => `plugins:\n  extractors:\n    - name: tap-rest-api-msdk\n      config:\n        api_url: ${t.base}\n        auth_method: bearer_token\n        bearer_token: ${k}\n        streams:\n          - name: items\n            path: ${t.pathq}` },
  { name: 'openHAB rule sendHttpGetRequest with headers', file: 'conf/rules/inventory.rules', make: (t, k) => `rule "Sync items"\nwhen\n    Time cron "0 0/5 * * * ?"\nthen\n    val headers = newHashMap("Authorization" -> "Bearer ${k}")\n    val json = sendHttpGetRequest("${t.full}", headers, 5000)\n    Items_Json.postUpdate(json)\nend` },
  { name: 'ESPHome http_request.get action', file: 'esphome/shelf.yaml', make: (t, k) => `interval:\n  - interval: 5min\n    then:\n      - http_request.get:\n          url: ${t.full}\n          request_headers:\n            Authorization: Bearer ${k}\n          capture_response: true` },
  { name: 'Capacitor CapacitorHttp.get', file: 'src/native/items.ts', make: (t, k) => `const response = await CapacitorHttp.get({\n  url: '${t.full}',\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'Chrome declarativeNetRequest modifyHeaders rule', file: 'extension/rules.json', noScheme: true, make: (t, k) => `[\n  {\n    "id": 1,\n    "priority": 1,\n    "action": {\n      "type": "modifyHeaders",\n      "requestHeaders": [{ "header": "Authorization", "operation": "set", "value": "Bearer ${k}" }]\n    },\n    "condition": { "urlFilter": "||${t.host}${t.pathq}", "resourceTypes": ["xmlhttprequest"] }\n  }\n]` },
  { name: 'userscript GM_xmlhttpRequest', file: 'userscripts/inventory.user.js', make: (t, k) => `// ==UserScript==\n// @name   Inventory badge\n// @grant  GM_xmlhttpRequest\n// ==/UserScript==\nGM_xmlhttpRequest({\n  method: 'GET',\n  url: '${t.full}',\n  headers: { Authorization: 'Bearer ${k}' },\n  onload: (r) => render(JSON.parse(r.responseText)),\n});` },
  { name: 'Defold http.request with a headers table', file: 'main/items.script', make: (t, k) => `function init(self)\n\tlocal headers = { ["Authorization"] = "Bearer ${k}" }\n\thttp.request("${t.full}", "GET", function(self, id, res)\n\t\tpprint(json.decode(res.response))\n\tend, headers)\nend` },
  // ---- Languages not seen before
  { name: 'Ballerina http:Client with auth token', file: 'inventory/main.bal', make: (t, k) => `import ballerina/http;\n\nhttp:Client inventory = check new ("${t.base}", auth = { token: "${k}" });\n\npublic function main() returns error? {\n    json items = check inventory->get("${t.pathq}");\n}` },
  { name: 'V net.http fetch with a header', file: 'src/items.v', make: (t, k) => `import net.http\n\nfn main() {\n\tresp := http.fetch(\n\t\turl: '${t.full}'\n\t\theader: http.new_header(key: .authorization, value: 'Bearer ${k}')\n\t)!\n\tprintln(resp.body)\n}` },
  { name: 'Guile (web client) http-get with #:headers', file: 'scripts/items.scm', make: (t, k) => `(use-modules (web client) (web uri))\n\n(call-with-values\n  (lambda ()\n    (http-get (string->uri "${t.full}")\n              #:headers '((authorization . "Bearer ${k}"))))\n  (lambda (response body) (display body)))` },
  // ---- SQL engines, CI DSLs, proxies, IaC providers
  { name: 'ClickHouse url() table function with headers()', file: 'sql/items.sql', make: (t, k) => `SELECT *\nFROM url('${t.full}', JSONEachRow, headers('Authorization' = 'Bearer ${k}'))\nLIMIT 100;` },
  { name: 'Snowflake external function HEADERS', file: 'sql/ext.sql', make: (t, k) => `CREATE OR REPLACE EXTERNAL FUNCTION inventory_items()\n  RETURNS VARIANT\n  API_INTEGRATION = inventory_api\n  HEADERS = ('Authorization' = 'Bearer ${k}')\n  AS '${t.full}';` },
  { name: 'TeamCity Kotlin DSL script step', file: '.teamcity/settings.kts', make: (t, k) => `object Smoke : BuildType({\n    name = "Smoke"\n    steps {\n        script {\n            scriptContent = """\n                curl -fsS -H "Authorization: Bearer ${k}" "${t.full}"\n            """.trimIndent()\n        }\n    }\n})` },
  { name: 'Varnish backend + bereq header', file: 'varnish/default.vcl', noScheme: true, make: (t, k) => `vcl 4.1;\n\nbackend inventory {\n    .host = "${t.host}";\n    .port = "443";\n}\n\nsub vcl_backend_fetch {\n    set bereq.http.Authorization = "Bearer ${k}";\n    set bereq.url = "${t.pathq}";\n}` },
  { name: 'Terraform restful provider + restful_resource', file: 'infra/restful.tf', make: (t, k) => `provider "restful" {\n  base_url = "${t.base}"\n  security = {\n    http = {\n      token = {\n        token = "${k}"\n      }\n    }\n  }\n}\n\nresource "restful_resource" "item" {\n  path = "${t.pathq}"\n  body = { sku = "A-1" }\n}` },
];

const round3Labelled: Labelled[] = [
  // Keys under a key-like field next to a Retrac URL, no path: key only.
  { name: 'gql AIOHTTPTransport to a Retrac GraphQL URL', file: 'inv/graphql.py', keys: ['full'], expect: FULL, make: ([k]) => `transport = AIOHTTPTransport(\n    url="https://api.retrac.co/graphql",\n    headers={"Authorization": "Bearer ${k}"},\n)\nclient = Client(transport=transport, fetch_schema_from_transport=False)` },
  { name: 'JetBrains http-client.env.json with a Retrac host and a token', file: 'http-client.env.json', keys: ['full'], expect: FULL, make: ([k]) => `{\n  "prod": {\n    "host": "https://api.retrac.co",\n    "token": "${k}"\n  }\n}` },
  { name: 'Singer tap config.json with an api_url and a token', file: 'tap-inventory/config.json', keys: ['full'], expect: FULL, make: ([k]) => `{\n  "api_url": "https://api.retrac.co",\n  "token": "${k}",\n  "start_date": "2024-01-01T00:00:00Z"\n}` },
  // Values that flow.
  { name: 'zx: a const token interpolated into a curl template', file: 'scripts/zx_var.mjs', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `const token = '${k}';\nawait $${B}curl -fsS -H ${D}{'Authorization: Bearer ' + token} https://api.retrac.co/items${B};` },
  { name: 'Ballerina: a configurable token with a default, restricted, workspaceId sent', file: 'inventory/restricted.bal', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `configurable string token = "${k}";\n\nhttp:Client inventory = check new ("https://api.retrac.co", auth = { token });\n\npublic function main() returns error? {\n    json items = check inventory->get("/items?workspaceId=${ws}");\n}` },
  // workspaceId sent other ways.
  { name: 'Capacitor params: { workspaceId } with a full key', file: 'src/native/params.ts', keys: ['full'], expect: FULL, make: ([k], ws) => `const response = await CapacitorHttp.get({\n  url: 'https://api.retrac.co/items',\n  params: { workspaceId: '${ws}' },\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'Hoppscotch params array with workspaceId and a restricted key', file: 'hoppscotch/params.json', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `{\n  "name": "items",\n  "method": "GET",\n  "endpoint": "https://api.retrac.co/items",\n  "params": [{ "key": "workspaceId", "value": "${ws}", "active": true }],\n  "auth": { "authType": "bearer", "authActive": true, "token": "${k}" }\n}` },
  // Correct use and other services.
  { name: 'Python subprocess curl to a courier, Retrac SDK from env: quiet', file: 'scripts/both_subprocess.py', keys: ['full'], expect: [], make: ([k]) => `import retrac\nretrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])\n\nsubprocess.run(["curl", "-fsS", "-H", "Authorization: Bearer ${k}", "https://api.courier.example/labels"], check=True)` },
  { name: 'ClickHouse: a courier url() with a literal, a Retrac url() with a named collection: quiet', file: 'sql/both.sql', keys: ['full'], expect: [], make: ([k]) => `SELECT * FROM url(retrac_items, url = 'https://api.retrac.co/items?workspaceId=ws_main');\n\nSELECT * FROM url('https://api.courier.example/labels', JSONEachRow, headers('Authorization' = 'Bearer ${k}'));` },
  { name: 'Meltano: a courier tap next to a Retrac tap from env', file: 'meltano.both.yml', keys: ['full'], expect: [], make: ([k]) => `plugins:\n  extractors:\n    - name: tap-retrac\n      config:\n        api_url: https://api.retrac.co\n        bearer_token: $RETRAC_API_KEY\n    - name: tap-courier\n      config:\n        api_url: https://api.courier.example\n        bearer_token: ${k}` },
  { name: 'Ballerina: a restricted key without workspaceId (correct)', file: 'inventory/ok.bal', keys: ['restricted'], expect: RESTRICTED, make: ([k]) => `http:Client inventory = check new ("https://api.retrac.co", auth = { token: "${k}" });\njson items = check inventory->get("/items");` },
];

runRound('client libraries and platforms no other test uses (red team Q, round 3, written after the round-2 fixes)', round3, round3Labelled);

/** The classes behind the round-3 misses, in other languages and file kinds (written with the fixes). */
const round3Classes: Labelled[] = [
  // SQL statements run to their `;`; `FROM` starts a clause, not an import.
  { name: 'Postgres pgsql-http over lines, FROM http((…))', file: 'db/items_http.sql', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `SELECT content::json\nFROM http((\n    'GET',\n    'https://api.retrac.co/items',\n    ARRAY[http_header('Authorization', 'Bearer ${k}')],\n    NULL,\n    NULL\n)::http_request);` },
  { name: 'lowercase from url() with headers()', file: 'sql/lower.sql', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `select *\nfrom url('https://api.retrac.co/items?workspaceId=${ws}', JSONEachRow, headers('Authorization' = 'Bearer ${k}'));` },
  { name: 'Python: from retrac import … then a courier call with a literal: quiet', file: 'inv/from_import.py', keys: ['full'], expect: [], make: ([k]) => `from retrac import Client\nretrac = Client(api_key=os.environ["RETRAC_API_KEY"])\n\nrequests.post("https://api.courier.example/labels", headers={"Authorization": "Bearer ${k}"})` },
  // Here-documents belong to the command that reads them.
  { name: 'Dockerfile RUN curl -K - with a heredoc', file: 'docker/Dockerfile.sync', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `FROM curlimages/curl:8.8.0\nRUN curl -fsS -K - <<EOF > /tmp/items.json\nurl = "https://api.retrac.co/items"\nheader = "Authorization: Bearer ${k}"\nEOF` },
  { name: 'shell: a heredoc curl config for a courier, Retrac CLI from env: quiet', file: 'scripts/both_heredoc.sh', keys: ['full'], expect: [], make: ([k]) => `#!/usr/bin/env bash\nretrac items list --key "$RETRAC_API_KEY" >/dev/null\ncurl -fsS -K - <<'CFG'\nurl = "https://api.courier.example/labels"\nheader = "Authorization: Bearer ${k}"\nCFG` },
  // A bare config value is a string, not a name.
  { name: 'YAML: auth_type: api_token names nothing; a courier api_token with a Retrac comment: quiet', file: 'connectors/courier.yaml', keys: ['full'], expect: [], make: ([k]) => `# synced next to the retrac connector\nsource:\n  url: https://api.courier.example\n  auth_type: api_token\n  api_token: ${k}` },
  // A client constructed with the base URL as its first argument.
  { name: 'Python: a client constructed with the base URL first, then a path', file: 'inv/ctor.py', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `inventory = InventoryClient("https://api.retrac.co", headers={"Authorization": "Bearer ${k}"})\n\n\ndef items():\n    return inventory.get("/items")` },
  // A short config document whose only host is Retrac: paths go with its bearer key.
  { name: 'HAProxy-like plaintext config: backend host and a header in another section', file: 'proxy/inventory.cfg', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `backend inventory\n    server api api.retrac.co:443 ssl verify required\n\nfrontend web\n    http-request set-header Authorization "Bearer ${k}"\n    http-request set-path "/items"\n    use_backend inventory` },
];

runRound('the classes behind the round-3 misses, in other languages (red team Q, written with the fixes)', [], round3Classes);

/** Round 4: written after the round-3 fixes, in libraries and idioms not looked at before. */
const round4: Idiom[] = [
  { name: 'Elixir Req.Request.put_header pipe', file: 'lib/req_pipe.ex', make: (t, k) => `Req.new(url: "${t.full}")\n|> Req.Request.put_header("authorization", "Bearer ${k}")\n|> Req.get!()` },
  { name: 'OCaml Piaf Oneshot.get ~headers', file: 'bin/piaf_items.ml', make: (t, k) => `let items () =\n  Piaf.Client.Oneshot.get\n    ~headers:[ ("authorization", "Bearer ${k}") ]\n    (Uri.of_string "${t.full}")` },
  { name: 'F# Http.fs Request.setHeader pipe', file: 'src/HttpFs.fs', make: (t, k) => `let items =\n    Request.createUrl Get "${t.full}"\n    |> Request.setHeader (Authorization "Bearer ${k}")\n    |> getResponse\n    |> run` },
  { name: 'Kotlin FuelManager basePath + baseHeaders', file: 'app/src/main/kotlin/co/inv/FuelSetup.kt', make: (t, k) => `FuelManager.instance.basePath = "${t.base}"\nFuelManager.instance.baseHeaders = mapOf("Authorization" to "Bearer ${k}")\n\nval (_, _, result) = "${t.pathq}".httpGet().responseString()` },
  { name: 'Alamofire RequestAdapter adding the header', file: 'Sources/Inventory/Adapter.swift', make: (t, k) => `struct TokenAdapter: RequestAdapter {\n    func adapt(_ urlRequest: URLRequest, for session: Session, completion: @escaping (Result<URLRequest, Error>) -> Void) {\n        var request = urlRequest\n        request.headers.add(.authorization(bearerToken: "${k}"))\n        completion(.success(request))\n    }\n}\n\nlet session = Session(interceptor: Interceptor(adapter: TokenAdapter()))\nsession.request("${t.full}").responseDecodable(of: [Item].self) { print($0) }` },
  { name: 'Objective-C HTTPAdditionalHeaders dictionary', file: 'Inventory/RTSession.m', make: (t, k) => `NSURLSessionConfiguration *config = [NSURLSessionConfiguration defaultSessionConfiguration];\nconfig.HTTPAdditionalHeaders = @{ @"Authorization": @"Bearer ${k}" };\nNSURLSession *session = [NSURLSession sessionWithConfiguration:config];\n[[session dataTaskWithURL:[NSURL URLWithString:@"${t.full}"] completionHandler:handler] resume];` },
  { name: 'RestSharp AddDefaultHeader', file: 'src/Inventory/Sharp.cs', make: (t, k) => `var client = new RestClient("${t.base}");\nclient.AddDefaultHeader("Authorization", "Bearer ${k}");\nvar items = await client.GetAsync<List<Item>>(new RestRequest("${t.pathq}"));` },
  { name: 'httpx X-API-Key header', file: 'inv/xapikey.py', make: (t, k) => `with httpx.Client(base_url="${t.base}", headers={"X-API-Key": "${k}"}) as client:\n    items = client.get("${t.pathq}").json()` },
  { name: 'resty SetHeader X-Api-Key', file: 'inv/resty_key.go', make: (t, k) => `resp, err := resty.New().R().\n\tSetHeader("X-Api-Key", "${k}").\n\tGet("${t.full}")` },
  { name: 'requests basic auth with the key as the user', file: 'inv/basic.py', make: (t, k) => `resp = requests.get("${t.full}", auth=("${k}", ""), timeout=10)\nresp.raise_for_status()` },
  { name: 'reqwest basic_auth with the key as the user', file: 'src/basic.rs', make: (t, k) => `let items = client\n    .get("${t.full}")\n    .basic_auth("${k}", None::<&str>)\n    .send()\n    .await?;` },
  { name: 'R httr2 req_headers with paste0', file: 'R/paste.R', make: (t, k) => `token <- "${k}"\nresp <- request("${t.full}") |>\n  req_headers(Authorization = paste0("Bearer ", token)) |>\n  req_perform()` },
  { name: 'Julia string() concatenation into the header', file: 'src/concat.jl', make: (t, k) => `const TOKEN = "${k}"\nresp = HTTP.get("${t.full}", ["Authorization" => string("Bearer ", TOKEN)])` },
  { name: 'shell printf -v into a header variable', file: 'scripts/printf.sh', make: (t, k) => `#!/usr/bin/env bash\ntoken='${k}'\nprintf -v auth 'Authorization: Bearer %s' "$token"\ncurl -fsS -H "$auth" "${t.full}"` },
  { name: 'GitHub Actions github-script with fetch', file: '.github/workflows/items.yml', make: (t, k) => `jobs:\n  items:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            const res = await fetch('${t.full}', {\n              headers: { Authorization: 'Bearer ${k}' },\n            });\n            core.info(await res.text());` },
  { name: 'Pulumi command.local.Command with curl', file: 'infra/index.ts', make: (t, k) => `const sync = new command.local.Command('sync-items', {\n  create: "curl -fsS -H 'Authorization: Bearer ${k}' '${t.full}'",\n});` },
  { name: 'Azure Pipelines PowerShell@2 inline script', file: 'azure-pipelines.yml', make: (t, k) => `steps:\n  - task: PowerShell@2\n    inputs:\n      targetType: inline\n      script: |\n        $headers = @{ Authorization = "Bearer ${k}" }\n        Invoke-RestMethod -Uri "${t.full}" -Headers $headers` },
  { name: 'Java String.format into setRequestProperty', file: 'src/main/java/co/inv/Legacy.java', make: (t, k) => `private static final String TOKEN = "${k}";\n\nHttpURLConnection conn = (HttpURLConnection) new URL("${t.full}").openConnection();\nconn.setRequestProperty("Authorization", String.format("Bearer %s", TOKEN));\ntry (InputStream in = conn.getInputStream()) { return new String(in.readAllBytes()); }` },
];

const round4Labelled: Labelled[] = [
  { name: 'Python "Bearer {}".format(token)', file: 'inv/format.py', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `TOKEN = "${k}"\nresp = requests.get("https://api.retrac.co/items", headers={"Authorization": "Bearer {}".format(TOKEN)})` },
  { name: 'C# interpolated $"Bearer {token}"', file: 'src/Inventory/Interp.cs', keys: ['full'], expect: FULL_MISSING, make: ([k]) => `const string token = "${k}";\nusing var req = new HttpRequestMessage(HttpMethod.Get, "https://api.retrac.co/items");\nreq.Headers.Add("Authorization", $"Bearer {token}");\nvar res = await http.SendAsync(req);` },
  { name: 'Kotlin FuelManager: courier base path with a literal, Retrac SDK from env: quiet', file: 'app/src/main/kotlin/co/inv/FuelBoth.kt', keys: ['full'], expect: [], make: ([k]) => `val retrac = RetracClient(apiKey = System.getenv("RETRAC_API_KEY"))\n\nFuelManager.instance.basePath = "https://api.courier.example"\nFuelManager.instance.baseHeaders = mapOf("Authorization" to "Bearer ${k}")\n"/labels".httpPost().responseString()` },
  { name: 'httpx X-API-Key with params workspaceId, restricted', file: 'inv/xapikey_ws.py', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `with httpx.Client(base_url="https://api.retrac.co", headers={"X-API-Key": "${k}"}) as client:\n    items = client.get("/items", params={"workspaceId": "${ws}"}).json()` },
];

runRound('client libraries and idioms no other test uses (red team Q, round 4, written after the round-3 fixes)', round4, round4Labelled);

/** The class behind the round-4 miss (a shell `printf -v` into a header variable), in more forms. */
const round4Classes: Labelled[] = [
  { name: 'bash: printf -v of an X-Api-Key header from a variable, restricted key, workspaceId sent', file: 'scripts/printf_key.sh', keys: ['restricted'], expect: RESTRICTED_WS, make: ([k], ws) => `#!/usr/bin/env bash\nKEY='${k}'\nprintf -v hdr 'Authorization: Bearer %s' "$KEY"\ncurl -fsS -H "$hdr" "https://api.retrac.co/items?workspaceId=${ws}"` },
  { name: 'bash: printf -v for a courier, Retrac CLI from env: quiet', file: 'scripts/printf_both.sh', keys: ['full'], expect: [], make: ([k]) => `#!/usr/bin/env bash\nretrac items list --key "$RETRAC_API_KEY" >/dev/null\ncourier_token='${k}'\nprintf -v auth 'Authorization: Bearer %s' "$courier_token"\ncurl -fsS -H "$auth" https://api.courier.example/labels` },
];

runRound('the class behind the round-4 miss (red team Q, written with the fix)', [], round4Classes);

/** Round 5: written in the last half hour, after the round-4 fixes (first run recorded; see the note). */
const round5: Idiom[] = [
  { name: 'requests_toolbelt BaseUrlSession + headers.update', file: 'inv/toolbelt.py', make: (t, k) => `session = sessions.BaseUrlSession(base_url="${t.base}")\nsession.headers.update({"Authorization": "Bearer ${k}"})\nitems = session.get("${t.pathq}").json()` },
  { name: 'fetch wrapper spreading init.headers with a base constant', file: 'src/api/wrap.ts', make: (t, k) => `const BASE = '${t.base}';\nconst api = (path: string, init: RequestInit = {}) =>\n  fetch(BASE + path, { ...init, headers: { ...init.headers, Authorization: 'Bearer ${k}' } });\n\nexport const items = () => api('${t.pathq}').then((r) => r.json());` },
  { name: 'Go oauth2.Transport with a StaticTokenSource', file: 'inv/transport2.go', make: (t, k) => `client := &http.Client{Transport: &oauth2.Transport{\n\tSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "${k}"}),\n}}\nresp, err := client.Get("${t.full}")` },
  { name: 'C# HttpRequestMessage object initializer with Headers', file: 'src/Inventory/Init.cs', make: (t, k) => `var request = new HttpRequestMessage\n{\n    Method = HttpMethod.Get,\n    RequestUri = new Uri("${t.full}"),\n    Headers = { { "Authorization", "Bearer ${k}" } },\n};\nvar response = await http.SendAsync(request);` },
  { name: 'Symfony ScopingHttpClient::forBaseUri with auth_bearer', file: 'src/Scoping.php', make: (t, k) => `$client = ScopingHttpClient::forBaseUri(HttpClient::create(), '${t.base}/', [\n    'auth_bearer' => '${k}',\n]);\n$items = $client->request('GET', '${t.pathq}')->toArray();` },
  { name: 'Excon.new with headers, then get(path:)', file: 'lib/excon2.rb', make: (t, k) => `conn = Excon.new("${t.base}", headers: { "Authorization" => "Bearer ${k}" })\nres = conn.get(path: "${t.path}"${t.ws ? `, query: { workspaceId: "${t.ws}" }` : ''})` },
  { name: 'ureq agent with format! of consts', file: 'src/ureq_consts.rs', make: (t, k) => `const BASE: &str = "${t.base}";\nconst TOKEN: &str = "${k}";\n\nlet agent = ureq::AgentBuilder::new().build();\nlet body = agent.get(&format!("{BASE}${t.pathq}"))\n    .set("Authorization", &format!("Bearer {TOKEN}"))\n    .call()?\n    .into_string()?;` },
  { name: 'dart:io HttpClient getUrl then headers.add', file: 'lib/io_client.dart', make: (t, k) => `final client = HttpClient();\nfinal request = await client.getUrl(Uri.parse('${t.full}'));\nrequest.headers.add(HttpHeaders.authorizationHeader, 'Bearer ${k}');\nfinal response = await request.close();` },
  { name: 'Kestra HTTP Request task', file: 'kestra/flows/items.yml', make: (t, k) => `id: sync-items\nnamespace: inventory\ntasks:\n  - id: items\n    type: io.kestra.plugin.core.http.Request\n    uri: ${t.full}\n    method: GET\n    headers:\n      Authorization: "Bearer ${k}"` },
];

runRound('client libraries no other test uses (red team Q, round 5, written in the last half hour)', round5, []);

// The line readers added for these rounds stay linear: adversarial contents scan in well under a second of
// CPU each (CI machines are slower: the worst here stays near a third of the budget), in the file kinds that read them.
describe('scan: adversarial contents for the request readers of red team Q', function () {
  this.timeout(120_000);
  it('each scans in under a second of CPU', () => {
    const MB = 1024 * 1024;
    const Q = MB / 4;
    const k = fullKey();
    const url = 'https://api.retrac.co/items';
    const contents: [string, string, string[]?][] = [
      ['bindings broken after =', `token =\n  "${k}"\n`.repeat(Q / 40) + `fetch("${url}", { headers: { Authorization: "Bearer " + token } })`],
      ['lines of = and blanks', ('x =' + ' '.repeat(200) + '(\n').repeat(Q / 256) + `  "${k}"`],
      ['one line of = = =', '= '.repeat(MB / 2) + `\n  "${k}"`],
      ['bearer constants', 'AuthScheme.Bearer, '.repeat(MB / 20) + `"${k}" ${url}`],
      ['bearer constant paths', 'f(' + 'Bearer.'.repeat(MB / 8) + `Bearer, "${k}")`],
      ['HCL blocks', `resource "a" "b" {\n  url = "${url}"\n  headers = {\n    Authorization = "Bearer ${k}"\n  }\n}\n`.repeat(Q / 192)],
      ['HCL openers without a close', `data "http" "x" {\n`.repeat(Q / 20) + `  Authorization = "Bearer ${k}"\n  url = "${url}"`],
      ['host-like arguments', `"${'a.'.repeat(MB / 4)}com", 443 Bearer ${k} ${url}`],
      ['connection calls', `HTTPSConnection("api.courier.example") `.repeat(MB / 40) + `"Bearer ${k}" ${url}`],
      ['quoted dotted names', `"a.b.c", `.repeat(MB / 10) + `Bearer ${k}`],
      ['session defaults', `CREATE SECRET s (TYPE http, EXTRA_HTTP_HEADERS MAP {'Authorization': 'Bearer ${k}'});\n`.repeat(Q / 96) + `SELECT * FROM read_json('${url}');`],
      ['robot variables', `${D}{TOKEN}    ${k}\n`.repeat(Q / 40) + `Create Session    inv    ${url}    headers=Authorization=Bearer ${D}{TOKEN}`],
      ['robot braces', `${D}{`.repeat(MB / 4) + `}    ${k}`],
      ['attribute lines', `[Header("Authorization", "Bearer ${k}")]\n`.repeat(Q / 48) + `public interface IApi\n{\n    [Get("/items")] Task<string> Items();\n}\nvar api = RestClient.For<IApi>("${url}");`],
      ['local route fields', `"endpoint": "/v1/items", "listen_path": "/items/", from = "/items" Bearer ${k} ${url}\n`.repeat(Q / 192)],
      ['paths and workspaceId on separate lines', `client.get(\n  "/items",\n  params={"workspaceId": "ws_abcdefghij12"}, headers={"Authorization": "Bearer ${restrictedKey()}"})\n`.repeat(Q / 110) + `client = httpx.Client(base_url="${url}")`],
      ['app under test', `client = TestClient(app)\nclient.get("/items", headers={"Authorization": "Bearer ${k}"})\n`.repeat(Q / 80) + `# ${url}`],
      ['a short document of bearer values', `x:\n  y: Bearer ${k}\n`.repeat(100) + `url: ${url}\n`],
      ['SQL statements without a semicolon', `FROM url('${url}', headers('Authorization' = 'Bearer ${k}'))\n`.repeat(Q / 80)],
      ['here-documents never closed', `curl -K - <<EOF\nheader = "Authorization: Bearer ${k}"\nurl = "${url}"\n`.repeat(Q / 180)],
      ['constructors with a base URL', `api = Client("https://api.retrac.co", headers={"Authorization": "Bearer ${k}"})\napi.get("/items")\n`.repeat(Q / 100)],
      // Read in config documents only (a .ts file of these lines takes over a second on main 66dafd0 already: see the note).
      ['bare config values naming tokens', `auth: token\ntoken: ${k}\nurl: ${url}\n`.repeat(Q / 60), ['k8s/job.yaml', 'config.yml', 'a.toml']],
      ['shorthand records', `auth = { token }\n`.repeat(Q / 16) + `token = "${k}"\n${url}`],
      ['printf -v lines', `printf -v auth 'Authorization: Bearer %s' "$token"\ncurl -H "$auth" ${url}\n`.repeat(Q / 80) + `token='${k}'`],
      ['code without a grammar, joined names', `h->set( name = 'Authorization' value = 'Bearer ${k}' ).\ncreate( IMPORTING client = h url = '${url}' ).\n`.repeat(Q / 100)],
    ];
    const worst: string[] = [];
    for (const [label, text, files] of contents) {
      let max = 0;
      for (const fileName of files ?? ['a.ts', 'a.py', 'a.tf', 'a.sql', 'a.sh', 'a.abap', 'a.cls', 'k8s/job.yaml']) {
        const { cpuMs, wallMs } = withCpuMs(() => scanText(text, { fileName }));
        max = Math.max(max, cpuMs);
        assert.ok(cpuMs < 1000, `${label} as ${fileName}: ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)`);
      }
      worst.push(`${label}: ${max.toFixed(0)} ms`);
    }
    if (process.env.RETRAC_SCAN_REPORT) console.log(`    worst CPU per content: ${worst.join(', ')}`);
  });
});
