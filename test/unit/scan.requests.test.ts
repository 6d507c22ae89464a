// Issue 10, principle 1: "a request is recognised by what it does, not by the word Bearer".
// Red-team cases written before reading the rules in depth: client libraries and idioms no other
// test here uses (Ktor, Alamofire, Dio, reqwest, Req, Tesla, Faraday, Laravel, Symfony, Spring,
// RestSharp, Flurl, resty, aiohttp, ky, got, undici, ofetch, httr2, sttp, LWP, CI, Makefiles, …).
// Every idiom is run in six variants that label what the scanner must say:
//   full key, no workspaceId           → full-access-key + missing-workspace-id
//   restricted key with workspaceId    → restricted-key + workspace-id-with-restricted-key
//   full key with workspaceId          → full-access-key only
//   full key over http://              → full-access-key + insecure-http
//   full key, unscoped path /workspaces → full-access-key only
//   full key to a courier, in a file that also uses the Retrac SDK → nothing
// Keys are generated at run time. After the run, recall and precision per rule are printed.
import { check, makeVariants, newTally, report, type Idiom } from './scanRequestIdioms';
import { fullKey, restrictedKey } from './scanFixtures';

const B = '`';
const D = '$';

const idioms: Idiom[] = [
  // ---- Kotlin
  { name: 'Ktor bearerAuth in a request block', file: 'Inventory.kt', make: (t, k) => `val client = HttpClient(CIO)\n\nsuspend fun items(): String {\n    val response = client.get("${t.full}") {\n        bearerAuth("${k}")\n    }\n    return response.bodyAsText()\n}` },
  { name: 'Ktor header(HttpHeaders.Authorization) with a const', file: 'Items.kt', make: (t, k) => `private const val TOKEN = "${k}"\n\nval response: HttpResponse = client.get("${t.full}") {\n    header(HttpHeaders.Authorization, "Bearer $TOKEN")\n    accept(ContentType.Application.Json)\n}` },
  { name: 'Ktor Auth plugin with BearerTokens and defaultRequest', file: 'KtorClient.kt', make: (t, k) => `val client = HttpClient(CIO) {\n    defaultRequest { url("${t.base}") }\n    install(Auth) {\n        bearer {\n            loadTokens { BearerTokens("${k}", "") }\n        }\n    }\n}\n\nval items = client.get("${t.pathq}")` },
  { name: 'OkHttp Kotlin Request.Builder().addHeader one line', file: 'Ok.kt', make: (t, k) => `val request = Request.Builder().url("${t.full}").addHeader("Authorization", "Bearer ${k}").build()\nval response = client.newCall(request).execute()` },
  { name: 'Retrofit @Headers on a service with a base URL', file: 'InventoryService.kt', make: (t, k) => `interface InventoryService {\n    @Headers("Authorization: Bearer ${k}")\n    @GET("${t.pathq}")\n    fun items(): Call<List<Item>>\n}\n\nval retrofit = Retrofit.Builder().baseUrl("${t.base}/").build()\nval service = retrofit.create(InventoryService::class.java)` },
  { name: 'OpenFeign @Headers interface bound by Feign.builder().target', file: 'src/main/java/Feign.java', make: (t, k) => `interface InventoryApi {\n  @RequestLine("GET ${t.pathq}")\n  @Headers("Authorization: Bearer ${k}")\n  List<Item> items();\n}\n\nInventoryApi api = Feign.builder()\n    .decoder(new GsonDecoder())\n    .target(InventoryApi.class, "${t.base}");` },
  { name: 'Fuel authentication().bearer()', file: 'Fuel.kt', make: (t, k) => `val (_, _, result) = "${t.full}".httpGet()\n    .authentication().bearer("${k}")\n    .responseString()` },
  // ---- Swift
  { name: 'URLRequest setValue(_:forHTTPHeaderField:)', file: 'Api.swift', make: (t, k) => `var request = URLRequest(url: URL(string: "${t.full}")!)\nrequest.httpMethod = "GET"\nrequest.setValue("Bearer ${k}", forHTTPHeaderField: "Authorization")\nlet (data, _) = try await URLSession.shared.data(for: request)` },
  { name: 'URLRequest allHTTPHeaderFields with a let', file: 'Fields.swift', make: (t, k) => `let token = "${k}"\nvar req = URLRequest(url: URL(string: "${t.full}")!)\nreq.allHTTPHeaderFields = ["Authorization": "Bearer \\(token)"]\nlet task = URLSession.shared.dataTask(with: req)` },
  { name: 'Alamofire HTTPHeaders dictionary built first', file: 'Alamo.swift', make: (t, k) => `let headers: HTTPHeaders = [\n    "Authorization": "Bearer ${k}",\n    "Accept": "application/json"\n]\nAF.request("${t.full}", headers: headers).responseDecodable(of: [Item].self) { response in\n    print(response)\n}` },
  { name: 'Alamofire .authorization(bearerToken:)', file: 'AlamoBearer.swift', make: (t, k) => `let headers: HTTPHeaders = [.authorization(bearerToken: "${k}"), .accept("application/json")]\nAF.request("${t.full}", headers: headers).response { _ in }` },
  { name: 'URLSessionConfiguration httpAdditionalHeaders', file: 'Session.swift', make: (t, k) => `let config = URLSessionConfiguration.default\nconfig.httpAdditionalHeaders = ["Authorization": "Bearer ${k}"]\nlet session = URLSession(configuration: config)\nlet task = session.dataTask(with: URL(string: "${t.full}")!)` },
  // ---- Dart
  { name: 'http.get with authorizationHeader and a const', file: 'lib/api.dart', make: (t, k) => `const apiToken = '${k}';\n\nFuture<void> load() async {\n  final response = await http.get(\n    Uri.parse('${t.full}'),\n    headers: {HttpHeaders.authorizationHeader: 'Bearer $apiToken'},\n  );\n}` },
  { name: 'Dio BaseOptions(baseUrl, headers)', file: 'lib/dio_client.dart', make: (t, k) => `final dio = Dio(BaseOptions(\n  baseUrl: '${t.base}',\n  headers: {'Authorization': 'Bearer ${k}'},\n));\nfinal res = await dio.get('${t.pathq}');` },
  { name: 'Dio options.headers assignment', file: 'lib/dio2.dart', make: (t, k) => `final dio = Dio();\ndio.options.headers['Authorization'] = 'Bearer ${k}';\nfinal res = await dio.get('${t.full}');` },
  { name: 'Dart Uri.https host and path', file: 'lib/uri.dart', noScheme: true, make: (t, k) => `final uri = Uri.${t.scheme}('${t.host}', '${t.path}'${t.ws ? `, {'workspaceId': '${t.ws}'}` : ''});\nfinal res = await http.get(uri, headers: {'Authorization': 'Bearer ${k}'});` },
  // ---- Rust
  { name: 'reqwest blocking bearer_auth with a base constant', file: 'src/inventory.rs', make: (t, k) => `const BASE_URL: &str = "${t.base}";\n\nfn items(client: &reqwest::blocking::Client) -> reqwest::Result<String> {\n    client\n        .get(format!("{}${t.pathq}", BASE_URL))\n        .bearer_auth("${k}")\n        .send()?\n        .text()\n}` },
  { name: 'reqwest default_headers HeaderMap AUTHORIZATION', file: 'src/client.rs', make: (t, k) => `let mut headers = HeaderMap::new();\nheaders.insert(AUTHORIZATION, HeaderValue::from_static("Bearer ${k}"));\nlet client = reqwest::Client::builder().default_headers(headers).build()?;\nlet resp = client.get("${t.full}").send().await?;` },
  { name: 'ureq .set Authorization', file: 'src/sync.rs', make: (t, k) => `let body: String = ureq::get("${t.full}")\n    .set("Authorization", "Bearer ${k}")\n    .call()?\n    .into_string()?;` },
  { name: 'hyper Request::builder with header::AUTHORIZATION and a const', file: 'src/hyper.rs', make: (t, k) => `const TOKEN: &str = "${k}";\n\nlet req = Request::builder()\n    .method(Method::GET)\n    .uri("${t.full}")\n    .header(header::AUTHORIZATION, format!("Bearer {}", TOKEN))\n    .body(Body::empty())?;` },
  // ---- Elixir
  { name: 'Req auth: {:bearer, …}', file: 'lib/items.ex', make: (t, k) => `Req.get!("${t.full}", auth: {:bearer, "${k}"})` },
  { name: 'Req.new base_url then Req.get!', file: 'lib/req_client.ex', make: (t, k) => `req = Req.new(base_url: "${t.base}", auth: {:bearer, "${k}"})\nReq.get!(req, url: "${t.pathq}")` },
  { name: 'HTTPoison headers list bound first', file: 'lib/poison.ex', make: (t, k) => `headers = [{"Authorization", "Bearer ${k}"}, {"Accept", "application/json"}]\n{:ok, resp} = HTTPoison.get("${t.full}", headers)` },
  { name: 'Tesla BaseUrl and BearerAuth middleware', file: 'lib/tesla_client.ex', make: (t, k) => `defmodule Inventory.Client do\n  use Tesla\n  plug Tesla.Middleware.BaseUrl, "${t.base}"\n  plug Tesla.Middleware.BearerAuth, token: "${k}"\n  plug Tesla.Middleware.JSON\n\n  def items, do: get("${t.pathq}")\nend` },
  { name: 'Tesla.client with a Headers middleware', file: 'lib/tesla2.ex', make: (t, k) => `def client do\n  Tesla.client([\n    {Tesla.Middleware.BaseUrl, "${t.base}"},\n    {Tesla.Middleware.Headers, [{"authorization", "Bearer ${k}"}]}\n  ])\nend\n\ndef items(client), do: Tesla.get(client, "${t.pathq}")` },
  // ---- Ruby
  { name: 'Faraday conn.request :authorization after new', file: 'lib/faraday_client.rb', make: (t, k) => `conn = Faraday.new(url: '${t.base}')\nconn.request :authorization, 'Bearer', '${k}'\nresponse = conn.get('${t.pathq}')` },
  { name: 'Faraday headers: hash over lines', file: 'lib/faraday2.rb', make: (t, k) => `conn = Faraday.new(\n  url: '${t.base}',\n  headers: { 'Authorization' => "Bearer ${k}", 'Content-Type' => 'application/json' }\n)\nitems = conn.get('${t.pathq}').body` },
  { name: 'HTTParty class base_uri and headers', file: 'lib/party_client.rb', make: (t, k) => `class InventoryClient\n  include HTTParty\n  base_uri '${t.base}'\n  headers 'Authorization' => 'Bearer ${k}'\n\n  def items\n    self.class.get('${t.pathq}')\n  end\nend` },
  { name: 'Net::HTTP.new and request[\'Authorization\']', file: 'lib/nethttp.rb', make: (t, k) => `uri = URI.parse('${t.full}')\nhttp = Net::HTTP.new(uri.host, uri.port)\nhttp.use_ssl = true\nrequest = Net::HTTP::Get.new(uri.request_uri)\nrequest['Authorization'] = "Bearer ${k}"\nresponse = http.request(request)` },
  { name: 'RestClient.get with a headers hash', file: 'lib/rest.rb', make: (t, k) => `response = RestClient.get('${t.full}', { Authorization: "Bearer ${k}", accept: :json })` },
  // ---- PHP
  { name: 'Guzzle new Client([base_uri, headers])', file: 'src/Inventory.php', make: (t, k) => `$client = new \\GuzzleHttp\\Client([\n    'base_uri' => '${t.base}',\n    'headers' => [\n        'Authorization' => 'Bearer ${k}',\n        'Accept' => 'application/json',\n    ],\n]);\n$response = $client->request('GET', '${t.pathq}');` },
  { name: 'Laravel Http::withToken chain', file: 'app/Services/Items.php', make: (t, k) => `$response = Http::withToken('${k}')\n    ->acceptJson()\n    ->get('${t.full}');` },
  { name: 'Laravel Http::withHeaders', file: 'app/Services/Items2.php', make: (t, k) => `$response = Http::withHeaders([\n    'Authorization' => 'Bearer ${k}',\n])->get('${t.full}');` },
  { name: 'Symfony HttpClient auth_bearer option', file: 'src/Sym.php', make: (t, k) => `$client = HttpClient::create();\n$response = $client->request('GET', '${t.full}', [\n    'auth_bearer' => '${k}',\n]);` },
  { name: 'Symfony createForBaseUri', file: 'src/Sym2.php', make: (t, k) => `$client = HttpClient::createForBaseUri('${t.base}', ['auth_bearer' => '${k}']);\n$items = $client->request('GET', '${t.pathq}')->toArray();` },
  { name: 'stream_context_create header and file_get_contents', file: 'src/stream.php', make: (t, k) => `$context = stream_context_create([\n    'http' => [\n        'method' => 'GET',\n        'header' => "Authorization: Bearer ${k}\\r\\n",\n    ],\n]);\n$body = file_get_contents('${t.full}', false, $context);` },
  // ---- Java
  { name: 'java.net.http newBuilder(URI) .header .GET', file: 'src/main/java/Items.java', make: (t, k) => `HttpClient client = HttpClient.newHttpClient();\nHttpRequest request = HttpRequest.newBuilder(URI.create("${t.full}"))\n        .header("Authorization", "Bearer ${k}")\n        .GET()\n        .build();\nHttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());` },
  { name: 'Spring RestClient baseUrl + defaultHeader', file: 'src/main/java/RestCfg.java', make: (t, k) => `RestClient restClient = RestClient.builder()\n    .baseUrl("${t.base}")\n    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer ${k}")\n    .build();\nString items = restClient.get().uri("${t.pathq}").retrieve().body(String.class);` },
  { name: 'Spring headers.setBearerAuth + RestTemplate.exchange', file: 'src/main/java/Tmpl.java', make: (t, k) => `HttpHeaders headers = new HttpHeaders();\nheaders.setBearerAuth("${k}");\nHttpEntity<Void> entity = new HttpEntity<>(headers);\nResponseEntity<String> res = restTemplate.exchange("${t.full}", HttpMethod.GET, entity, String.class);` },
  { name: 'Spring WebClient defaultHeaders(h -> h.setBearerAuth)', file: 'src/main/java/Web.java', make: (t, k) => `WebClient client = WebClient.builder()\n    .baseUrl("${t.base}")\n    .defaultHeaders(h -> h.setBearerAuth("${k}"))\n    .build();\nMono<String> items = client.get().uri("${t.pathq}").retrieve().bodyToMono(String.class);` },
  { name: 'Apache HttpGet setHeader(HttpHeaders.AUTHORIZATION)', file: 'src/main/java/Apache.java', make: (t, k) => `HttpGet get = new HttpGet("${t.full}");\nget.setHeader(HttpHeaders.AUTHORIZATION, "Bearer ${k}");\ntry (CloseableHttpResponse resp = httpClient.execute(get)) {\n  System.out.println(resp.getCode());\n}` },
  // ---- C#
  { name: 'HttpClient BaseAddress then DefaultRequestHeaders.Authorization', file: 'Services/Items.cs', make: (t, k) => `using var client = new HttpClient();\nclient.BaseAddress = new Uri("${t.base}");\nclient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${k}");\nvar json = await client.GetStringAsync("${t.pathq}");` },
  { name: 'RestSharp RestClientOptions Authenticator', file: 'Services/Rest.cs', make: (t, k) => `var options = new RestClientOptions("${t.base}")\n{\n    Authenticator = new JwtAuthenticator("${k}")\n};\nvar client = new RestClient(options);\nvar response = await client.GetAsync(new RestRequest("${t.pathq}"));` },
  { name: 'Flurl WithOAuthBearerToken', file: 'Services/Flurl.cs', make: (t, k) => `var items = await "${t.full}"\n    .WithOAuthBearerToken("${k}")\n    .GetJsonAsync<List<Item>>();` },
  { name: 'HttpRequestMessage Headers.Authorization', file: 'Services/Msg.cs', make: (t, k) => `var request = new HttpRequestMessage(HttpMethod.Get, "${t.full}");\nrequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "${k}");\nvar response = await httpClient.SendAsync(request);` },
  { name: 'RestSharp RestRequest.AddHeader', file: 'Services/Rest2.cs', make: (t, k) => `var request = new RestRequest("${t.full}", Method.Get);\nrequest.AddHeader("Authorization", "Bearer ${k}");\nvar response = client.Execute(request);` },
  { name: 'const token, DefaultRequestHeaders.Add, GetFromJsonAsync', file: 'Services/Typed.cs', make: (t, k) => `private const string ApiToken = "${k}";\n\npublic async Task<Item[]> Items()\n{\n    _http.DefaultRequestHeaders.Add("Authorization", ${D}"Bearer {ApiToken}");\n    return await _http.GetFromJsonAsync<Item[]>("${t.full}");\n}` },
  // ---- Go
  { name: 'resty SetBaseURL + SetAuthToken, R().Get', file: 'inventory/resty.go', make: (t, k) => `client := resty.New().\n\tSetBaseURL("${t.base}").\n\tSetAuthToken("${k}")\nresp, err := client.R().Get("${t.pathq}")` },
  { name: 'resty R().SetHeader chain', file: 'inventory/resty2.go', make: (t, k) => `resp, err := resty.New().R().\n\tSetHeader("Authorization", "Bearer ${k}").\n\tSetResult(&items).\n\tGet("${t.full}")` },
  { name: 'NewRequestWithContext, if err, Header.Add', file: 'inventory/ctx.go', make: (t, k) => `req, err := http.NewRequestWithContext(ctx, http.MethodGet, "${t.full}", nil)\nif err != nil {\n\treturn nil, err\n}\nreq.Header.Add("Authorization", "Bearer ${k}")\nresp, err := client.Do(req)` },
  { name: 'base constant + http.Header map literal', file: 'inventory/hdr.go', make: (t, k) => `const baseURL = "${t.base}"\n\nfunc items() {\n\treq, _ := http.NewRequest("GET", baseURL+"${t.pathq}", nil)\n\treq.Header = http.Header{\n\t\t"Authorization": {"Bearer ${k}"},\n\t}\n\thttp.DefaultClient.Do(req)\n}` },
  // ---- Python
  { name: 'aiohttp ClientSession(base_url, headers=)', file: 'inv/aio_client.py', make: (t, k) => `async def items():\n    async with aiohttp.ClientSession(\n        base_url="${t.base}",\n        headers={"Authorization": "Bearer ${k}"},\n    ) as session:\n        async with session.get("${t.pathq}") as resp:\n            return await resp.json()` },
  { name: 'httpx.Client(base_url, headers)', file: 'inv/httpx_client.py', make: (t, k) => `client = httpx.Client(base_url="${t.base}", headers={"Authorization": "Bearer ${k}"})\nr = client.get("${t.pathq}")` },
  { name: 'requests Session().headers.update', file: 'inv/session.py', make: (t, k) => `session = requests.Session()\nsession.headers.update({"Authorization": "Bearer ${k}"})\nresp = session.get("${t.full}")` },
  { name: 'requests session.headers[...] = f-string of a constant', file: 'inv/session2.py', make: (t, k) => `TOKEN = "${k}"\n\ns = requests.Session()\ns.headers["Authorization"] = f"Bearer {TOKEN}"\nr = s.get("${t.full}", timeout=5)` },
  { name: 'urllib.request.Request(headers=)', file: 'inv/stdlib.py', make: (t, k) => `req = urllib.request.Request("${t.full}", headers={"Authorization": "Bearer ${k}"})\nwith urllib.request.urlopen(req) as resp:\n    data = json.load(resp)` },
  { name: 'urllib Request.add_header', file: 'inv/stdlib2.py', make: (t, k) => `req = urllib.request.Request("${t.full}")\nreq.add_header("Authorization", "Bearer ${k}")\nwith urllib.request.urlopen(req) as resp:\n    data = json.load(resp)` },
  { name: 'httpx auth=BearerAuth(…)', file: 'inv/auth.py', make: (t, k) => `r = httpx.get("${t.full}", auth=BearerAuth("${k}"))` },
  // ---- JS / TS
  { name: 'axios.create then defaults.headers.common', file: 'src/api/axiosDefaults.ts', make: (t, k) => `const client = axios.create({ baseURL: '${t.base}' });\nclient.defaults.headers.common['Authorization'] = ${B}Bearer ${k}${B};\nconst { data } = await client.get('${t.pathq}');` },
  { name: 'axios request interceptor', file: 'src/api/interceptor.ts', make: (t, k) => `const TOKEN = '${k}';\nconst api = axios.create({ baseURL: '${t.base}' });\n\napi.interceptors.request.use((config) => {\n  config.headers.Authorization = ${B}Bearer ${D}{TOKEN}${B};\n  return config;\n});\n\nexport const items = () => api.get('${t.pathq}');` },
  { name: 'ky.create prefixUrl and beforeRequest hook', file: 'src/api/kyClient.ts', make: (t, k) => `const api = ky.create({\n  prefixUrl: '${t.base}',\n  hooks: {\n    beforeRequest: [\n      (request) => {\n        request.headers.set('Authorization', 'Bearer ${k}');\n      },\n    ],\n  },\n});\nconst items = await api.get('${t.pathq.slice(1)}').json();` },
  { name: 'ky with headers', file: 'src/api/ky2.ts', make: (t, k) => `const items = await ky('${t.full}', { headers: { authorization: 'Bearer ${k}' } }).json();` },
  { name: 'got.extend prefixUrl and headers', file: 'src/api/gotClient.mjs', make: (t, k) => `const client = got.extend({\n  prefixUrl: '${t.base}',\n  headers: { authorization: 'Bearer ${k}' },\n});\nconst items = await client.get('${t.pathq.slice(1)}').json();` },
  { name: 'superagent .auth(token, { type: bearer })', file: 'src/api/sa.js', make: (t, k) => `const res = await request\n  .get('${t.full}')\n  .auth('${k}', { type: 'bearer' });` },
  { name: 'undici request with headers', file: 'src/api/undici.mjs', make: (t, k) => `const { body } = await request('${t.full}', {\n  method: 'GET',\n  headers: { authorization: ${B}Bearer ${k}${B} },\n});` },
  { name: 'ofetch $fetch.create baseURL headers', file: 'composables/api.ts', make: (t, k) => `const api = ${D}fetch.create({\n  baseURL: '${t.base}',\n  headers: { Authorization: 'Bearer ${k}' },\n});\nconst items = await api('${t.pathq}');` },
  { name: 'ofetch.create onRequest hook with a const', file: 'composables/api2.ts', make: (t, k) => `const token = '${k}';\nconst api = ofetch.create({\n  baseURL: '${t.base}',\n  onRequest({ options }) {\n    options.headers.set('Authorization', ${B}Bearer ${D}{token}${B});\n  },\n});\nconst items = await api('${t.pathq}');` },
  { name: 'Headers object built first then fetch', file: 'src/api/headersFirst.ts', make: (t, k) => `const headers = new Headers({ Authorization: ${B}Bearer ${k}${B} });\nheaders.append('Accept', 'application/json');\nconst res = await fetch('${t.full}', { method: 'GET', headers });` },
  { name: 'node https.request with hostname/path options', file: 'scripts/node-request.js', noScheme: true, make: (t, k) => `const options = {\n  hostname: '${t.host}',\n  path: '${t.pathq}',\n  method: 'GET',\n  headers: { Authorization: 'Bearer ${k}' },\n};\nconst req = ${t.scheme}.request(options, (res) => res.pipe(process.stdout));\nreq.end();` },
  { name: 'openapi-fetch createClient baseUrl headers', file: 'src/api/openapi.ts', make: (t, k) => `const client = createClient<paths>({\n  baseUrl: '${t.base}',\n  headers: { Authorization: ${B}Bearer ${k}${B} },\n});\nconst { data } = await client.GET('${t.pathq}');` },
  { name: 'Angular HttpHeaders().set then http.get', file: 'src/app/items.service.ts', make: (t, k) => `items() {\n  const headers = new HttpHeaders().set('Authorization', ${B}Bearer ${k}${B});\n  return this.http.get<Item[]>('${t.full}', { headers });\n}` },
  { name: 'jQuery $.ajax beforeSend setRequestHeader', file: 'public/js/items.js', make: (t, k) => `${D}.ajax({\n  url: '${t.full}',\n  beforeSend: (xhr) => xhr.setRequestHeader('Authorization', 'Bearer ${k}'),\n  success: render,\n});` },
  { name: 'XMLHttpRequest open/setRequestHeader', file: 'public/js/xhr.js', make: (t, k) => `const xhr = new XMLHttpRequest();\nxhr.open('GET', '${t.full}');\nxhr.setRequestHeader('Authorization', 'Bearer ${k}');\nxhr.send();` },
  // ---- PowerShell
  { name: 'Invoke-RestMethod with a multi-line headers hashtable', file: 'scripts/items.ps1', make: (t, k) => `${D}headers = @{\n    'Authorization' = "Bearer ${k}"\n    'Accept'        = 'application/json'\n}\n${D}items = Invoke-RestMethod -Method Get -Uri '${t.full}' -Headers ${D}headers` },
  { name: 'Invoke-RestMethod -Authentication Bearer -Token', file: 'scripts/bearer.ps1', make: (t, k) => `${D}token = ConvertTo-SecureString '${k}' -AsPlainText -Force\nInvoke-RestMethod -Uri "${t.full}" -Authentication Bearer -Token ${D}token` },
  { name: 'Invoke-WebRequest with backtick continuations', file: 'scripts/iwr.ps1', make: (t, k) => `Invoke-WebRequest ${B}\n    -Uri "${t.full}" ${B}\n    -Headers @{ Authorization = "Bearer ${k}" } ${B}\n    -Method Get` },
  // ---- R, Scala, Perl, Clojure, Groovy
  { name: 'R httr add_headers', file: 'R/items.R', make: (t, k) => `res <- httr::GET(\n  "${t.full}",\n  httr::add_headers(Authorization = paste("Bearer", "${k}"))\n)` },
  { name: 'R httr2 req_auth_bearer_token pipe', file: 'R/items2.R', make: (t, k) => `resp <- request("${t.full}") |>\n  req_auth_bearer_token("${k}") |>\n  req_perform()` },
  { name: 'Scala sttp .auth.bearer', file: 'src/main/scala/Items.scala', make: (t, k) => `val request = basicRequest\n  .get(uri"${t.full}")\n  .auth.bearer("${k}")\nval response = request.send(backend)` },
  { name: 'Perl LWP get with a header pair', file: 'bin/items.pl', make: (t, k) => `my ${D}ua = LWP::UserAgent->new;\nmy ${D}res = ${D}ua->get('${t.full}', 'Authorization' => 'Bearer ${k}');` },
  { name: 'Perl HTTP::Request ->header', file: 'bin/items2.pl', make: (t, k) => `my ${D}req = HTTP::Request->new(GET => '${t.full}');\n${D}req->header('Authorization' => "Bearer ${k}");\nmy ${D}res = ${D}ua->request(${D}req);` },
  { name: 'Clojure clj-http :oauth-token', file: 'src/inv/core.clj', make: (t, k) => `(client/get "${t.full}" {:oauth-token "${k}" :as :json})` },
  { name: 'Jenkinsfile sh block with a curl continuation', file: 'Jenkinsfile', make: (t, k) => `pipeline {\n  agent any\n  stages {\n    stage('sync') {\n      steps {\n        sh '''\n          curl -fsS -H "Authorization: Bearer ${k}" \\\\\n            "${t.full}"\n        '''\n      }\n    }\n  }\n}` },
  // ---- shell, Makefiles, Dockerfiles, CI
  { name: 'curl --oauth2-bearer with continuations', file: 'scripts/oauth.sh', make: (t, k) => `curl --oauth2-bearer "${k}" \\\n  --fail --silent \\\n  "${t.full}"` },
  { name: 'curl --header with a quoted variable set above', file: 'scripts/var.sh', make: (t, k) => `INV_TOKEN='${k}'\ncurl --header "Authorization: Bearer ${D}{INV_TOKEN}" --url "${t.full}"` },
  { name: 'wget --header with continuations', file: 'scripts/wget.sh', make: (t, k) => `wget -qO- \\\n  --header "Authorization: Bearer ${k}" \\\n  "${t.full}"` },
  { name: 'httpie --auth-type=bearer', file: 'scripts/httpie.sh', make: (t, k) => `http --auth-type=bearer --auth="${k}" GET "${t.full}"` },
  { name: 'httpie header item Authorization:"Bearer …"', file: 'scripts/httpie2.sh', make: (t, k) => `http GET "${t.full}" Authorization:"Bearer ${k}"` },
  { name: 'xh --bearer', file: 'scripts/xh.sh', make: (t, k) => `xh --bearer ${k} get "${t.full}"` },
  { name: 'Makefile variable and a recipe with continuations', file: 'Makefile', make: (t, k) => `TOKEN := ${k}\n\nitems:\n\tcurl -fsS \\\n\t  -H "Authorization: Bearer ${D}(TOKEN)" \\\n\t  "${t.full}"` },
  { name: 'Dockerfile RUN with continuations', file: 'Dockerfile', make: (t, k) => `RUN apk add --no-cache curl && \\\n    curl -fsS \\\n      -H "Authorization: Bearer ${k}" \\\n      "${t.full}" -o /tmp/items.json` },
  { name: 'Dockerfile ARG default then RUN curl', file: 'docker/Dockerfile.sync', make: (t, k) => `ARG INV_TOKEN=${k}\nRUN curl -fsS -H "Authorization: Bearer ${D}INV_TOKEN" "${t.full}"` },
  { name: 'GitHub Actions run: >- folded curl', file: '.github/workflows/sync.yml', retracUse: '', make: (t, k) => `jobs:\n  sync:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Fetch items\n        run: >-\n          curl -fsS\n          --header "Authorization: Bearer ${k}"\n          "${t.full}"` },
  { name: 'GitLab variables: then script: curl', file: '.gitlab-ci.yml', retracUse: '', make: (t, k) => `variables:\n  INV_TOKEN: "${k}"\n\nsync:\n  script:\n    - curl -fsS -H "Authorization: Bearer ${D}INV_TOKEN" "${t.full}"` },
  { name: 'CircleCI run: command: |', file: '.circleci/config.yml', retracUse: '', make: (t, k) => `jobs:\n  sync:\n    docker:\n      - image: cimg/base:stable\n    steps:\n      - run:\n          name: Sync\n          command: |\n            curl -fsS "${t.full}" \\\n              -H "Authorization: Bearer ${k}"` },
  { name: 'Bitbucket Pipelines script list', file: 'bitbucket-pipelines.yml', retracUse: '', make: (t, k) => `pipelines:\n  default:\n    - step:\n        name: sync\n        script:\n          - curl -H "Authorization: Bearer ${k}" "${t.full}"` },
  { name: 'Azure Pipelines script: |', file: 'azure-pipelines.yml', retracUse: '', make: (t, k) => `steps:\n  - script: |\n      curl -fsS \\\n        -H "Authorization: Bearer ${k}" \\\n        "${t.full}"\n    displayName: Sync items` },
];

