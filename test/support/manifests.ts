/**
 * Manifests the console tests apply again and again, written once: a List-free stream of bare
 * nodes, and the smallest DaemonSet (`agent`, one container) with the image a test needs.
 */

/** Node manifests for the given names, one YAML document each. */
export function nodesYaml(names: readonly string[]): string {
  return names
    .map((name) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n`)
    .join('---\n');
}

/**
 * The `agent` DaemonSet (selector and template label `app: agent`) running `image`, with any
 * further container lines (indented as the container's keys) after the image.
 */
export function agentDaemonSet(image: string, containerLines: readonly string[] = []): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: ${image}
${containerLines.map((line) => `        ${line}\n`).join('')}`;
}

/** A busybox agent that sleeps forever: a pod that starts and stays Running. */
export const SLEEPING_AGENT = agentDaemonSet('busybox:1.36', [
  'command: ["sh", "-c", "sleep infinity"]',
]);
