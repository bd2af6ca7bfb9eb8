import { createCluster } from '../../src/engine/index.ts';
import { apply, daemonSetManifest, nodeManifest, podsOf, podStatusColumn, updateDaemonSet, dsStatus, updateNode } from './helpers.ts';
const c = createCluster({ seed: 3 });
for (const n of ['a', 'b', 'c', 'd']) apply(c, nodeManifest(n));
// surge rollout
apply(c, daemonSetManifest('web', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }, minReadySeconds: 5 }));
console.log(c.settle(), dsStatus(c, 'web'));
updateDaemonSet(c, 'web', (ds) => { ds.spec.template.spec.containers[0].image = 'busybox:1.37'; });
for (let i = 0; i < 12; i++) { c.advance(5000); console.log(c.now, podsOf(c, 'web').map((p) => `${p.spec.nodeName}:${p.metadata.labels!['pod-template-generation']}:${podStatusColumn(p)}`).join(' ')); }
console.log(c.settle(), JSON.stringify(dsStatus(c, 'web')));
// rollback to rev1
const revs = c.list('ControllerRevision', {}) as any[];
console.log(revs.map((r) => `${r.metadata.name}:${r.revision}`));
const r1 = revs.find((r) => r.revision === 1);
updateDaemonSet(c, 'web', (ds) => { const t = { ...r1.data.spec.template }; delete t.$patch; ds.spec.template = t; });
console.log(c.settle());
console.log((c.list('ControllerRevision', {}) as any[]).map((r) => `${r.metadata.name}:${r.revision}`), JSON.stringify(dsStatus(c, 'web')));
// bad image stall
updateDaemonSet(c, 'web', (ds) => { ds.spec.template.spec.containers[0].image = 'busybox:nope'; ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }; });
console.log(c.settle(), JSON.stringify(dsStatus(c, 'web')));
console.log(podsOf(c, 'web').map((p) => `${p.spec.nodeName}:${podStatusColumn(p)}`).join(' '));
const bad = podsOf(c, 'web').find((p) => podStatusColumn(p) === 'ImagePullBackOff')!;
for (const e of c.eventsFor('Pod', bad.metadata.name)) console.log(e.type, e.reason, e.count, e.message);
// NotReady node
console.log(JSON.stringify(c.execute({ op: 'setNodeCondition', node: 'a', type: 'Ready', status: 'False' }).ok));
c.advance(6000);
console.log(JSON.stringify(c.get('Node', 'a')!.spec.taints), JSON.stringify(dsStatus(c, 'web')));
// cordon
updateNode(c, 'b', (n) => { n.spec.unschedulable = true; });
console.log(JSON.stringify(c.get('Node', 'b')!.spec.taints));
updateNode(c, 'b', (n) => { n.spec.unschedulable = false; });
console.log(JSON.stringify(c.get('Node', 'b')!.spec.taints));
// delete node c -> podgc
c.execute({ op: 'delete', key: { kind: 'Node', name: 'c' } });
console.log(podsOf(c, 'web').map((p) => `${p.spec.nodeName}`).join(' '));
c.advance(61000);
console.log(podsOf(c, 'web').map((p) => `${p.spec.nodeName}`).join(' '), JSON.stringify(dsStatus(c, 'web')));
