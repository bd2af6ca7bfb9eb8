/**
 * Label selectors as k8s.io/apimachinery/pkg/labels/selector.go parses and matches them: the
 * string form kubectl sends with `-l` (`a=b,c!=d,e in (x,y),!f,g`) and metav1.LabelSelector
 * objects (LabelSelectorAsSelector in apis/meta/v1/helpers.go). Error texts are the parser's.
 */
import type { LabelSelector, StringMap } from '../types.ts';
import { renderFieldError, invalid, notSupported } from './field-errors.ts';
import type { FieldError } from '../operations.ts';
import { isQualifiedName, isValidLabelValue } from './validation/names.ts';

/** selection.Operator values as the labels package spells them. */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  /** Sorted and de-duplicated, as the parser's string sets are. */
  values: string[];
}

/**
 * A parsed selector. `matchesNothing` is labels.Nothing() (a nil metav1.LabelSelector); an
 * empty requirement list is labels.Everything().
 */
export interface Selector {
  requirements: Requirement[];
  matchesNothing?: boolean;
}

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; error: string };

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An aggregate of errors prints bare when alone, as `[a, b]` when several (utilerrors). */
function aggregate(errors: FieldError[]): string | undefined {
  const messages = [...new Set(errors.map(renderFieldError))];
  if (messages.length === 0) return undefined;
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

function joinPath(path: string, child: string): string {
  return path === '' ? child : `${path}.${child}`;
}

/**
 * From a key, an operator, values and an error path, labels.NewRequirement: the requirement or
 * its aggregated validation errors.
 */
export function newRequirement(
  key: string,
  operator: SelectorOperator,
  values: readonly string[],
  path = '',
): { ok: true; requirement: Requirement } | { ok: false; error: string } {
  const errors: FieldError[] = [];
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) errors.push(invalid(joinPath(path, 'key'), key, keyErrors.join('; ')));
  const valuePath = joinPath(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0)
        errors.push(
          invalid(valuePath, [...values], "for 'in', 'notin' operators, values set can't be empty"),
        );
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1)
        errors.push(
          invalid(valuePath, [...values], 'exact-match compatibility requires one single value'),
        );
      break;
    case 'exists':
    case '!':
      if (values.length !== 0)
        errors.push(
          invalid(valuePath, [...values], 'values set must be empty for exists and does not exist'),
        );
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1)
        errors.push(
          invalid(
            valuePath,
            [...values],
            "for 'Gt', 'Lt' operators, exactly one value is required",
          ),
        );
      values.forEach((value, i) => {
        if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
          errors.push(
            invalid(
              `${valuePath}[${i}]`,
              value,
              "for 'Gt', 'Lt' operators, the value must be an integer",
            ),
          );
        }
      });
      break;
    default:
      errors.push(
        notSupported(joinPath(path, 'operator'), operator, [
          'in',
          'notin',
          '=',
          '==',
          '!=',
          'exists',
          '!',
          'gt',
          'lt',
        ]),
      );
  }
  values.forEach((value, i) => {
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0)
      errors.push(invalid(`${valuePath}[${i}][${key}]`, value, valueErrors.join('; ')));
  });
  const error = aggregate(errors);
  if (error !== undefined) return { ok: false, error };
  return { ok: true, requirement: { key, operator, values: [...new Set(values)].sort(byteOrder) } };
}

// ---------------------------------------------------------------------------------------------
// The string parser (Lexer and Parser of selector.go).

type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '('
  | 'identifier';

const LITERAL_TOKENS: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (ch: string): boolean =>
  ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch);

interface Scanned {
  token: Token;
  literal: string;
}

/** The lexer: identifiers run until a special symbol or whitespace; symbols match greedily. */
function lex(input: string): Scanned[] {
  const items: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos])) pos++;
    if (pos >= input.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    if (isSpecialSymbol(input[pos])) {
      let buffer = '';
      let last: Scanned | undefined;
      while (pos < input.length && isSpecialSymbol(input[pos])) {
        buffer += input[pos];
        const token = Object.hasOwn(LITERAL_TOKENS, buffer) ? LITERAL_TOKENS[buffer] : undefined;
        if (token !== undefined) {
          last = { token, literal: buffer };
        } else if (last !== undefined) {
          buffer = buffer.slice(0, -1);
          break;
        }
        pos++;
      }
      items.push(last ?? { token: 'error', literal: `error expected: keyword found '${buffer}'` });
      if (last === undefined) {
        items.push({ token: 'end', literal: '' });
        return items;
      }
      continue;
    }
    let buffer = '';
    while (pos < input.length && !isSpecialSymbol(input[pos]) && !isWhitespace(input[pos]))
      buffer += input[pos++];
    const token = Object.hasOwn(LITERAL_TOKENS, buffer) ? LITERAL_TOKENS[buffer] : 'identifier';
    items.push({ token, literal: buffer });
  }
}

