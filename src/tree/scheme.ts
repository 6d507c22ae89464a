// The URI scheme of the explorer's read-only details documents: its own module, so the provider
// registered at start (./lazy) and the documents themselves (./documents) share it without the
// start bundle loading the documents.
export const DETAILS_SCHEME = 'retrac';
