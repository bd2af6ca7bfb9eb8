import * as yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { createCluster } from '../../src/engine/index.ts';
const c = createCluster({ seed: 1 });
const dir = 'test/scenarios/placement-rules/';
for (const f of ['nodes.yaml', 'port-holder.yaml', 'agent.yaml', 'pinned.yaml']) {
  for (const doc of yaml.loadAll(readFileSync(dir + f, 'utf8')) as any[]) {
    const items = doc.kind === 'List' ? doc.items : [doc];
    for (const it of items) { const t = Date.now(); const r = c.execute({ op: 'apply', object: it }); console.log(f, it.metadata.name, r.ok ? r.action : JSON.stringify(r.error), Date.now() - t, 'ms'); }
  }
}
const t = Date.now();
console.log(c.settle(), Date.now() - t, (c as any).stats);
function upd(name: string, f: (n: any) => void) { const n: any = c.get('Node', name); f(n); const r = c.execute({ op: 'update', object: n }); console.log('update', name, r.ok ? r.action : JSON.stringify(r.error)); const t = Date.now(); console.log(c.settle(), Date.now() - t); }
upd('a-plain', (n) => { n.spec.taints = [...(n.spec.taints ?? []), { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]; });
upd('a-plain', (n) => { n.spec.taints = (n.spec.taints ?? []).filter((t: any) => t.key !== 'dedicated'); });
upd('e-prefer', (n) => { n.spec.taints = [...(n.spec.taints ?? []), { key: 'maintenance', value: 'now', effect: 'NoExecute' }]; });
upd('b-mismatch', (n) => { n.metadata.labels.pool = 'main'; });
upd('b-mismatch', (n) => { delete n.metadata.labels.pool; });
console.log(c.execute({ op: 'setNodeCondition', node: 'i-notready', type: 'Ready', status: 'False' }).ok);
{ const t = Date.now(); console.log(c.settle(), Date.now() - t); }