class ParseError extends Error {}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private position = 0;
  constructor(private readonly items: Scanned[]) {}

  /** In the Values context `in` and `notin` are plain identifiers. */
  lookahead(values: boolean): Scanned {
    const item = this.items[Math.min(this.position, this.items.length - 1)];
    if (values && (item.token === 'in' || item.token === 'notin'))
      return { token: 'identifier', literal: item.literal };
    return item;
  }

  consume(values: boolean): Scanned {
    const item = this.lookahead(values);
    if (this.position < this.items.length - 1) this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead(true);
      if (token === 'identifier' || token === '!') {
        try {
          requirements.push(this.parseRequirement());
        } catch (error) {
          if (error instanceof ParseError)
            throw new ParseError(`unable to parse requirement: ${error.message}`);
          throw error;
        }
        const next = this.consume(true);
        if (next.token === 'end') return requirements;
        if (next.token === ',') {
          const after = this.lookahead(true);
          if (after.token !== 'identifier' && after.token !== '!') {
            throw new ParseError(`found '${after.literal}', expected: identifier after ','`);
          }
          continue;
        }
        throw new ParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
      }
      if (token === 'end') return requirements;
      throw new ParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
    }
  }

  parseRequirement(): Requirement {
    let operator: SelectorOperator | undefined;
    let { token, literal } = this.consume(true);
    if (token === '!') {
      operator = '!';
      ({ token, literal } = this.consume(true));
    }
    if (token !== 'identifier') throw new ParseError(`found '${literal}', expected: identifier`);
    const key = literal;
    const keyErrors = isQualifiedName(key);
    // The parser validates the key with a nil field path, which prints as `<nil>`.
    if (keyErrors.length > 0) {
      throw new ParseError(renderFieldError(invalid('<nil>', key, keyErrors.join('; '))));
    }
    const next = this.lookahead(true).token;
    if (next === 'end' || next === ',') operator ??= 'exists';
    if (operator === 'exists' || operator === '!') return this.requirement(key, operator, []);
    operator = this.parseOperator();
    const values =
      operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return this.requirement(key, operator, values);
  }

  requirement(key: string, operator: SelectorOperator, values: string[]): Requirement {
    const result = newRequirement(key, operator, values);
    if (!result.ok) throw new ParseError(result.error);
    return result.requirement;
  }

  parseOperator(): SelectorOperator {
    const { token, literal } = this.consume(false);
    switch (token) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new ParseError(`found '${literal}', expected: ${BINARY_OPERATORS}`);
    }
  }

  parseValues(): string[] {
    const open = this.consume(true);
    if (open.token !== '(') throw new ParseError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead(true);
    if (token === 'identifier' || token === ',') {
      const values = this.parseIdentifiersList();
      if (this.consume(true).token !== ')')
        throw new ParseError(`found '${literal}', expected: ')'`);
      return values;
    }
    if (token === ')') {
      this.consume(true);
      return [''];
    }
    throw new ParseError(`found '${literal}', expected: ',', ')' or identifier`);
  }

  parseIdentifiersList(): string[] {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume(true);
      if (token === 'identifier') {
        values.add(literal);
        const next = this.lookahead(true);
        if (next.token === ',') continue;
        if (next.token === ')') return [...values];
        throw new ParseError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token === ',') {
        if (values.size === 0) values.add('');
        const next = this.lookahead(true);
        if (next.token === ')') {
          values.add('');
          return [...values];
        }
        if (next.token === ',') {
          this.consume(true);
          values.add('');
        }
        continue;
      }
      throw new ParseError(`found '${literal}', expected: ',', or identifier`);
    }
  }

  parseExactValue(): string[] {
    const ahead = this.lookahead(true);
    if (ahead.token === 'end' || ahead.token === ',') return [''];
    const { token, literal } = this.consume(true);
    if (token === 'identifier') return [literal];
    throw new ParseError(`found '${literal}', expected: identifier`);
  }
}

