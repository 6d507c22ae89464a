// Scan options turned into what the hot path needs: key lengths, env names whose value is a key,
// the gate every finding needs near it (as a regex on text and, looser, on a file's raw bytes),
// and what the file's name says (env file, notebook, paragraphs, JSON data, named for Retrac).
import { RESTRICTED_PREFIX } from '../api/keys';
import { BytePrefilter } from './bytePrefilter';
import { alnumRunEnd, isImplausibleKeyBody, keyLengths, type KeyLengths } from './keyShape';
import { BASE64_PREFIX_MARKERS } from './keyTokens';
import { hasRetracWord } from './names';
import { baseName, isEnvFileName, languageIdFor } from './syntax';
import type { ScanOptions } from './types';

/**
 * What `mayHaveFindings` looks for in a file's bytes besides env names: `gate` with the first
 * letter of each word dropped (`etrac` for `[rR]etrac`), so it matches wherever `gate` does.
 * Plain words such as `project` or `workspace` alone do not pass: `gate` finds nothing in them.
 * `BYTE_GATE_HINTS` is the cheap first search (V8 skips ahead fastest on short alternatives);
 * each hit is then confirmed with `BYTE_GATE_WORDS` at its position.
 */
const BYTE_GATE_HINTS = ['etrac', 'ETRAC', 'orkspace[I_]', 'roject[S_]', ...BASE64_PREFIX_MARKERS];
const BYTE_GATE_WORDS = ['etrac', 'ETRAC', 'orkspace(?:Id|ID|_id)', 'roject(?:Slug|_slug)', ...BASE64_PREFIX_MARKERS];
/**
 * The same for source maps, whose sources are JSON strings that a writer may escape: the bare
 * words, so an escaped letter after the first one cannot hide a gate word.
 */
const ESCAPED_GATE_WORDS = ['etrac', 'ETRAC', 'orkspace', 'roject', ...BASE64_PREFIX_MARKERS];

export type KeyType = 'restricted' | 'full';

