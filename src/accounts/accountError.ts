// The accounts part's failure that carries the sentence shown to the user (never a key). The
// accounts UI is its own bundle, so errors are recognised by name, not by class identity.

export class AccountError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AccountError';
  }
}

/** An AccountError or SecretStorageError from any bundle: its message is meant for the user as is. */
export function isUserFacingAccountError(e: unknown): e is Error {
  return e instanceof Error && (e.name === 'AccountError' || e.name === 'SecretStorageError');
}

export function isSecretStorageError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'SecretStorageError';
}
