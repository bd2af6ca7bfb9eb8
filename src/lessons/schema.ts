/**
 * A small schema language for lesson data: each schema checks a value read from YAML and either
 * returns it typed or records problems under the field path where they are (`goals[1].text`).
 * Lessons come from docs authors, so every problem names the field and says what was expected;
 * reading goes on after a problem so one pass reports them all.
 */

/** A problem in a value, at a field path such as `goals[0].podsOnNodes.daemonSet`. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** Checks a value at a path; undefined (with issues recorded) when it does not fit. */
export interface Schema<T> {
  parse(value: unknown, path: string, issues: SchemaIssue[]): T | undefined;
}

/** From a field path and a key or index, the child's path. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'the text' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

/** A text, optionally non-empty (the default), matching a pattern, or one of a few words. */
export function text(
  options: {
    pattern?: RegExp;
    patternHint?: string;
    oneOf?: readonly string[];
    empty?: boolean;
  } = {},
): Schema<string> {
  return {
    parse(value, path, issues) {
      if (typeof value !== 'string') {
        const expected = options.oneOf ? `one of ${options.oneOf.join(', ')}` : 'a text';
        issues.push({ path, message: `must be ${expected}, not ${describeValue(value)}` });
        return undefined;
      }
      if (!options.empty && value.trim() === '') {
        issues.push({ path, message: 'must not be empty' });
        return undefined;
      }
      if (options.oneOf && !options.oneOf.includes(value)) {
        issues.push({
          path,
          message: `must be one of ${options.oneOf.join(', ')}, not ${JSON.stringify(value)}`,
        });
        return undefined;
      }
      if (options.pattern && !options.pattern.test(value)) {
        issues.push({
          path,
          message: `must be ${options.patternHint ?? `like ${String(options.pattern)}`}, not ${JSON.stringify(value)}`,
        });
        return undefined;
      }
      return value;
    },
  };
}

/** A whole number within bounds. */
export function integer(options: { min?: number; max?: number } = {}): Schema<number> {
  return {
    parse(value, path, issues) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push({ path, message: `must be a whole number, not ${describeValue(value)}` });
        return undefined;
      }
      if (options.min !== undefined && value < options.min) {
        issues.push({ path, message: `must be at least ${options.min}, not ${value}` });
        return undefined;
      }
      if (options.max !== undefined && value > options.max) {
        issues.push({ path, message: `must be at most ${options.max}, not ${value}` });
        return undefined;
      }
      return value;
    },
  };
}

/** true or false. */
export function boolean(): Schema<boolean> {
  return {
    parse(value, path, issues) {
      if (typeof value !== 'boolean') {
        issues.push({ path, message: `must be true or false, not ${describeValue(value)}` });
        return undefined;
      }
      return value;
    },
  };
}

/** A list whose items all fit `item`, with at least `min` items. */
export function list<T>(
  item: Schema<T>,
  options: { min?: number; max?: number } = {},
): Schema<T[]> {
  return {
    parse(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ path, message: `must be a list, not ${describeValue(value)}` });
        return undefined;
      }
      if (options.min !== undefined && value.length < options.min) {
        issues.push({
          path,
          message: `must have at least ${options.min} item${options.min === 1 ? '' : 's'}`,
        });
        return undefined;
      }
      if (options.max !== undefined && value.length > options.max) {
        issues.push({ path, message: `must have at most ${options.max} items` });
        return undefined;
      }
      const before = issues.length;
      const out = value.map((v, i) => item.parse(v, childPath(path, i), issues));
      return issues.length === before ? (out as T[]) : undefined;
    },
  };
}

/** A mapping from texts to texts (labels). */
export function textMap(): Schema<Record<string, string>> {
  return {
    parse(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push({ path, message: `must be a mapping, not ${describeValue(value)}` });
        return undefined;
      }
      // Keys come from lesson authors: a null-prototype map keeps `__proto__` an ordinary key.
      const out = Object.create(null) as Record<string, string>;
      const before = issues.length;
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') {
          issues.push({
            path: childPath(path, k),
            message: `must be a text (quote it: "${String(v)}"), not ${describeValue(v)}`,
          });
        } else out[k] = v;
      }
      return issues.length === before ? out : undefined;
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: S[K] extends Schema<infer T> ? T : never };

/**
 * A mapping with required and optional fields; any other field is a problem (a misspelt
 * optional field would otherwise be silently ignored).
 */
export function object<R extends Shape, O extends Shape = Record<never, never>>(
  required: R,
  optional?: O,
): Schema<Parsed<R> & Partial<Parsed<O>>> {
  return {
    parse(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push({ path, message: `must be a mapping, not ${describeValue(value)}` });
        return undefined;
      }
      const record = value as Record<string, unknown>;
      const before = issues.length;
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(required)) {
        if (record[key] === undefined || record[key] === null) {
          issues.push({ path: childPath(path, key), message: 'is required' });
          continue;
        }
        out[key] = schema.parse(record[key], childPath(path, key), issues);
      }
      for (const [key, schema] of Object.entries(optional ?? {})) {
        if (record[key] === undefined || record[key] === null) continue;
        out[key] = schema.parse(record[key], childPath(path, key), issues);
      }
      const known = [...Object.keys(required), ...Object.keys(optional ?? {})];
      for (const key of Object.keys(record)) {
        if (!known.includes(key)) {
          issues.push({
            path: childPath(path, key),
            message: `is not a known field (known here: ${known.join(', ')})`,
          });
        }
      }
      return issues.length === before ? (out as Parsed<R> & Partial<Parsed<O>>) : undefined;
    },
  };
}

/** A schema with one more check on the parsed value, which records its own issues. */
export function refine<T>(
  schema: Schema<T>,
  check: (value: T, path: string, issues: SchemaIssue[]) => void,
): Schema<T> {
  return {
    parse(value, path, issues) {
      const parsed = schema.parse(value, path, issues);
      if (parsed === undefined) return undefined;
      const before = issues.length;
      check(parsed, path, issues);
      return issues.length === before ? parsed : undefined;
    },
  };
}
