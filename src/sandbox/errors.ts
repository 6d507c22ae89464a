// The error answers of the sandbox, shaped as contract §2: {"error":{"code","message","doc_url"}}.
export type ApiErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'exceeded_limit' | 'not_found' | 'conflict'
  | 'unprocessable_entity' | 'rate_limit_exceeded' | 'internal_server_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Extra headers for this answer, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ApiErrorCode, message: string): { error: { code: ApiErrorCode; message: string; doc_url: string } } {
  return { error: { code, message, doc_url: `https://docs.retrac.co/api-reference/errors#${code.replace(/_/g, '-')}` } };
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'bad_request', message);
export const unauthorized = (message: string): ApiError => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message);
export const exceededLimit = (message: string): ApiError => new ApiError(403, 'exceeded_limit', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'not_found', message);
export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message);
export const unprocessable = (message: string): ApiError => new ApiError(422, 'unprocessable_entity', message);