/**
 * Batch 2, written after the fixes to measure how they generalise: other libraries again, never
 * looked at while changing the scanner.
 */
const heldOut: Idiom[] = [
  { name: 'Ktor client.request with headers { append }', file: 'Req.kt', make: (t, k) => `val response = client.request {\n    url("${t.full}")\n    method = HttpMethod.Get\n    headers {\n        append(HttpHeaders.Authorization, "Bearer ${k}")\n    }\n}` },
  { name: 'OkHttp HttpURLConnection setRequestProperty', file: 'src/main/java/Conn.java', make: (t, k) => `HttpURLConnection conn = (HttpURLConnection) new URL("${t.full}").openConnection();\nconn.setRequestMethod("GET");\nconn.setRequestProperty("Authorization", "Bearer ${k}");\nint status = conn.getResponseCode();` },
  { name: 'Unirest header chain', file: 'src/main/java/Uni.java', make: (t, k) => `HttpResponse<JsonNode> res = Unirest.get("${t.full}")\n    .header("Authorization", "Bearer ${k}")\n    .asJson();` },
  { name: 'Swift addValue(_:forHTTPHeaderField:) then dataTask', file: 'Add.swift', make: (t, k) => `var request = URLRequest(url: URL(string: "${t.full}")!)\nrequest.addValue("Bearer ${k}", forHTTPHeaderField: "Authorization")\nURLSession.shared.dataTask(with: request) { data, _, _ in }.resume()` },
  { name: 'Dart http.Client().get with a final token', file: 'lib/client2.dart', make: (t, k) => `final token = '${k}';\nfinal client = http.Client();\nfinal res = await client.get(Uri.parse('${t.full}'), headers: {'authorization': 'Bearer $token'});` },
  { name: 'Rust surf with format! of a let', file: 'src/surf.rs', make: (t, k) => `let token = "${k}";\nlet body = surf::get("${t.full}")\n    .header("Authorization", format!("Bearer {}", token))\n    .recv_string()\n    .await?;` },
  { name: 'Rust attohttpc bearer_auth', file: 'src/atto.rs', make: (t, k) => `let resp = attohttpc::get("${t.full}").bearer_auth("${k}").send()?;` },
  { name: 'Elixir Finch.build with headers', file: 'lib/finch.ex', make: (t, k) => `Finch.build(:get, "${t.full}", [{"authorization", "Bearer ${k}"}])\n|> Finch.request(MyFinch)` },
  { name: 'Ruby Excon headers', file: 'lib/excon.rb', make: (t, k) => `response = Excon.get('${t.full}', headers: { 'Authorization' => "Bearer ${k}" })` },
  { name: 'Ruby http.rb HTTP.auth', file: 'lib/httprb.rb', make: (t, k) => `response = HTTP.auth("Bearer ${k}").get('${t.full}')` },
  { name: 'PHP PSR-7 Request then send', file: 'src/Psr.php', make: (t, k) => `$request = new Request('GET', '${t.full}', ['Authorization' => 'Bearer ${k}']);\n$response = $client->send($request);` },
  { name: 'WordPress wp_remote_get headers', file: 'wp-content/plugins/inv/inv.php', make: (t, k) => `$response = wp_remote_get('${t.full}', [\n    'headers' => ['Authorization' => 'Bearer ${k}'],\n    'timeout' => 10,\n]);` },
  { name: 'C# Refit method attribute bound by RestService.For', file: 'Api/IInventory.cs', make: (t, k) => `public interface IInventoryApi\n{\n    [Headers("Authorization: Bearer ${k}")]\n    [Get("${t.pathq}")]\n    Task<List<Item>> Items();\n}\n\nvar api = RestService.For<IInventoryApi>("${t.base}");` },
  { name: 'C# WebClient Headers.Add', file: 'Api/Wc.cs', make: (t, k) => `using var wc = new WebClient();\nwc.Headers.Add("Authorization", "Bearer ${k}");\nvar json = wc.DownloadString("${t.full}");` },
  { name: 'Go Header map index assignment', file: 'inv/idx.go', make: (t, k) => `req, _ := http.NewRequest(http.MethodGet, "${t.full}", nil)\nreq.Header["Authorization"] = []string{"Bearer ${k}"}\nres, _ := http.DefaultClient.Do(req)` },
  { name: 'Go SetBasicAuth with the key as user', file: 'inv/basic.go', make: (t, k) => `req, _ := http.NewRequest("GET", "${t.full}", nil)\nreq.SetBasicAuth("${k}", "")\nres, _ := client.Do(req)` },
  { name: 'Python module-level HEADERS dict', file: 'inv/consts.py', make: (t, k) => `HEADERS = {"Authorization": "Bearer ${k}"}\n\n\ndef items():\n    return requests.get("${t.full}", headers=HEADERS).json()` },
  { name: 'Python pycurl setopt', file: 'inv/curl.py', make: (t, k) => `c = pycurl.Curl()\nc.setopt(pycurl.URL, "${t.full}")\nc.setopt(pycurl.HTTPHEADER, ["Authorization: Bearer ${k}"])\nc.perform()` },
  { name: 'axios config object', file: 'src/cfg.js', make: (t, k) => `const res = await axios({\n  method: 'get',\n  url: '${t.full}',\n  headers: { Authorization: 'Bearer ${k}' },\n});` },
  { name: 'axios instance defaults set after create', file: 'src/defaults2.ts', make: (t, k) => `const instance = axios.create();\ninstance.defaults.baseURL = '${t.base}';\ninstance.defaults.headers.common.Authorization = 'Bearer ${k}';\nawait instance.get('${t.pathq}');` },
  { name: 'fetch with a Headers array', file: 'src/arr.ts', make: (t, k) => `const res = await fetch('${t.full}', { headers: new Headers([['Authorization', 'Bearer ${k}']]) });` },
  { name: 'wretch .auth()', file: 'src/wretch.ts', make: (t, k) => `const items = await wretch('${t.base}').auth('Bearer ${k}').get('${t.pathq}').json();` },
  { name: 'curl piped to jq', file: 'bin/items.sh', make: (t, k) => `curl -sH "Authorization: Bearer ${k}" "${t.full}" | jq '.data[]'` },
  { name: 'aria2c --header', file: 'bin/aria.sh', make: (t, k) => `aria2c --header="Authorization: Bearer ${k}" "${t.full}"` },
  { name: 'Ansible uri module', file: 'playbooks/items.yml', retracUse: '', make: (t, k) => `- name: list items\n  ansible.builtin.uri:\n    url: "${t.full}"\n    headers:\n      Authorization: "Bearer ${k}"\n    return_content: true` },
  { name: 'Hurl file', file: 'tests/items.hurl', make: (t, k) => `GET ${t.full}\nAuthorization: Bearer ${k}\nHTTP 200` },
  { name: 'Terraform http data source', file: 'infra/items.tf', make: (t, k) => `data "http" "items" {\n  url = "${t.full}"\n  request_headers = {\n    Authorization = "Bearer ${k}"\n  }\n}` },
  { name: 'Lua socket.http request table', file: 'scripts/items.lua', make: (t, k) => `local body, code = http.request{\n  url = "${t.full}",\n  headers = { ["Authorization"] = "Bearer ${k}" },\n}` },
];

