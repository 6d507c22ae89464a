// Which proxy a request to the API goes through when the client makes its own connections (a
// pinned CA): VS Code's `http.proxy` first, as VS Code does, else HTTPS_PROXY / HTTP_PROXY from
// the environment; `http.noProxy` and NO_PROXY name the hosts that go direct. Pure, so the
// transport, its tests and "Diagnose Connection" share one answer.

export interface ProxySettings {
  /** VS Code's `http.proxy` (may carry user:password). Wins over the environment. */
  proxy?: string;
  /** VS Code's `http.noProxy` host patterns. */
  noProxy?: string[];
  /** VS Code's `http.proxyAuthorization`: the Proxy-Authorization header value, if set. */
  proxyAuthorization?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read from; default process.env. */
  env?: Record<string, string | undefined>;
}

export interface ProxyRoute {
  /** The proxy to tunnel through, or undefined to connect directly. */
  proxy?: URL;
  /** Where the proxy came from (`http.proxy`, `HTTPS_PROXY`, …), or why the request goes direct. */
  source: string;
}

const ENV_PROXIES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function proxyRoute(target: URL, settings: ProxySettings = {}): ProxyRoute {
  const env = settings.env ?? process.env;
  let raw: string | undefined;
  let source = '';
  if (settings.proxy?.trim()) {
    raw = settings.proxy.trim();
    source = 'http.proxy';
  } else {
    const name = ENV_PROXIES.find((n) => env[n]?.trim());
    if (name) {
      raw = env[name]?.trim();
      source = name;
    }
  }
  if (!raw) return { source: 'no proxy set' };
  const noProxy = [...(settings.noProxy ?? []), ...splitList(env.NO_PROXY ?? env.no_proxy ?? '')];
  const bypass = noProxyMatch(target, noProxy);
  if (bypass) return { source: `${bypass} in ${settings.noProxy?.includes(bypass) ? 'http.noProxy' : 'NO_PROXY'}` };
  return { proxy: parseProxyUrl(raw, source), source };
}

/** A proxy URL as written in settings: `host:port` without a scheme means http://host:port. */
export function parseProxyUrl(raw: string, source = 'the proxy setting'): URL {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`The proxy in ${source} is not a valid URL (${redactProxyUrl(raw)}).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The proxy in ${source} uses ${url.protocol}; only http:// and https:// proxies are supported.`);
  }
  return url;
}

/** The NO_PROXY entry that sends `target` direct, if any: `*`, a host, `.domain` or `*.domain`, optionally `:port`. */
export function noProxyMatch(target: URL, entries: string[]): string | undefined {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of entries) {
    const e = entry.trim().toLowerCase();
    if (!e) continue;
    if (e === '*') return entry.trim();
    // `[v6]:port`, `host:port`, or a bare IPv6 address (several colons, no port).
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(e) ?? (e.split(':').length > 2 ? [e, e, undefined] : /^(.*?)(?::(\d+))?$/.exec(e));
    const pattern = (m?.[1] ?? e).replace(/^\*?\./, '.');
    const entryPort = m?.[2];
    if (entryPort && entryPort !== port) continue;
    const matches = pattern.startsWith('.') ? host.endsWith(pattern) || host === pattern.slice(1) : host === pattern;
    if (matches) return entry.trim();
  }
  return undefined;
}

/**
 * A proxy URL fit for a log: user name and password become `***`. Parsed with the URL parser, so
 * a password containing `@`, `/` or `:` cannot leak in part; what cannot be parsed is not shown.
 */
export function redactProxyUrl(value: string | undefined): string {
  const raw = value?.trim();
  if (!raw) return '(not set)';
  const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(raw)?.[0] ?? 'http://';
  const rest = raw.startsWith(scheme) ? raw.slice(scheme.length) : raw;
  // Everything up to the last `@` is credentials, however the parser would split it: a `?`, `#`
  // or `/` in an unencoded password would otherwise turn part of it into a "host" or "port".
  const at = rest.lastIndexOf('@');
  let url: URL;
  try {
    url = new URL(scheme + (at >= 0 ? rest.slice(at + 1) : rest));
  } catch {
    return '(set, but not a valid URL; not shown)';
  }
  if (url.username || url.password) return '(set, but not a valid URL; not shown)';
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.protocol}//${at >= 0 ? '***@' : ''}${url.host}${path}`;
}

function splitList(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean);
}