/** Options turned into what the hot path needs, once per scanner. */
export interface PreparedOptions {
  options: ScanOptions;
  lengths: KeyLengths;
  envFile: boolean;
  /** Jupyter notebook: code sits in JSON strings, so `\"` is read as `"` (same offsets). */
  notebook: boolean;
  /** Formats without statements (HTTP files, Markdown, YAML, INI, shell…): a request is also its paragraph. */
  paragraphs: boolean;
  /** JSON data that is not an API tool's collection: a `"workspaceId": "ws_…"` pair in it is data, not a request. */
  jsonData: boolean;
  /**
   * Recorded or fixture data (`test/fixtures/`, `cassettes/`, `recordings/`, `__snapshots__/`,
   * `.har`): a `workspaceId` pair in it is data, not a request parameter (one in a URL query still is).
   */
  dataFile: boolean;
  /**
   * A record of what ran: a log (`.log`), recorded traffic (VCR cassettes, recordings, `.har`) or a
   * snapshot. Nothing in it is a request to fix, its URLs included; its keys are still findings.
   */
  logFile: boolean;
  /**
   * Key/value configuration (YAML, TOML, INI, properties, dotenv, HCL) that is not an API tool's file: a
   * `workspace_id: ws_…` pair at a line's key position is configuration, not a request parameter.
   */
  configPairs: boolean;
  /** Markdown: a `workspaceId` pair inside a ```json / ```yaml fence is an example of data. */
  markdown: boolean;
  /**
   * The config a client app is built with (see CLIENT_APP_CONFIG): its values are inlined into the
   * browser or mobile app under the names it gives them, so every key in it is exposed.
   */
  clientApp: boolean;
  /** An HTML page or template: a Retrac key name rendered into it (`{{ retrac_api_key }}`) reaches the browser. */
  page: boolean;
  /** A framework config whose `env`/`define`/`public`/`extra` sections are inlined into client code (see CLIENT_SECTION). */
  clientConfig: boolean;
  /**
   * A file where only some sections are inlined into client code (see NARROW_CLIENT_SECTIONS): `define`
   * in a build script or `angular.json`/`project.json`, `public` in Meteor's `settings*.json`.
   */
  narrowClientSection: 'define' | 'public' | undefined;
  /** A route module whose loader's data the framework serializes into the page (Remix, React Router, SvelteKit, Qwik, SolidStart). */
  routeModule: boolean;
  /** A component file (`.jsx`/`.tsx`/`.astro`): a prop given a Retrac key lookup is handed to the client. */
  componentFile: boolean;
  /**
   * An API tool's environment or globals file (Postman `*.postman_environment.json`, JetBrains
   * `http-client.env.json`, Bruno `environments/`, Thunder Client environments): variables, not requests.
   */
  toolEnvironment: boolean;
  /** Prose documents other than Markdown (AsciiDoc, reStructuredText, Org, TeX; not `.txt`, which load tools use for requests): prose outside their code blocks is not a request. */
  docsProse: boolean;
  /** SQL scripts: database statements, not requests (a `workspace_id = 'ws_…'` there is data). */
  sqlFile: boolean;
  /** `config.xml`: a Cordova app's config (`<widget>`) is packaged into the app. */
  xmlConfig: boolean;
  /** One request per file (Bruno `.bru`): the file's `url:` says where every key in it goes. */
  requestFile: boolean;
  /** HCL (Terraform, Nomad, Packer): a top-level block's attributes configure one thing, read as one request. */
  hcl: boolean;
  /** SQL: a statement runs to its `;`, over lines. */
  sql: boolean;
  /** Shell-like files (scripts, Dockerfiles, Makefiles): here-documents belong to the command that reads them. */
  shell: boolean;
  /** Code in a language without a grammar here (read as plain text, by paragraphs): not prose, data or a log. */
  codeWithoutGrammar: boolean;
  /** A config document (YAML, JSON, XML, TOML; Salt states): not code, prose, a log or an env file. */
  configDocument: boolean;
  /** A test file (`tests/…`, `*.test.ts`, `test_*.py`, `*Test.php`): where an app under test is exercised. */
  testFile: boolean;
  /** The file's name says Retrac (`retrac.ini`, `config/retrac.env`): a generic key name in it is a Retrac key. */
  retracFile: boolean;
  /** Env names whose local value is a Retrac key, with the key. */
  keyEnvNames: Map<string, { keyType: KeyType; value: string }>;
  /** Some env name's local value is a full-access key. */
  hasFullEnvKey: boolean;
  gate: RegExp;
  /** The gate on a file's bytes decoded as latin1 (byte for byte), in two steps: see `mayHaveFindings`. */
  byteGateHints: RegExp;
  byteGate: RegExp;
  /** The looser byte gate for JSON-escaped text (source maps). */
  escapedByteGate: RegExp;
  /** Passes every buffer in which `byteGate` (`escapedByteGate`) can match, without a string copy: see bytePrefilter.ts. */
  wordPrefilter: BytePrefilter;
  escapedPrefilter: BytePrefilter;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Classifies a value: a plausible restricted or full-access key, or nothing. */
export function classifyKey(value: string, lengths: KeyLengths): KeyType | undefined {
  const restricted = value.startsWith(RESTRICTED_PREFIX);
  const body = restricted ? value.slice(RESTRICTED_PREFIX.length) : value;
  if (body.length < lengths.min || body.length > lengths.max) return undefined;
  if (alnumRunEnd(body, 0, body.length) !== body.length || isImplausibleKeyBody(body)) return undefined;
  return restricted ? 'restricted' : 'full';
}

/** What does not depend on the file: a workspace scan prepares it once for thousands of files. */
export type SharedParts = Pick<
  PreparedOptions,
  'lengths' | 'keyEnvNames' | 'hasFullEnvKey' | 'gate' | 'byteGateHints' | 'byteGate' | 'escapedByteGate' | 'wordPrefilter' | 'escapedPrefilter'
>;

export function sharedParts(envValues: ScanOptions['envValues'], lenient: boolean): SharedParts {
  const lengths = keyLengths(lenient);
  const keyEnvNames = new Map<string, { keyType: KeyType; value: string }>();
  for (const [name, raw] of envValues ?? []) {
    const value = raw.trim();
    const keyType = classifyKey(value, lengths);
    if (keyType && /^[A-Za-z_]\w*$/.test(name)) keyEnvNames.set(name, { keyType, value });
  }
  const names = [...keyEnvNames.keys()].map(escapeRegExp);
  // Every rule needs one of these within CONTEXT_LINES of its finding; lines further from all of
  // them are never looked at. `mayHaveFindings` checks the same words on raw bytes.
  // (The base64 markers of `retrac_` are not here: a letter as common as `c` would start a match attempt
  // everywhere. The scan finds their lines with a literal search instead: scanner.ts `markerLines`.)
  const gate = new RegExp(['[rR]etrac', 'RETRAC', '[wW]orkspace(?:Id|ID|_id)', '[pP]roject(?:Slug|_slug)', ...names].join('|'), 'g');
  // A little looser than `gate` (`etrac` for `[rR]etrac`, `orkspace[I_]` for `[wW]orkspace…`):
  // alternatives that start with plain letters let the regex engine skip ahead through bytes that
  // cannot start a match.
  const byteGateHints = new RegExp([...BYTE_GATE_HINTS, ...names].join('|'), 'g');
  const byteGate = new RegExp([...BYTE_GATE_WORDS, ...names].join('|'), 'y');
  const escapedByteGate = new RegExp([...ESCAPED_GATE_WORDS, ...names].join('|'));
  // The words of `byteGate` and `escapedByteGate`, searched on the bytes themselves.
  const wordPrefilter = new BytePrefilter([...BYTE_GATE_WORDS, ...names]);
  const escapedPrefilter = new BytePrefilter([...ESCAPED_GATE_WORDS, ...names]);
  const hasFullEnvKey = [...keyEnvNames.values()].some((v) => v.keyType === 'full');
  return { lengths, keyEnvNames, hasFullEnvKey, gate, byteGateHints, byteGate, escapedByteGate, wordPrefilter, escapedPrefilter };
}

// Shell, PowerShell, Dockerfile and Makefile lines are statements (a request spans lines only
// through continuations), so they are not here: a courier's curl next to a Retrac command is not
// the same request.
const PARAGRAPH_LANGUAGES = new Set([
  'http', 'markdown', 'mdx', 'plaintext', 'yaml', 'github-actions-workflow', 'dockercompose', 'ini', 'toml',
  'properties', 'dotenv', 'xml', 'html', 'nginx',
]);
/** API tools whose JSON holds requests: Postman, Insomnia, Thunder Client, HTTPie, Bruno, Hoppscotch. */
const API_TOOL_FILE = /postman|insomnia|thunder|httpie|bruno|hoppscotch|collection|environment|requests?\b/i;

/** Folders and files of recorded or fixture data. */
const DATA_PATH =
  /(?:^|[\\/])(?:fixtures?|__fixtures__|cassettes?|vcr_cassettes|recordings?|snapshots?|__snapshots__|__mocks__|mocks?|testdata|test-data|stubs?|responses?|pacts?|seeds?|seeders|factories)[\\/]|(?:^|[\\/])seeds?\.\w+$|(?:^|[\\/])conftest\.py$|\.(?:stories|story)\.\w+$|\.(?:har|snap|pact\.json)$/i;
/** Logs known by their folder (`logs/app.jsonl`, `log/requests.ndjson`, `logs/sync.txt`): a record, like a `.log`. */
const LOG_PATH = /(?:^|[\\/])logs?[\\/](?:[^\\/]+[\\/])*[^\\/]+\.(?:jsonl|ndjson|json|txt|out)$/i;
/** Recorded traffic and snapshots: what was sent once, replayed by tests (a subset of DATA_PATH). */
const RECORDED_PATH = /(?:^|[\\/])(?:cassettes?|vcr_cassettes|recordings?|snapshots?|__snapshots__)[\\/]|\.(?:har|snap)$/i;
/**
 * The config a client app is built with, imported into its code as it is (see `clientApp`): Angular
 * `environments/environment*.ts`, Ember `config/environment.js`, Expo and Nuxt `app.config.*`,
 * Capacitor `capacitor.config.*`.
 */
const CLIENT_APP_CONFIG =
  /(?:^|[\\/])wwwroot[\\/]appsettings(?:\.[\w-]+)?\.json$|(?:^|[\\/])tauri(?:\.[\w-]+)?\.conf\.json5?$|(?:^|[\\/])[^\\/]*dart[_-]?defines?[^\\/]*(?:[\\/][^\\/]+)?\.json$|(?:^|[\\/])environments[\\/]environment(?:\.[\w-]+)?\.ts$|(?:^|[\\/])config[\\/]environment\.js$|(?:^|[\\/])app\.config\.[cm]?[jt]s$|(?:^|[\\/])capacitor\.config\.(?:[cm]?[jt]s|json)$/;
const PAGE_FILE = /\.(?:html?|ejs|hbs|handlebars|njk|liquid|twig|jinja2?|mustache|html\.erb|erb\.html)$/i;
/** Framework configs with sections that are inlined into client code. */
const CLIENT_CONFIG_FILE =
  /^(?:next|nuxt|vite|astro|svelte|quasar|remix|solid|qwik|vue|rsbuild|farm|webpack|rspack|docusaurus|umi|modern|rspress|wxt|electron|ice)(?:\.[\w-]+)?\.config\.[cm]?[jt]s$|^app\.json$|^\.umirc(?:\.[\w-]+)?\.[cm]?[jt]s$/;
/** Client configs known by their folder: VitePress and VuePress `config.*`, Storybook `main.*` (its `env` goes to the preview). */
const CLIENT_CONFIG_PATH = /(?:^|[\\/])\.(?:vitepress|vuepress)[\\/]config\.[cm]?[jt]s$|(?:^|[\\/])\.storybook[\\/]main\.[cm]?[jt]s$/;
/**
 * Files of which only one section is inlined into client code: the `define` of a bundler's build script
 * (`scripts/build.mjs`, `esbuild.mjs`, tsup/rollup configs) and of Angular's and Nx's build options; the
 * `public` section of Meteor's settings (`settings.json`, `settings-production.json`), sent to every client.
 */
const DEFINE_ONLY_FILE = /(?:^|[\\/])(?:build|bundle|esbuild)(?:[.-][\w-]+)?\.[cm]?[jt]s$|(?:^|[\\/])(?:tsup|rollup|rolldown)(?:\.[\w-]+)?\.config\.[cm]?[jt]s$|(?:^|[\\/])(?:angular|project)\.json$/;
const METEOR_SETTINGS = /(?:^|[\\/])settings(?:[.-][\w-]+)?\.json$/;
/** Route modules whose loader data is serialized into the page. */
const ROUTE_MODULE = /(?:^|[\\/])app[\\/](?:routes[\\/].*|root)\.[cm]?[jt]sx?$|(?:^|[\\/])\+(?:page|layout)(?:\.server)?\.[jt]s$|(?:^|[\\/])src[\\/]routes[\\/].*\.[jt]sx?$/;
/** API tools' environment and globals files. */
const TOOL_ENVIRONMENT = /\.postman_(?:environment|globals)\.json$|(?:^|[\\/])http-client(?:\.private)?\.env\.json$|(?:^|[\\/])(?:environments?)[\\/][^\\/]+\.bru$|thunder[\w-]*environment[\w-]*\.json$|(?:^|[\\/])(?:rest-client|httpyac)[\w.-]*env[\w.-]*\.json$/i;

/** Languages of key/value configuration (see `configPairs`). */
const TEST_FILE = /(?:^|\/)(?:tests?|spec|specs|__tests__|e2e)\/|[._-](?:test|spec)\.[A-Za-z]+$|(?:^|\/)test_[^/]*\.py$|Tests?\.(?:php|java|kt|cs|swift)$/;
const CONFIG_DOCUMENT_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'json5', 'xml', 'toml', 'ini', 'nginx', 'github-actions-workflow', 'dockercompose']);
const CONFIG_LANGUAGES = new Set(['yaml', 'toml', 'ini', 'properties', 'dotenv', 'terraform', 'hcl']);

