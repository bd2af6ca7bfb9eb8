import { createCluster, restoreCluster } from '../../src/engine/index.ts';
const c = createCluster({ seed: 1 });
for (const n of ['node-1', 'node-2', 'cp']) {
  const r = c.execute({ op: 'apply', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: n, labels: n === 'cp' ? { 'node-role.kubernetes.io/control-plane': '' } : {} }, spec: n === 'cp' ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {} } });
  console.log(n, r.ok ? r.action : JSON.stringify(r.error));
}
const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'fluentd', namespace: 'kube-system' }, spec: { selector: { matchLabels: { name: 'fluentd' } }, template: { metadata: { labels: { name: 'fluentd' } }, spec: { containers: [{ name: 'fluentd', image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2', resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } } }] } } } };
const r = c.execute({ op: 'apply', object: ds });
console.log('ds', r.ok ? r.action : JSON.stringify(r.error));
const pods = c.list('Pod', { namespace: 'kube-system' });
console.log(Array.isArray(pods) ? pods.map((p) => `${p.metadata.name} ${p.spec.nodeName} ${p.status.phase}`) : pods);
console.log(c.settle());
const pods2 = c.list('Pod', { namespace: 'kube-system' }) as any[];
for (const p of pods2) console.log(p.metadata.name, p.spec.nodeName, p.status.phase, JSON.stringify(p.status.containerStatuses?.[0]?.state), p.metadata.labels);
console.log(JSON.stringify(c.get('DaemonSet', 'fluentd', 'kube-system')?.status));
for (const e of c.eventsFor('Pod', pods2[0].metadata.name, 'kube-system')) console.log(e.type, e.reason, e.message, e.count, e.lastTimestamp);
for (const e of c.eventsFor('DaemonSet', 'fluentd', 'kube-system')) console.log(e.type, e.reason, e.message);
const v = c.verdictsFor('kube-system', 'fluentd');
console.log(JSON.stringify(v?.nodes.map((n) => [n.node, n.shouldRun, n.shouldContinueRunning, n.checks.filter((c) => !c.passed).map((c) => c.message)])));
// update image
const cur = c.get('DaemonSet', 'fluentd', 'kube-system')!;
cur.spec.template.spec.containers[0].image = 'quay.io/fluentd_elasticsearch/fluentd:v3.1.0';
console.log(JSON.stringify(c.execute({ op: 'update', object: cur }).ok));
console.log(c.settle(), c.now);
console.log(JSON.stringify(c.get('DaemonSet', 'fluentd', 'kube-system')?.status));
console.log((c.list('ControllerRevision', {}) as any[]).map((r) => `${r.metadata.name} ${r.revision}`));
const snap = c.snapshot();
const c2 = restoreCluster(structuredClone(snap));
console.log(JSON.stringify(c2.snapshot()) === JSON.stringify(snap));