/** Batch 3: auth helper functions and methods, clients kept on objects, headers built well before the call. */
const helpers: Idiom[] = [
  { name: 'JS helper function returning headers', file: 'src/helper.js', make: (t, k) => `function authHeaders() {\n  return { Authorization: 'Bearer ${k}' };\n}\n\nconst res = await fetch('${t.full}', { headers: authHeaders() });` },
  { name: 'Python helper building headers from a constant', file: 'inv/helper.py', make: (t, k) => `API_TOKEN = "${k}"\n\n\ndef _headers():\n    return {"Authorization": f"Bearer {API_TOKEN}"}\n\n\nresp = requests.get("${t.full}", headers=_headers())` },
  { name: 'Go function that authorizes a request', file: 'inv/authorize.go', make: (t, k) => `func authorize(req *http.Request) {\n\treq.Header.Set("Authorization", "Bearer ${k}")\n}\n\nfunc items() {\n\treq, _ := http.NewRequest("GET", "${t.full}", nil)\n\tauthorize(req)\n\thttp.DefaultClient.Do(req)\n}` },
  { name: 'Java method returning HttpHeaders', file: 'src/main/java/Helper.java', make: (t, k) => `private HttpHeaders headers() {\n  HttpHeaders h = new HttpHeaders();\n  h.setBearerAuth("${k}");\n  return h;\n}\n\nString items() {\n  return restTemplate.exchange("${t.full}", HttpMethod.GET, new HttpEntity<>(headers()), String.class).getBody();\n}` },
  { name: 'Ruby method returning headers', file: 'lib/helper.rb', make: (t, k) => `def auth_headers\n  { 'Authorization' => "Bearer ${k}" }\nend\n\nresponse = HTTParty.get('${t.full}', headers: auth_headers)` },
  { name: 'TS class field axios instance', file: 'src/Inventory.ts', make: (t, k) => `export class Inventory {\n  private http = axios.create({ baseURL: '${t.base}', headers: { Authorization: 'Bearer ${k}' } });\n\n  items() {\n    return this.http.get('${t.pathq}');\n  }\n}` },
  { name: 'Python session on self', file: 'inv/selfsession.py', make: (t, k) => `class Inventory:\n    def __init__(self):\n        self.session = requests.Session()\n        self.session.headers["Authorization"] = "Bearer ${k}"\n        self.base = "${t.base}"\n\n    def items(self):\n        return self.session.get(f"{self.base}${t.pathq}")` },
  { name: 'PHP client on $this in the constructor', file: 'src/InventoryClient.php', make: (t, k) => `class InventoryClient {\n    private Client $http;\n\n    public function __construct() {\n        $this->http = new Client(['base_uri' => '${t.base}', 'headers' => ['Authorization' => 'Bearer ${k}']]);\n    }\n\n    public function items() {\n        return $this->http->get('${t.pathq}');\n    }\n}` },
  { name: 'shell function wrapping curl', file: 'bin/api.sh', make: (t, k) => `api() {\n  curl -fsS -H "Authorization: Bearer ${k}" "${t.base}$1"\n}\n\napi ${t.pathq.replace('?', '\\?')}` },
  { name: 'curl with the Token scheme', file: 'bin/token.sh', make: (t, k) => `curl -fsS -H "Authorization: Token ${k}" "${t.full}"` },
  { name: 'Python requests with a lowercase token scheme', file: 'inv/tokenscheme.py', make: (t, k) => `resp = requests.get("${t.full}", headers={"Authorization": "token ${k}"})` },
  { name: 'JS headers object several statements before the call', file: 'src/later.js', make: (t, k) => `const headers = { Authorization: 'Bearer ${k}' };\nconst started = Date.now();\nlog.info('sync start');\nconst page = 1;\nconst res = await fetch('${t.full}', { headers });\nlog.info('took', Date.now() - started);` },
];

