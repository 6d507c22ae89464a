// The transport for a pinned CA: undici's request() with a dispatcher that trusts the public
// roots plus the given CA, direct or through the proxy that `proxyRoute` picks (an HTTP CONNECT
// tunnel; the proxy's credentials from its URL or `http.proxyAuthorization`). request() rather
// than undici's fetch: the same connections without the WHATWG streams, which cost more than
// the rest of the client when walking a big catalog. Its own bundle (dist/ca-transport.js,
// 400 KB of undici): loaded on the first request of a client with a CA, never at activation.
import { STATUS_CODES } from 'node:http';
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import type { Answer, Send } from './http';
import { proxyRoute, redactProxyUrl, type ProxySettings, type ProxyRoute } from './proxy';

export interface CaTransport {
  send: Send;
  route: ProxyRoute;
  /** The proxy in use, for messages: `http://***@proxy:3128 (from http.proxy)`; undefined when direct. */
  proxyLabel?: string;
  /** One line for logs and "Diagnose Connection": transport and proxy, credentials hidden. */
  describe: string;
}

export function createCaTransport(baseUrl: string, ca: string[], proxy: ProxySettings = {}): CaTransport {
  const trusted = [...rootCertificates, ...ca];
  const route = proxyRoute(new URL(baseUrl), proxy);
  let dispatcher: Dispatcher;
  if (route.proxy) {
    const token = proxy.proxyAuthorization?.trim() || undefined;
    dispatcher = new ProxyAgent({
      uri: route.proxy.href,
      // URL credentials become Basic auth inside undici; without them, http.proxyAuthorization.
      ...(token && !route.proxy.username ? { token } : {}),
      requestTls: { ca: trusted },
      proxyTls: { ca: trusted },
    });
  } else {
    dispatcher = new Agent({ connect: { ca: trusted } });
  }
  const send: Send = async (url, init) => {
    const res = await request(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal, dispatcher });
    return { status: res.statusCode, statusText: STATUS_CODES[res.statusCode] ?? '', headers: headerReader(res.headers), text: await res.body.text() };
  };
  const proxyLabel = route.proxy ? `${redactProxyUrl(route.proxy.href)} (from ${route.source})` : undefined;
  const describe = proxyLabel ? `undici with the pinned CA, through proxy ${proxyLabel}` : `undici with the pinned CA, direct (${route.source})`;
  return { send, route, proxyLabel, describe };
}

/** undici's header object (lower-case names) read like fetch's Headers. */
function headerReader(headers: Dispatcher.ResponseData['headers']): Answer['headers'] {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