/** `dir/base` of a path: `sessions/api.retrac.co/default.json` names its host in the folder. */
function lastSegments(fileName: string): string {
  // Runs for every file of a tree: two searches, not a split of the whole path.
  const last = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  if (last <= 0) return fileName;
  return fileName.slice(Math.max(fileName.lastIndexOf('/', last - 1), fileName.lastIndexOf('\\', last - 1)) + 1);
}

export function prepareOptions(options: ScanOptions, shared = sharedParts(options.envValues, !!options.lenient)): PreparedOptions {
  const envFile = isEnvFileName(options.fileName) || options.languageId === 'dotenv';
  // `plaintext` is VS Code's "no extension knows this file" (Kotlin, Terraform, Dart… without their
  // extensions): the file's name says more, and the editor then reads it as the CLI does.
  const language = options.languageId && options.languageId !== 'plaintext' ? options.languageId : languageIdFor(options.fileName);
  const base = baseName(options.fileName);
  const notebook = /\.ipynb$/i.test(base) || options.languageId === 'jupyter';
  return {
    options,
    envFile,
    notebook,
    paragraphs: envFile || PARAGRAPH_LANGUAGES.has(language) || /\.(?:bru|http|rest)$/i.test(base),
    jsonData: (language === 'json' || /\.json$/i.test(base)) && !API_TOOL_FILE.test(options.fileName),
    dataFile: DATA_PATH.test(options.fileName),
    logFile: /\.log(?:\.\d+)?$|^nohup\.out$/i.test(base) || LOG_PATH.test(options.fileName) || RECORDED_PATH.test(options.fileName),
    configPairs: (envFile || CONFIG_LANGUAGES.has(language) || /\.tfvars$/i.test(base)) && !API_TOOL_FILE.test(options.fileName),
    markdown: language === 'markdown' || language === 'mdx',
    requestFile: /\.bru$/i.test(base),
    hcl: language === 'terraform' || language === 'hcl',
    sql: language === 'sql',
    shell: language === 'shellscript' || language === 'dockerfile' || language === 'makefile',
    testFile: TEST_FILE.test(options.fileName.replace(/\\/g, '/')),
    configDocument: (CONFIG_DOCUMENT_LANGUAGES.has(language) || /\.sls$/i.test(base)) && !envFile,
    codeWithoutGrammar: language === 'plaintext' && !/\.(?:txt|text|log|out|csv|tsv|rst|adoc|asciidoc|org)$/i.test(base) && /\.[A-Za-z0-9]{1,12}$/.test(base),
    clientApp: CLIENT_APP_CONFIG.test(options.fileName),
    page: PAGE_FILE.test(base),
    clientConfig: CLIENT_CONFIG_FILE.test(base) || CLIENT_CONFIG_PATH.test(options.fileName),
    narrowClientSection: DEFINE_ONLY_FILE.test(options.fileName) ? 'define' : METEOR_SETTINGS.test(options.fileName) && !/(?:^|[\\/])\.vscode[\\/]/.test(options.fileName) ? 'public' : undefined,
    routeModule: ROUTE_MODULE.test(options.fileName),
    componentFile: /\.(?:jsx|tsx|astro)$/i.test(base),
    toolEnvironment: TOOL_ENVIRONMENT.test(options.fileName),
    docsProse: /\.(?:adoc|asciidoc|rst|org|tex|textile|rdoc|pod)$/i.test(base),
    sqlFile: /\.(?:sql|psql|pgsql|ddl|dml|cql|hql)$/i.test(base),
    xmlConfig: base === 'config.xml',
    retracFile: hasRetracWord(lastSegments(options.fileName)),
    ...shared,
  };
}