/** Batch 3 hard negatives: helpers for a courier next to Retrac requests. */
const helperNegatives: { name: string; file: string; make: (k: string) => string }[] = [
  { name: 'JS: a courier headers helper, a Retrac request with its own helper', file: 'ship6.js', make: (k) => `function courierHeaders() {\n  return { Authorization: 'Bearer ${k}' };\n}\n\nawait fetch('https://api.courier.example/labels', { headers: courierHeaders() });\nawait fetch('https://api.retrac.co/items?workspaceId=' + ws, { headers: retracHeaders() });` },
  { name: 'Python: a courier helper and a Retrac helper from env', file: 'ship7.py', make: (k) => `def courier_headers():\n    return {"Authorization": "Bearer ${k}"}\n\n\ndef retrac_headers():\n    return {"Authorization": f"Bearer {os.environ['RETRAC_API_KEY']}"}\n\n\nrequests.post("https://api.courier.example/labels", headers=courier_headers())\nrequests.get("https://api.retrac.co/items", params={"workspaceId": WS}, headers=retrac_headers())` },
  { name: 'shell: a courier function next to a Retrac CLI call', file: 'ship8.sh', make: (k) => `courier() {\n  curl -fsS -H "Authorization: Bearer ${k}" "https://api.courier.example$1"\n}\n\ncourier /labels\nretrac items list --workspace "$RETRAC_WORKSPACE_ID"` },
  { name: 'TS: a class with a Retrac client from env and a courier token field', file: 'Ship.ts', make: (k) => `export class Shipping {\n  private retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n  private courierToken = '${k}';\n\n  async label() {\n    await fetch('https://api.courier.example/labels', { headers: { Authorization: ${B}Bearer ${D}{this.courierToken}${B} } });\n    return this.retrac.items.list();\n  }\n}` },
];

