/**
 * Required node affinity: nodeSelectorTerms ORed, expressions and fields ANDed, every operator
 * (staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go and
 * pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go).
 */
import { getOwn } from '../api/records.ts';
import type {
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  StringMap,
  VerdictItem,
} from '../types.ts';

/** The NodeAffinity plugin's rejection reason for a pod's selector or required affinity. */
export const NODE_AFFINITY_MISMATCH = "node(s) didn't match Pod's node affinity/selector";

const INT64 = /^[+-]?\d+$/;

function parseInt64(value: string): number | undefined {
  return INT64.test(value) ? Number(value) : undefined;
}

/** From a requirement and node labels, whether it matches; undefined when it fails to parse. */
export function matchExpression(
  req: NodeSelectorRequirement,
  labels: StringMap | undefined,
): boolean | undefined {
  const value = getOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return undefined;
      const operand = parseInt64(values[0]);
      if (operand === undefined) return undefined;
      if (value === undefined) return false;
      const actual = parseInt64(value);
      if (actual === undefined) return false;
      return req.operator === 'Gt' ? actual > operand : actual < operand;
    }
    default:
      return undefined;
  }
}

/** From a matchFields requirement and the node name, whether it matches; only metadata.name is a field. */
export function matchField(req: NodeSelectorRequirement, nodeName: string): boolean | undefined {
  if (req.key !== 'metadata.name') return undefined;
  const values = req.values ?? [];
  if (values.length !== 1) return undefined;
  if (req.operator === 'In') return values[0] === nodeName;
  if (req.operator === 'NotIn') return values[0] !== nodeName;
  return undefined;
}

/** From a term and a node, whether the term matches; an empty or unparsable term matches nothing. */
export function matchTerm(
  term: NodeSelectorTerm,
  nodeName: string,
  labels: StringMap | undefined,
): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const req of exprs) if (matchExpression(req, labels) !== true) return false;
  for (const req of fields) if (matchField(req, nodeName) !== true) return false;
  return true;
}

/** From a required node selector and a node, whether any term matches (no selector = match). */
export function matchesNodeAffinity(
  selector: NodeSelector | undefined,
  nodeName: string,
  labels: StringMap | undefined,
): boolean {
  if (!selector) return true;
  for (const term of selector.nodeSelectorTerms ?? [])
    if (matchTerm(term, nodeName, labels)) return true;
  return false;
}

function formatRequirement(req: NodeSelectorRequirement): string {
  const values = req.values ?? [];
  if (req.operator === 'Exists' || req.operator === 'DoesNotExist')
    return `${req.key} ${req.operator}`;
  return `${req.key} ${req.operator} [${values.join(' ')}]`;
}

/** From a required node selector and a node, one verdict item per expression, prefixed with its term. */
export function describeNodeAffinity(
  selector: NodeSelector | undefined,
  nodeName: string,
  labels: StringMap | undefined,
): VerdictItem[] {
  if (!selector) return [];
  const items: VerdictItem[] = [];
  const terms = selector.nodeSelectorTerms ?? [];
  terms.forEach((term, t) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) {
      items.push({
        subject: `term ${t}: (empty)`,
        passed: false,
        detail: 'an empty term matches no node',
      });
    }
    for (const req of exprs) {
      const result = matchExpression(req, labels);
      const actual = getOwn(labels, req.key);
      const detail =
        result === undefined
          ? 'does not parse: the operand must be a single integer'
          : actual === undefined
            ? `node has no label ${req.key}`
            : `node has ${req.key}=${actual}`;
      items.push({
        subject: `term ${t}: ${formatRequirement(req)}`,
        passed: result === true,
        detail,
      });
    }
    for (const req of fields) {
      const result = matchField(req, nodeName);
      items.push({
        subject: `term ${t}: ${formatRequirement(req)}`,
        passed: result === true,
        detail: `node metadata.name is ${nodeName}`,
      });
    }
  });
  return items;
}
