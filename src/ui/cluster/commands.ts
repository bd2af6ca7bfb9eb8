/**
 * The console commands behind the "edit the cluster without YAML" buttons. Each button runs the
 * real kubectl (or `sim`) line, so the learner sees in the console what the click did and can
 * type it next time.
 */
import { taintText } from '../../kube/taints.ts';

/** A taint effect as kubectl spells it. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** From a word, the word quoted for a POSIX shell line when it needs quoting. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** From a node and a label, `kubectl label nodes N k=v` (`--overwrite` when replacing a value). */
export function toLabelCommand(
  node: string,
  key: string,
  value: string,
  overwrite: boolean,
): string {
  const line = `kubectl label nodes ${shellQuote(node)} ${shellQuote(`${key}=${value}`)}`;
  return overwrite ? `${line} --overwrite` : line;
}

/** From a node and a label key, `kubectl label nodes N k-`. */
export function toUnlabelCommand(node: string, key: string): string {
  return `kubectl label nodes ${shellQuote(node)} ${shellQuote(`${key}-`)}`;
}

/** From a node and a taint, `kubectl taint nodes N k=v:Effect` (or `k:Effect` without a value). */
export function toTaintCommand(
  node: string,
  key: string,
  value: string,
  effect: TaintEffect,
): string {
  return `kubectl taint nodes ${shellQuote(node)} ${shellQuote(taintText({ key, value, effect }))}`;
}

/** From a node and a taint's key and effect, `kubectl taint nodes N k:Effect-`. */
export function toUntaintCommand(node: string, key: string, effect: string): string {
  return `kubectl taint nodes ${shellQuote(node)} ${shellQuote(`${key}:${effect}-`)}`;
}

/** From a node, `kubectl cordon N` or `kubectl uncordon N`. */
export function toCordonCommand(node: string, cordon: boolean): string {
  return `kubectl ${cordon ? 'cordon' : 'uncordon'} ${shellQuote(node)}`;
}

/** From a node, the kubelet reporting Ready=True or Ready=False: `sim node N condition Ready=False`. */
export function toReadyCommand(node: string, ready: boolean): string {
  return `sim node ${shellQuote(node)} condition Ready=${ready ? 'True' : 'False'}`;
}

/**
 * From a node and its new size, the kubelet reporting it:
 * `sim node N allocatable cpu=4 memory=8Gi pods=110` (resources left empty are not named).
 * Re-applying a Node manifest cannot resize a node, as in Kubernetes.
 */
export function toResizeCommand(
  node: string,
  size: { cpu?: string; memory?: string; pods?: string },
): string | undefined {
  const pairs = (['cpu', 'memory', 'pods'] as const)
    .map((resource) => [resource, size[resource]?.trim() ?? ''] as const)
    .filter(([, value]) => value !== '')
    .map(([resource, value]) => shellQuote(`${resource}=${value}`));
  return pairs.length === 0
    ? undefined
    : `sim node ${shellQuote(node)} allocatable ${pairs.join(' ')}`;
}

/** From a node, `kubectl delete node N`. */
export function toDeleteNodeCommand(node: string): string {
  return `kubectl delete node ${shellQuote(node)}`;
}

/**
 * From "k=v, k2=v2" (commas or spaces between pairs), the labels, or an error sentence naming
 * the first pair that is not `key=value`. The API server validates the keys and values.
 */
export function parseLabelList(
  text: string,
): { ok: true; labels: Record<string, string> } | { ok: false; error: string } {
  const labels: Record<string, string> = Object.create(null);
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { ok: false, error: `"${pair}" is not key=value` };
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { ok: true, labels };
}