/**
 * From a selector string as kubectl's `-l` passes it, the parsed selector (requirements sorted
 * by key) or labels.Parse's error text, e.g. `unable to parse requirement: found '', expected: '('`.
 */
export function parseSelector(input: string): SelectorResult {
  try {
    const requirements = new Parser(lex(input)).parse();
    requirements.sort((a, b) => byteOrder(a.key, b.key));
    return { ok: true, selector: { requirements } };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * From a metav1.LabelSelector (or undefined), LabelSelectorAsSelector: undefined selects
 * nothing, an empty one everything; a bad operator or key is an error.
 */
export function labelSelectorAsSelector(
  labelSelector: LabelSelector | undefined | null,
): SelectorResult {
  if (labelSelector === undefined || labelSelector === null)
    return { ok: true, selector: { requirements: [], matchesNothing: true } };
  const matchLabels = labelSelector.matchLabels ?? {};
  const expressions = Array.isArray(labelSelector.matchExpressions)
    ? labelSelector.matchExpressions
    : [];
  const requirements: Requirement[] = [];
  for (const key of Object.keys(matchLabels)) {
    const result = newRequirement(key, '=', [String(matchLabels[key])]);
    if (!result.ok) return { ok: false, error: result.error };
    requirements.push(result.requirement);
  }
  const operators: Record<string, SelectorOperator> = {
    In: 'in',
    NotIn: 'notin',
    Exists: 'exists',
    DoesNotExist: '!',
  };
  for (const expression of expressions) {
    const operator = Object.hasOwn(operators, expression.operator)
      ? operators[expression.operator]
      : undefined;
    if (operator === undefined)
      return {
        ok: false,
        error: `"${String(expression.operator)}" is not a valid label selector operator`,
      };
    const result = newRequirement(
      String(expression.key),
      operator,
      Array.isArray(expression.values) ? expression.values : [],
    );
    if (!result.ok) return { ok: false, error: result.error };
    requirements.push(result.requirement);
  }
  requirements.sort((a, b) => byteOrder(a.key, b.key));
  return { ok: true, selector: { requirements } };
}

function labelValue(labels: StringMap | undefined, key: string): string | undefined {
  if (labels === undefined || labels === null || !Object.hasOwn(labels, key)) return undefined;
  return labels[key];
}

/** From a requirement and a label set, Requirement.Matches. */
export function matchesRequirement(
  requirement: Requirement,
  labels: StringMap | undefined,
): boolean {
  const value = labelValue(labels, requirement.key);
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^[+-]?\d+$/.test(value) || requirement.values.length !== 1)
        return false;
      const have = BigInt(value);
      const want = BigInt(requirement.values[0]);
      return requirement.operator === 'gt' ? have > want : have < want;
    }
  }
}

/** From a parsed selector and a label set (e.g. metadata.labels), whether every requirement matches. */
export function matchesSelector(selector: Selector, labels: StringMap | undefined): boolean {
  if (selector.matchesNothing === true) return false;
  return selector.requirements.every((requirement) => matchesRequirement(requirement, labels));
}

/** From a parsed selector, its String() form (`app=web,tier in (a,b),!gpu`), as describe prints it. */
export function selectorToString(selector: Selector): string {
  if (selector.matchesNothing === true) return '';
  return selector.requirements
    .map(({ key, operator, values }) => {
      switch (operator) {
        case 'exists':
          return key;
        case '!':
          return `!${key}`;
        case 'in':
        case 'notin':
          return `${key} ${operator} (${values.join(',')})`;
        case 'gt':
          return `${key}>${values[0] ?? ''}`;
        case 'lt':
          return `${key}<${values[0] ?? ''}`;
        default:
          return `${key}${operator}${values[0] ?? ''}`;
      }
    })
    .join(',');
}

/**
 * From the group/version and plural resource of a list, the selectors as given and the parse
 * error, the API server's BadRequest message for a bad `-l`, as kubectl prints it after
 * `Error from server (BadRequest): `, e.g. `Unable to find "/v1, Resource=pods" that match label
 * selector "app:web", field selector "": unable to parse requirement: ...`.
 */
export function unableToFindMessage(
  apiVersion: string,
  resource: string,
  labelSelector: string,
  fieldSelector: string,
  error: string,
): string {
  const groupVersion = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return `Unable to find "${groupVersion}, Resource=${resource}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${error}`;
}
