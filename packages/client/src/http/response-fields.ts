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
    return this.#child(value, key);
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

  boolean(key: string): boolean {
    const value = this.#fields[key];
    if (typeof value !== 'boolean') throw this.#missing(key, 'true or false');
    return value;
  }

  /** One of `allowed`, so that a status the client does not know fails here, by name. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.string(key);
    if (!(allowed as readonly string[]).includes(value)) {
      throw this.#missing(key, `one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /** An integer count of seconds since 1970 (v3 timestamps), as a `Date`. */
  unixSeconds(key: string): Date {
    const value = this.number(key);
    if (!Number.isInteger(value)) throw this.#missing(key, 'whole seconds since 1970');
    return new Date(value * 1000);
  }

  /** A JSON array of objects, each readable on its own. */
  objects(key: string): ResponseFields[] {
    const value = this.#fields[key];
    if (!Array.isArray(value)) throw this.#missing(key, 'an array');
    return value.map((item, index) => {
      if (!isJsonObject(item)) throw this.#missing(`${key}[${index}]`, 'an object');
      return this.#child(item, `${key}[${index}]`);
    });
  }

  /** A JSON array of strings. */
  strings(key: string): string[] {
    const value = this.#fields[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw this.#missing(key, 'an array of strings');
    }
    return value;
  }

  /** An object whose every value is a string, such as a set of headers. */
  stringRecord(key: string): Record<string, string> {
    const value = this.#fields[key];
    if (!isJsonObject(value)) throw this.#missing(key, 'an object');
    for (const [name, text] of Object.entries(value)) {
      if (typeof text !== 'string') throw this.#missing(`${key}.${name}`, 'a string');
    }
    return value as Record<string, string>;
  }

  /** An object whose every value is a finite number, such as counts by status. */
  numberRecord(key: string): Record<string, number> {
    const value = this.#fields[key];
    if (!isJsonObject(value)) throw this.#missing(key, 'an object');
    for (const [name, count] of Object.entries(value)) {
      if (typeof count !== 'number' || !Number.isFinite(count)) {
        throw this.#missing(`${key}.${name}`, 'a number');
      }
    }
    return value as Record<string, number>;
  }

  /** Whether the field is absent or JSON `null`: the optional fields of v3 bodies are either. */
  isAbsent(key: string): boolean {
    return this.#fields[key] === undefined || this.#fields[key] === null;
  }

  /** The string, or `null` when the field is absent or null. */
  nullableString(key: string): string | null {
    return this.isAbsent(key) ? null : this.string(key);
  }

  nullableNumber(key: string): number | null {
    return this.isAbsent(key) ? null : this.number(key);
  }

  nullableObject(key: string): ResponseFields | null {
    return this.isAbsent(key) ? null : this.object(key);
  }

  /** An error for a body whose fields, each well-formed, do not fit together. */
  unexpected(problem: string): UnexpectedResponseError {
    return unexpected(this.#request, this.#response, `a body whose ${problem}`);
  }

  #child(fields: JsonObject, name: string): ResponseFields {
    return new ResponseFields(this.#request, this.#response, fields, `${this.#path}${name}.`);
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
