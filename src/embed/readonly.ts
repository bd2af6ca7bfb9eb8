/**
 * What a read-only embed (`readonly=1`) lets the reader type: commands that look at the
 * cluster, never ones that change it. The host page may still run anything (the author drives
 * the illustration); the reader may inspect it, so the console stays useful.
 */

/** kubectl verbs that only read. `rollout` is allowed only with `status` or `history`. */
const READ_VERBS = new Set([
  'get',
  'describe',
  'explain',
  'logs',
  'events',
  'api-resources',
  'version',
  'top',
  'diff',
]);

/**
 * From a console line, the message refusing it in a read-only embed, or undefined when it only
 * reads. The first words decide, as the console parses them.
 */
export function readOnlyRefusal(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'help' || words[0] === '') return undefined;
  // Letting time pass changes nothing the reader did not see coming: the clock plays anyway.
  if (words[0] === 'sim' && (words[1] === 'wait' || words[1] === 'settle')) return undefined;
  if (words[0] === 'kubectl') {
    const verb = words[1];
    if (verb !== undefined && READ_VERBS.has(verb)) return undefined;
    if (verb === 'rollout' && (words[2] === 'status' || words[2] === 'history')) return undefined;
  }
  return 'This embed is read-only: you can look around with kubectl get, describe, logs, events and explain, but not change the cluster.';
}