/** Batch 2 hard negatives: a courier's token next to Retrac code, each aimed at a way a request is now joined. */
const heldOutNegatives: { name: string; file: string; make: (k: string) => string }[] = [
  { name: 'Python: one session for a courier, a Retrac client from env', file: 'ship5.py', make: (k) => `s = requests.Session()\ns.headers["Authorization"] = "Bearer ${k}"\nr = s.post("https://api.courier.example/labels")\nretrac = RetracClient(api_key=os.environ["RETRAC_API_KEY"])` },
  { name: 'Ruby: a Retrac HTTParty class from env and a courier class', file: 'clients.rb', make: (k) => `class RetracClient\n  include HTTParty\n  base_uri 'https://api.retrac.co'\n  headers 'Authorization' => "Bearer #{ENV['RETRAC_API_KEY']}"\nend\n\nclass CourierClient\n  include HTTParty\n  base_uri 'https://api.courier.example'\n  headers 'Authorization' => 'Bearer ${k}'\nend` },
  { name: 'Kotlin: two Ktor clients, the Retrac one from env', file: 'Clients.kt', make: (k) => `val retrac = HttpClient(CIO) {\n    defaultRequest { url("https://api.retrac.co") }\n    install(Auth) { bearer { loadTokens { BearerTokens(System.getenv("RETRAC_API_KEY"), "") } } }\n}\nval courier = HttpClient(CIO) {\n    defaultRequest { url("https://api.courier.example") }\n    install(Auth) { bearer { loadTokens { BearerTokens("${k}", "") } } }\n}` },
  { name: 'Swift: headers built for a courier, then a Retrac call with other headers', file: 'Both.swift', make: (k) => `let headers: HTTPHeaders = ["Authorization": "Bearer ${k}"]\nAF.request("https://api.courier.example/labels", headers: headers)\nAF.request("https://api.retrac.co/items", headers: retracHeaders)` },
  { name: 'Elixir: a Retrac Tesla module from env and a courier module', file: 'lib/clients.ex', make: (k) => `defmodule Retrac.Client do\n  use Tesla\n  plug Tesla.Middleware.BaseUrl, "https://api.retrac.co"\n  plug Tesla.Middleware.BearerAuth, token: System.fetch_env!("RETRAC_API_KEY")\nend\n\ndefmodule Courier.Client do\n  use Tesla\n  plug Tesla.Middleware.BaseUrl, "https://api.courier.example"\n  plug Tesla.Middleware.BearerAuth, token: "${k}"\nend` },
  { name: 'Kotlin: a Retrofit service bound to a courier, Retrac SDK from env', file: 'Ship.kt', make: (k) => `interface LabelService {\n    @Headers("Authorization: Bearer ${k}")\n    @POST("/labels")\n    fun label(): Call<Label>\n}\n\nval labels = Retrofit.Builder().baseUrl("https://api.courier.example/").build().create(LabelService::class.java)\nval retrac = RetracClient(System.getenv("RETRAC_API_KEY"))` },
  { name: 'TS: a Retrac ky client from env; getItem(\'items\') and a courier call', file: 'mix.ts', make: (k) => `const api = ky.create({ prefixUrl: 'https://api.retrac.co', headers: { Authorization: ${B}Bearer ${D}{process.env.RETRAC_API_KEY}${B} } });\nconst cached = localStorage.getItem('items');\nawait fetch('https://api.courier.example/labels', { headers: { Authorization: 'Bearer ${k}' } });` },
  { name: 'C#: a courier HttpClient configured in a block next to a Retrac one', file: 'Ship.cs', make: (k) => `var retrac = new HttpClient { BaseAddress = new Uri("https://api.retrac.co") };\nretrac.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("RETRAC_API_KEY"));\n\nvar courier = new HttpClient { BaseAddress = new Uri("https://api.courier.example") };\ncourier.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${k}");` },
  { name: 'Go: a 24-character request id header on a Retrac request', file: 'reqid.go', make: (k) => `req, _ := http.NewRequest("GET", "https://api.retrac.co/items?workspaceId="+ws, nil)\nreq.Header.Set("Authorization", "Bearer "+os.Getenv("RETRAC_API_KEY"))\nreq.Header.Set("X-Request-Id", "${k}")` },
  { name: 'JS: an Idempotency-Key on a Retrac POST', file: 'idem.js', make: (k) => `await fetch('https://api.retrac.co/items?workspaceId=' + ws, {\n  method: 'POST',\n  headers: { Authorization: ${B}Bearer ${D}{process.env.RETRAC_API_KEY}${B}, 'Idempotency-Key': '${k}' },\n});` },
];

