import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import type { HttpRequest, HttpResponse } from './http-exchange.js';
import { isJsonObject, type JsonObject, parseJsonObject } from './json-object.js';
import { redactUrl } from './redact-url.js';

/**
 * Typed reads from a success response's JSON body. A missing or mistyped field is an
 * `UnexpectedResponseError` naming the field, never an `undefined` that fails later.
 */
export class ResponseFields {
  readonly #request: HttpRequest;
  readonly #response: HttpResponse;
  readonly #fields: JsonObject;
  readonly #path: string;

  private constructor(
    request: HttpRequest,
    response: HttpResponse,
    fields: JsonObject,
    path: string,
  ) {
    this.#request = request;
    this.#response = response;
    this.#fields = fields;
    this.#path = path;
  }

  static parse(request: HttpRequest, response: HttpResponse): ResponseFields {
    const fields = parseJsonObject(response.body);
    if (!fields) {
      throw unexpected(request, response, 'a body that is not a JSON object');
    }
    return new ResponseFields(request, response, fields, '');
  }

  object(key: string): ResponseFields {
    const value = this.#fields[key];
    if (!isJsonObject(value)) throw this.#missing(key, 'an object');
    return new ResponseFields(this.#request, this.#response, value, `${this.#path}${key}.`);
  }

  string(key: string): string {
    const value = this.#fields[key];
    if (typeof value !== 'string') throw this.#missing(key, 'a string');
    return value;
  }

  /** An absolute `http:` or `https:` URL, as a string. */
  httpUrl(key: string): string {
    const value = this.string(key);
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
      throw this.#missing(key, 'an http(s) URL');
    }
    return value;
  }

  number(key: string): number {
    const value = this.#fields[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.#missing(key, 'a number');
    return value;
  }

  #missing(key: string, expected: string): UnexpectedResponseError {
    const problem = `a body whose "${this.#path}${key}" is not ${expected}`;
    return unexpected(this.#request, this.#response, problem);
  }
}

function unexpected(request: HttpRequest, response: HttpResponse, problem: string) {
  return new UnexpectedResponseError(
    request.method,
    redactUrl(request.url),
    response.status,
    problem,
  );
}
