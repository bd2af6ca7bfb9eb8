/**
 * Small formatters kubectl's printers share: label sets, label selectors, quantities, ages and
 * node roles, each mirroring the apimachinery/kubectl helper named in its comment.
 */
import type { KubeObject, LabelSelector, Node, StringMap } from '../../engine/types.ts';
import { EPOCH_MS } from '../../engine/clock.ts';
import { labelSelectorAsSelector, selectorToString } from '../../engine/api/labels.ts';
import { humanDuration, parseTimestamp } from '../time-format.ts';

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: StringMap | undefined): string {
  const keys = labels ? Object.keys(labels).sort() : [];
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.FormatLabelSelector: the selector's String() form (requirements sorted by key) through
 * the API machinery, `<none>` when it selects everything or nothing, `<error>` when invalid.
 */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const parsed = labelSelectorAsSelector(selector);
  if (!parsed.ok) return '<error>';
  return selectorToString(parsed.selector) || '<none>';
}

/** From a cluster's `now` (simulated ms), epoch ms. */
export function epochMs(simulatedNow: number): number {
  return EPOCH_MS + simulatedNow;
}

/** translateTimestampSince: the age of a timestamp at `nowMs` (epoch ms), `<unknown>` when absent. */
export function age(timestamp: string | undefined | null, nowMs: number): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '<unknown>';
  return humanDuration(nowMs - ms);
}

/** The node's roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  const labels = node.metadata.labels ?? {};
  for (const key of Object.keys(labels)) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (key === 'kubernetes.io/role' && labels[key] !== '') {
      roles.add(labels[key]);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

/** `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` (printers.go printNode). */
export function nodeStatus(node: Node): string {
  const ready = node.status.conditions?.find((c) => c.type === 'Ready');
  const status = ready ? (ready.status === 'True' ? ['Ready'] : ['NotReady']) : ['Unknown'];
  if (node.spec.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const BINARY_SUFFIXES: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_SUFFIXES: [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];

/**
 * resource.Quantity.String() for a value in base units: binary suffixes when the quantity was
 * written with one and the value is a whole multiple, else the largest decimal suffix that
 * keeps the mantissa whole (`1500m`, `2`, `128Mi`, `1G`).
 */
export function formatQuantity(value: number, binary: boolean): string {
  if (value === 0) return '0';
  if (binary && Number.isInteger(value)) {
    for (const [suffix, factor] of BINARY_SUFFIXES) {
      if (Math.abs(value) >= factor && value % factor === 0) return `${value / factor}${suffix}`;
    }
    if (Math.abs(value) < 1024) return String(value);
  }
  for (const [suffix, exp] of DECIMAL_SUFFIXES) {
    const mantissa = value / 10 ** exp;
    const rounded = Math.round(mantissa);
    if (
      Math.abs(mantissa - rounded) < 1e-9 * Math.max(1, Math.abs(mantissa)) &&
      Math.abs(rounded) >= 1
    ) {
      return `${rounded}${suffix}`;
    }
  }
  return `${Math.ceil(value * 1e9)}n`;
}

/** Whether a quantity was written with a binary suffix (so sums keep printing in Ki/Mi/Gi). */
export function isBinaryQuantity(q: unknown): boolean {
  return typeof q === 'string' && /[KMGTPE]i$/.test(q);
}

/** The namespace and name of an object, as `ns/name`. */
export function namespacedName(object: KubeObject): string {
  return object.metadata.namespace
    ? `${object.metadata.namespace}/${object.metadata.name}`
    : object.metadata.name;
}