/** Lines that use the Retrac SDK with a key from the environment, per file kind (for the courier variant). */
function retracUse(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const byExt: Record<string, string> = {
    kt: 'import co.retrac.sdk.RetracClient\n\nval retrac = RetracClient(apiKey = System.getenv("RETRAC_API_KEY"))\n\n',
    swift: 'import RetracKit\n\nlet retrac = Retrac(apiKey: ProcessInfo.processInfo.environment["RETRAC_API_KEY"]!)\n\n',
    dart: "import 'package:retrac/retrac.dart';\n\nfinal retrac = Retrac(apiKey: Platform.environment['RETRAC_API_KEY']!);\n\n",
    rs: 'use retrac::Client as Retrac;\n\nlet retrac = Retrac::new(std::env::var("RETRAC_API_KEY")?);\n\n',
    ex: 'alias Retrac.Client\nretrac = Retrac.Client.new(System.fetch_env!("RETRAC_API_KEY"))\n\n',
    rb: "require 'retrac'\nretrac = Retrac::Client.new(api_key: ENV.fetch('RETRAC_API_KEY'))\n\n",
    php: "use Retrac\\Client as RetracClient;\n$retrac = new RetracClient(getenv('RETRAC_API_KEY'));\n\n",
    java: 'import co.retrac.RetracClient;\n\nRetracClient retrac = new RetracClient(System.getenv("RETRAC_API_KEY"));\n\n',
    cs: 'using Retrac.Sdk;\n\nvar retrac = new RetracClient(Environment.GetEnvironmentVariable("RETRAC_API_KEY"));\n\n',
    go: 'import retrac "github.com/retrac/retrac-go"\n\nvar inv = retrac.NewClient(os.Getenv("RETRAC_API_KEY"))\n\n',
    py: 'import retrac\nretrac_client = retrac.Client(api_key=os.environ["RETRAC_API_KEY"])\n\n',
    ts: "import { Retrac } from '@retrac/sdk';\nconst retrac = new Retrac({ apiKey: process.env.RETRAC_API_KEY });\n\n",
    ps1: 'Import-Module Retrac\n$retrac = Connect-Retrac -ApiKey $env:RETRAC_API_KEY\n\n',
    R: 'library(retrac)\nretrac <- retrac_client(Sys.getenv("RETRAC_API_KEY"))\n\n',
    scala: 'import co.retrac.RetracClient\nval retrac = RetracClient(sys.env("RETRAC_API_KEY"))\n\n',
    pl: 'use Retrac::Client;\nmy $retrac = Retrac::Client->new(api_key => $ENV{RETRAC_API_KEY});\n\n',
    clj: "(require '[retrac.client :as retrac])\n(def inv (retrac/client (System/getenv \"RETRAC_API_KEY\")))\n\n",
    sh: 'retrac sync --workspace "$RETRAC_WORKSPACE_ID"\n\n',
    lua: 'local retrac = require("retrac")\nlocal inv = retrac.client(os.getenv("RETRAC_API_KEY"))\n\n',
    tf: 'provider "retrac" {\n  api_key = var.retrac_api_key\n}\n\n',
    hurl: 'GET https://api.retrac.co/workspaces\nAuthorization: Bearer {{retrac_key}}\n\n',
  };
  byExt.js = byExt.mjs = byExt.ts;
  if (file.endsWith('Jenkinsfile')) return "@Library('retrac-shared') _\n";
  if (file.endsWith('Makefile')) return 'sync:\n\tretrac sync --key "$$RETRAC_API_KEY"\n\n';
  if (file.includes('Dockerfile')) return 'RUN retrac sync --key "$RETRAC_API_KEY"\n';
  return byExt[ext] ?? '';
}

