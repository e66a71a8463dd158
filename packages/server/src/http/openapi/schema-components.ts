import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

const COMPONENTS_PREFIX = '#/components/schemas/';
const LOCAL_DEFS_PREFIX = '#/$defs/';

/**
 * Turns zod schemas into JSON Schema 2020-12, the dialect of OpenAPI 3.1 (so no conversion is
 * needed). Schemas with an `id` in their metadata become one named component each, shared by
 * every operation that uses them.
 */
export class SchemaComponents {
  readonly #components = new Map<string, JsonSchema>();

  /**
   * The JSON Schema of `schema`. Requests are described as they are sent (`input`: before
   * defaults and transforms), responses as they are sent back (`output`).
   */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
    const { $schema: _dialect, $defs, ...json } = converted;
    for (const [id, definition] of Object.entries($defs ?? {})) {
      this.#add(id, pointAtComponents(definition) as JsonSchema);
    }
    return pointAtComponents(json) as JsonSchema;
  }

  /** Every named schema met so far, by name. */
  all(): Record<string, JsonSchema> {
    const names = [...this.#components.keys()].sort();
    return Object.fromEntries(names.map((name) => [name, this.#components.get(name) ?? {}]));
  }

  #add(id: string, definition: JsonSchema): void {
    const known = this.#components.get(id);
    if (known && !isDeepStrictEqual(known, definition)) {
      throw new Error(`Two different schemas are named ${id}; give one of them another id.`);
    }
    this.#components.set(id, definition);
  }
}

/** Rewrites `#/$defs/X` references to `#/components/schemas/X`, where the definitions go. */
function pointAtComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointAtComponents);
  if (value === null || typeof value !== 'object') return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(LOCAL_DEFS_PREFIX)) {
        return [key, COMPONENTS_PREFIX + item.slice(LOCAL_DEFS_PREFIX.length)];
      }
      return [key, pointAtComponents(item)];
    }),
  );
}
