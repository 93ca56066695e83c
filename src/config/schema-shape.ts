/**
 * The option names a config schema declares, read from whichever validator built it. Standard
 * Schema only validates; it does not say which keys an object has, so each validator's own
 * description is read, duck-typed (never `instanceof`, so a plug-in's own copy of a library is
 * understood too):
 *
 * - zod 4 (and zod/mini): `_zod.def`;
 * - zod 3: `_def` (`ZodObject`, through `.transform`/`.refine` and `.pipe`);
 * - valibot: `type` and `entries` (a `pipe` keeps both);
 * - anything that offers Standard JSON Schema (`~standard.jsonSchema`; arktype does): its
 *   `properties`.
 *
 * Unions of readable objects are read as the union of their keys. Anything else (a custom
 * schema, a record, an intersection) cannot be read: `undefined`.
 */
export interface SchemaShape {
  /** Every option name the schema declares. */
  keys: readonly string[];
  /** Whether a key outside `keys` is a mistake (stripped or refused), rather than accepted on purpose. */
  closed: boolean;
  /** Keys whose field schema comes from another validator than the object's (e.g. zod 3 inside zod 4). */
  foreign: readonly string[];
}

type Reader = (schema: object, depth: number) => SchemaShape | undefined | 'not-mine';

const MAX_DEPTH = 8;

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function combine(branches: ReadonlyArray<SchemaShape | undefined>): SchemaShape | undefined {
  if (branches.length === 0 || branches.some((branch) => branch === undefined)) return undefined;
  const shapes = branches as readonly SchemaShape[];
  return {
    keys: [...new Set(shapes.flatMap((shape) => shape.keys))],
    closed: shapes.every((shape) => shape.closed),
    foreign: [...new Set(shapes.flatMap((shape) => shape.foreign))],
  };
}

function entriesShape(entries: unknown, closed: boolean, isOwn: (field: unknown) => boolean): SchemaShape | undefined {
  if (!isObject(entries)) return undefined;
  const keys = Object.keys(entries);
  return { keys, closed, foreign: keys.filter((key) => !isOwn(entries[key])) };
}

const readZod4: Reader = (schema, depth) => {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!isObject(def)) return 'not-mine';
  if (depth > MAX_DEPTH) return undefined;
  // `.transform(…)` and `.pipe(…)` wrap the object; the keys are those of the input side.
  if (def.type === 'pipe') return read(def.in, depth + 1);
  if (def.type === 'union' && Array.isArray(def.options)) return combine(def.options.map((option) => read(option, depth + 1)));
  if (def.type !== 'object') return undefined;
  const catchall = (def.catchall as { _zod?: { def?: { type?: unknown } } } | undefined)?._zod?.def?.type;
  const closed = catchall === undefined || catchall === 'never';
  return entriesShape(def.shape, closed, (field) => isObject(field) && isObject(field._zod));
};

const readZod3: Reader = (schema, depth) => {
  const def = (schema as { _def?: Record<string, unknown> })._def;
  if (!isObject(def) || typeof def.typeName !== 'string' || typeof (schema as { _parse?: unknown })._parse !== 'function') return 'not-mine';
  if (depth > MAX_DEPTH) return undefined;
  switch (def.typeName) {
    case 'ZodEffects': return read(def.schema, depth + 1);
    case 'ZodPipeline': return read(def.in, depth + 1);
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = Array.isArray(def.options) ? def.options : def.options instanceof Map ? [...def.options.values()] : [];
      return combine(options.map((option) => read(option, depth + 1)));
    }
    case 'ZodObject': {
      const shape = typeof def.shape === 'function' ? (def.shape as () => unknown)() : undefined;
      const catchall = (def.catchall as { _def?: { typeName?: unknown } } | undefined)?._def?.typeName;
      const closed = def.unknownKeys !== 'passthrough' && (catchall === undefined || catchall === 'ZodNever');
      return entriesShape(shape, closed, (field) => isObject(field) && typeof field._parse === 'function');
    }
    default: return undefined;
  }
};

const readValibot: Reader = (schema, depth) => {
  const node = schema as { kind?: unknown; type?: unknown; entries?: unknown; options?: unknown; '~run'?: unknown };
  if (node.kind !== 'schema' || typeof node['~run'] !== 'function') return 'not-mine';
  if (depth > MAX_DEPTH) return undefined;
  const isOwn = (field: unknown) => isObject(field) && field.kind === 'schema' && typeof field['~run'] === 'function';
  switch (node.type) {
    case 'object':
    case 'strict_object': return entriesShape(node.entries, true, isOwn);
    case 'loose_object':
    case 'object_with_rest': return entriesShape(node.entries, false, isOwn);
    case 'union':
    case 'variant': return Array.isArray(node.options) ? combine(node.options.map((option) => read(option, depth + 1))) : undefined;
    default: return undefined;
  }
};

function jsonSchemaShape(json: unknown, depth: number): SchemaShape | undefined {
  if (!isObject(json) || depth > MAX_DEPTH) return undefined;
  const branches = Array.isArray(json.anyOf) ? json.anyOf : Array.isArray(json.oneOf) ? json.oneOf : undefined;
  if (branches !== undefined) return combine(branches.map((branch) => jsonSchemaShape(branch, depth + 1)));
  if (json.type !== 'object' || !isObject(json.properties) || json.patternProperties !== undefined) return undefined;
  const closed = json.additionalProperties === undefined || json.additionalProperties === false;
  return { keys: Object.keys(json.properties), closed, foreign: [] };
}

const readJsonSchema: Reader = (schema) => {
  const jsonSchema = (schema as { '~standard'?: { jsonSchema?: { input?: unknown } } })['~standard']?.jsonSchema;
  if (typeof jsonSchema?.input !== 'function') return 'not-mine';
  try {
    return jsonSchemaShape((jsonSchema.input as (options: object) => unknown)({ target: 'draft-2020-12' }), 0);
  } catch {
    return undefined; // a type JSON Schema cannot express
  }
};

const READERS: readonly Reader[] = [readZod4, readZod3, readValibot, readJsonSchema];

function read(schema: unknown, depth: number): SchemaShape | undefined {
  if (!isObject(schema)) return undefined;
  for (const reader of READERS) {
    const shape = reader(schema, depth);
    if (shape !== 'not-mine') return shape;
  }
  return undefined;
}

const cache = new WeakMap<object, SchemaShape | null>();

/** The schema's declared options, or undefined when they cannot be read (see above). Cached. */
export function schemaShapeOf(schema: unknown): SchemaShape | undefined {
  if (!isObject(schema)) return undefined;
  if (!cache.has(schema)) cache.set(schema, read(schema, 0) ?? null);
  return cache.get(schema) ?? undefined;
}