/** Wraps an idiom's text into a whole file (PHP open tag, Dockerfile FROM), with the courier's Retrac lines first. */
function wholeFile(idiom: Idiom, body: string, courier: boolean): string {
  const retrac = courier ? idiom.retracUse ?? retracUse(idiom.file) : '';
  if (idiom.file.endsWith('.php')) return `<?php\n${retrac}${body}`;
  if (idiom.file.includes('Dockerfile')) return `FROM alpine:3.20\n${retrac}${body}`;
  if (idiom.file.endsWith('.yml') && courier) return `x-retrac-sync: retrac sync --key "$RETRAC_API_KEY"\n${body}`;
  return retrac + body;
}

const variants = makeVariants(['/items', '/tags', '/locations', '/inventory/balances']);

function runIdioms(title: string, list: Idiom[], extraNegatives: typeof heldOutNegatives = []): void {
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
    if (extraNegatives.length) {
      describe("a courier's token next to Retrac code", () => {
        for (const n of extraNegatives) {
          it(`${n.name} (${n.file})`, () => {
            const key = fullKey();
            check(tally, misses, n.file, n.file, n.make(key), [key], []);
          });
        }
      });
    }
    after(() => report(`${title}: ${list.length} idioms × ${variants.length} variants${extraNegatives.length ? ` + ${extraNegatives.length} negatives` : ''}`, tally, misses));
  });
}

runIdioms('requests recognised by what they do (issue 10, principle 1: red-team cases)', idioms);
runIdioms('requests recognised by what they do: batch 2, written after the fixes', heldOut, heldOutNegatives);
runIdioms('requests recognised by what they do: batch 3, auth helpers and clients on objects', helpers, helperNegatives);
