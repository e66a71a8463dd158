import { type ErrorCode, isErrorCode } from '@heygen-assets/core';
import { ApiError } from '../errors/api-error.js';
import type { HttpRequest, HttpResponse } from './http-exchange.js';
import { isJsonObject, parseJsonObject } from './json-object.js';
import { redactUrl } from './redact-url.js';

/** Longest slice of a non-JSON error body quoted in a message, in characters. */
const QUOTED_BODY_MAX_CHARS = 200;

interface ErrorFields {
  code: string | undefined;
  message: string | undefined;
  param: string | undefined;
  hint: string | undefined;
}

/**
 * Builds the `ApiError` for a response with an error status. Reads the presigned dialect's
 * envelope `{"error": "<message>", "code": "<code>", "data": null}` (used by the PUT too) and,
 * so that one client serves every route, the v3 `{"error": {"code", "message", "param"?}}` shape.
 */
export function errorFromResponse(request: HttpRequest, response: HttpResponse): ApiError {
  const fields = readErrorFields(response.body);
  const requestId = response.headers['x-request-id'];

  return new ApiError({
    method: request.method,
    url: redactUrl(request.url),
    status: response.status,
    code: isErrorCode(fields.code) ? fields.code : codeForStatus(response.status),
    serverCode: fields.code,
    serverMessage: fields.message ?? describeBody(response.body),
    requestId: typeof requestId === 'string' ? requestId : undefined,
    param: fields.param,
    hint: fields.hint,
  });
}

function readErrorFields(body: string): ErrorFields {
  const parsed = parseJsonObject(body) ?? {};
  const nested = isJsonObject(parsed.error) ? parsed.error : undefined;
  const source = nested ?? parsed;

  return {
    code: stringOrUndefined(source.code),
    message: stringOrUndefined(nested ? nested.message : (parsed.error ?? parsed.message)),
    param: stringOrUndefined(nested?.param),
    hint: stringOrUndefined(source.hint),
  };
}

/** The generic code for a status when the server sent no code this client knows. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'internal_error';
}

function describeBody(body: string): string {
  const text = body.trim();
  if (text === '') return 'no error message in the response';
  return text.length > QUOTED_BODY_MAX_CHARS ? `${text.slice(0, QUOTED_BODY_MAX_CHARS)}…` : text;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