/**
 * False when a file's bytes hold none of the gate words, so it cannot have a finding and need
 * not be decoded. Pass the file name: a file named for Retrac is always scanned. `escaped`: the
 * bytes are JSON whose strings are scanned once unescaped (a source map): the looser words.
 */
export function mayHaveFindings(bytes: Buffer, shared: SharedParts, fileName?: string, escaped = false): boolean {
  // A file named for Retrac (`config/retrac.env`) may hold a Retrac key under a generic name.
  if (fileName !== undefined && hasRetracWord(lastSegments(fileName))) return true;
  // No gate word anywhere in the bytes (nearly every file): no string to make. Where there is
  // one, the regexes below decide as before, so the answer is theirs.
  if (!(escaped ? shared.escapedPrefilter : shared.wordPrefilter).mayMatch(bytes)) return false;
  // One regex over a latin1 copy (one char per byte, so the same matches as a byte search, and an
  // ASCII word in UTF-8 is the same bytes): faster than one Buffer.indexOf per word, even with the copy.
  const latin1 = bytes.toString('latin1');
  if (escaped) return shared.escapedByteGate.test(latin1);
  const { byteGateHints: hints, byteGate: words } = shared;
  hints.lastIndex = 0;
  for (let m = hints.exec(latin1); m; m = hints.exec(latin1)) {
    words.lastIndex = m.index;
    if (words.test(latin1)) return true;
  }
  return false;
}
