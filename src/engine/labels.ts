/**
 * Label selectors: metav1.LabelSelector matching (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go)
 * and the string form kubectl sends with `-l` (staging/src/k8s.io/apimachinery/pkg/labels/selector.go).
 */
import { getOwn } from './api/records.ts';
import type { LabelSelector, StringMap } from './types.ts';

/** One parsed requirement of a selector string. */
export interface Requirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | '!' | '=' | '!=';
  values: string[];
}

/** From a LabelSelector and labels, whether they match. A nil selector matches nothing; an empty one matches everything. */
export function matchesLabelSelector(
  selector: LabelSelector | undefined,
  labels: StringMap | undefined,
): boolean {
  if (!selector) return false;
  const ml = selector.matchLabels;
  if (ml) for (const key of Object.keys(ml)) if (getOwn(labels, key) !== ml[key]) return false;
  for (const expr of selector.matchExpressions ?? []) {
    const value = getOwn(labels, expr.key);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** From a LabelSelector, whether it has no requirement at all (selects everything). */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    !!selector &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

const KEY =
  /^([a-z0-9A-Z]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$|^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** From a selector string such as `app=web,tier!=db,env in (a,b),!legacy`, its requirements or an error message. */
export function parseSelector(input: string): Requirement[] | { error: string } {
  const reqs: Requirement[] = [];
  const text = input.trim();
  if (text === '') return reqs;
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  for (const raw of parts) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    let req: Requirement | undefined;
    if ((m = /^!\s*([^\s=!(),]+)$/.exec(part))) req = { key: m[1], operator: '!', values: [] };
    else if ((m = /^([^\s=!(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      const values = m[3].split(',').map((v) => v.trim());
      req = {
        key: m[1],
        operator: m[2] as 'in' | 'notin',
        values: values.length === 1 && values[0] === '' ? [] : values,
      };
    } else if ((m = /^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(part))) {
      req = { key: m[1], operator: m[2] === '!=' ? '!=' : '=', values: [m[3]] };
    } else if ((m = /^([^\s=!(),]+)$/.exec(part)))
      req = { key: m[1], operator: 'exists', values: [] };
    if (!req)
      return { error: `unable to parse requirement: found '${part}', expected: identifier` };
    if (!KEY.test(req.key) || req.key.length > 317)
      return { error: `unable to parse requirement: invalid label key "${req.key}"` };
    for (const v of req.values)
      if (!VALUE.test(v) || v.length > 63)
        return { error: `unable to parse requirement: invalid label value: "${v}"` };
    reqs.push(req);
  }
  return reqs;
}

/** From parsed requirements and labels, whether every requirement holds. */
export function matchesRequirements(
  reqs: readonly Requirement[],
  labels: StringMap | undefined,
): boolean {
  for (const req of reqs) {
    const value = getOwn(labels, req.key);
    switch (req.operator) {
      case '=':
        if (value !== req.values[0]) return false;
        break;
      case '!=':
        if (value === req.values[0]) return false;
        break;
      case 'in':
        if (value === undefined || !req.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && req.values.includes(value)) return false;
        break;
      case 'exists':
        if (value === undefined) return false;
        break;
      case '!':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}
