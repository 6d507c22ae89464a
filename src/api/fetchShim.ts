// Stands in for `node-fetch-native` in the bundles. ofetch's Node build imports it only as a
// fallback for Node versions without a global fetch; VS Code's extension host (Node 20+) always
// has one, so the bundles alias the package to this file and ship 114 KB less.
export default globalThis.fetch;
export const Headers = globalThis.Headers;
export const AbortController = globalThis.AbortController;
