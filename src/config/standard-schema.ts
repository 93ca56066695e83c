/**
 * The Standard Schema interface (https://standardschema.dev, v1), copied as its authors
 * recommend rather than imported: zod ≥ 3.24, zod 4, valibot ≥ 1 and arktype ≥ 2 implement it,
 * so a plug-in's config schema never has to come from the library's own zod.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The validator's standard interface. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- the spec's own shape: StandardSchemaV1.InferOutput<S>
export declare namespace StandardSchemaV1 {
  /** What a validator exposes under `~standard`. */
  export interface Props<Input = unknown, Output = Input> {
    /** The spec's version: 1. */
    readonly version: 1;
    /** The validator's name (`'zod'`, `'valibot'`, `'arktype'`, …). */
    readonly vendor: string;
    /** Validates a value: its output, or issues; a Promise for an async schema (refused for configs). */
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    /** Carries the input and output types, for inference only. */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** The outcome of `validate`. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  /** A valid value, as the schema outputs it. */
  export interface SuccessResult<Output> {
    /** The schema's output (defaults filled in, transforms applied). */
    readonly value: Output;
    /** Absent on success. */
    readonly issues?: undefined;
  }
  /** An invalid value. */
  export interface FailureResult {
    /** What is wrong, one issue per problem. */
    readonly issues: ReadonlyArray<Issue>;
  }
  /** One problem. */
  export interface Issue {
    /** The validator's message (the library scrubs values from it before quoting it). */
    readonly message: string;
    /** Where: the keys from the config down to the invalid value. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** A path step as an object (valibot's carry more, including values, which are never read). */
  export interface PathSegment {
    /** The key of this step. */
    readonly key: PropertyKey;
  }
  /** The input and output types of a schema. */
  export interface Types<Input = unknown, Output = Input> {
    /** What the schema accepts. */
    readonly input: Input;
    /** What it produces. */
    readonly output: Output;
  }
  /** The input type of a Standard Schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The output type of a Standard Schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** Whether `value` implements Standard Schema v1 (an arktype type is a function, so both kinds count). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function';
}

/** What one synchronous validation said: the output, issues, or why there is neither. */
export type Validation =
  | { kind: 'value'; value: unknown }
  | { kind: 'issues'; issues: ReadonlyArray<StandardSchemaV1.Issue> }
  | { kind: 'async' }
  | { kind: 'threw'; errorName: string };

/**
 * Runs a schema's own validator, catching everything it could do instead of returning a
 * result: client creation is synchronous, so a Promise (an async refinement or transform) is
 * reported, not awaited; a throw is reduced to the error's class name, since its message may
 * quote the value being validated.
 */
export function validateSync(schema: StandardSchemaV1, value: unknown): Validation {
  const zod = zodSafeParse(schema);
  if (zod !== undefined) return zod(value);
  let result: unknown;
  try {
    result = schema['~standard'].validate(value);
  } catch (error) {
    return { kind: 'threw', errorName: errorNameOf(error) };
  }
  if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
    // Nobody will await it: keep its rejection from surfacing as an unhandled one.
    Promise.resolve(result).catch(() => undefined);
    return { kind: 'async' };
  }
  if (typeof result !== 'object' || result === null) return { kind: 'threw', errorName: 'an invalid result' };
  const { issues } = result as { issues?: unknown };
  if (issues !== undefined) {
    return Array.isArray(issues) ? { kind: 'issues', issues } : { kind: 'threw', errorName: 'an invalid result' };
  }
  return { kind: 'value', value: (result as { value?: unknown }).value };
}

/**
 * zod 3 and 4 answer anything their synchronous parse throws with a Promise from `validate` (they
 * retry asynchronously), so a throwing transform would read as an async schema. Their own
 * `safeParse` tells the two apart: it throws, and says "during synchronous parse" when the schema
 * is async. zod/mini has no `safeParse` and goes through `validate`.
 */
function zodSafeParse(schema: StandardSchemaV1): ((value: unknown) => Validation) | undefined {
  const safeParse = (schema as { safeParse?: unknown }).safeParse;
  if (schema['~standard'].vendor !== 'zod' || typeof safeParse !== 'function') return undefined;
  return (value) => {
    let result: { success?: unknown; data?: unknown; error?: { issues?: unknown } };
    try {
      result = safeParse.call(schema, value) as typeof result;
    } catch (error) {
      const message = (error as { message?: unknown } | null)?.message;
      return typeof message === 'string' && /during synchronous parse/i.test(message)
        ? { kind: 'async' } : { kind: 'threw', errorName: errorNameOf(error) };
    }
    if (result?.success === true) return { kind: 'value', value: result.data };
    const issues = result?.error?.issues;
    return Array.isArray(issues) ? { kind: 'issues', issues } : { kind: 'threw', errorName: 'an invalid result' };
  };
}

function errorNameOf(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,40}$/.test(name) ? name : 'a non-error value';
}
