// The transport for a pinned CA: the `undici` package's fetch with a dispatcher that trusts the
// public roots plus the given CA, direct or through the proxy that `proxyRoute` picks (an HTTP
// CONNECT tunnel; the proxy's credentials from its URL or `http.proxyAuthorization`). Its own
// bundle (dist/ca-transport.js, 400 KB of undici): loaded on the first request of a client with
// a CA, never at activation.
//
// Node 20 does not expose its bundled undici, and a dispatcher from one undici copy handed to
// another copy's fetch is version-fragile, so fetch, Headers and the dispatchers come from one package.
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, Headers, fetch, type Dispatcher } from 'undici';
import { proxyRoute, redactProxyUrl, type ProxySettings, type ProxyRoute } from './proxy';

export interface CaFetch {
  fetch: typeof globalThis.fetch;
  Headers: typeof globalThis.Headers;
  route: ProxyRoute;
  /** The proxy in use, for messages: `http://***@proxy:3128 (from http.proxy)`; undefined when direct. */
  proxyLabel?: string;
  /** One line for logs and "Diagnose Connection": transport and proxy, credentials hidden. */
  describe: string;
}

export function createCaFetch(baseUrl: string, ca: string[], proxy: ProxySettings = {}): CaFetch {
  const trusted = [...rootCertificates, ...ca];
  const route = proxyRoute(new URL(baseUrl), proxy);
  let dispatcher: Dispatcher;
  if (route.proxy) {
    const token = proxy.proxyAuthorization?.trim() || undefined;
    dispatcher = new ProxyAgent({
      uri: route.proxy.href,
      // URL credentials become Basic auth inside undici; an explicit header value wins.
      ...(token && !route.proxy.username ? { token } : {}),
      requestTls: { ca: trusted },
      proxyTls: { ca: trusted },
    });
  } else {
    dispatcher = new Agent({ connect: { ca: trusted } });
  }
  const fetchWithDispatcher = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    fetch(input as Parameters<typeof fetch>[0], { ...(init as Parameters<typeof fetch>[1]), dispatcher }) as unknown as Promise<Response>;
  const proxyLabel = route.proxy ? `${redactProxyUrl(route.proxy.href)} (from ${route.source})` : undefined;
  const describe = proxyLabel ? `undici with the pinned CA, through proxy ${proxyLabel}` : `undici with the pinned CA, direct (${route.source})`;
  return { fetch: fetchWithDispatcher, Headers: Headers as unknown as typeof globalThis.Headers, route, proxyLabel, describe };
}
