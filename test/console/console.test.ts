import { describe, expect, it } from 'vitest';
import {
  createConsole,
  diagnoseManifest,
  runScript,
  type FileSource,
} from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import { SLEEPING_AGENT } from '../support/manifests.ts';

const NODES = `apiVersion: v1
kind: Node
metadata:
  name: worker-1
---
apiVersion: v1
kind: Node
metadata:
  name: worker-2
`;
const DS = SLEEPING_AGENT;
const FILES: Record<string, string> = {
  'nodes.yaml': NODES,
  'ds.yaml': DS,
  'broken.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n   labels: x\n',
  'tabs.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n\tname: t\n',
  'unknown.yaml': DS.replace('name: agent\nspec', 'name: other\nspec').replace(
    'containers:',
    'tolerationz: []\n      containers:',
  ),
  'mismatch.yaml': DS.replace('labels: {app: agent}', 'labels: {app: nope}').replace(
    '  template:',
    '  updateStrategy: {rollingUpdate: {maxSurge: 1}}\n  template:',
  ),
  'quantity.yaml': DS.replace('name: agent\nspec', 'name: other\nspec').replace(
    'command:',
    'resources: {requests: {memory: 1GB}}\n        command:',
  ),
  'selector.yaml': DS.replace(/\{app: agent\}/g, '{app: agent, tier: x}'),
  'old.yaml': 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: old}\nspec: {}\n',
  'ns.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\n',
  'kindless.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n',
  'partial.yaml':
    'apiVersion: v1\nkind: Node\nmetadata: {name: worker-3}\n---\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-4}\n',
  'huge.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata:\n  blob: ${'x'.repeat(2 * 1024 * 1024)}\n`,
  'bomb.yaml':
    'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n',
};
const files: FileSource = {
  read: (p) => FILES[p.replace(/^\.\//, '')],
  list: () => Object.keys(FILES).sort(),
};

function readyConsole() {
  const console = createConsole({ cluster: createCluster({ seed: 7 }), files });
  for (const line of ['kubectl apply -f nodes.yaml', 'kubectl apply -f ds.yaml', 'sim settle'])
    console.run(line);
  return console;
}

describe('bad input', () => {
  const BAD = [
    'kubectl apply -f broken.yaml',
    'kubectl apply -f tabs.yaml',
    'kubectl apply -f unknown.yaml',
    'kubectl apply -f mismatch.yaml',
    'kubectl apply -f quantity.yaml',
    'kubectl apply -f selector.yaml',
    'kubectl apply -f old.yaml',
    'kubectl apply -f ns.yaml',
    'kubectl apply -f kindless.yaml',
    'kubectl delete -f kindless.yaml',
    'kubectl get pods -l "a in"',
    'kubectl delete pods -l "a in"',
    'kubectl apply -f bomb.yaml',
    'kubectl apply -f huge.yaml',
    'kubectl apply -f missing.yaml',
    'kubectl apply',
    'kubectl get pods --bogus',
    'kubectl get pods -o jsonpath={.items}',
    'kubectl nope',
    'kubectl exec agent -- sh',
    'kubectl taint nodes worker-1 k=v:Sometimes',
    'kubectl taint nodes worker-1 k:NoSchedule-',
    'kubectl label nodes worker-1 "a b=c"',
    'kubectl cordon ghost',
    'kubectl drain ghost --ignore-daemonsets',
    'kubectl set image ds/agent ghost=busybox:1.37',
    `kubectl patch ds agent --type=merge -p '{"spec":'`,
    `kubectl patch ds agent --type=merge -p '{"spec":{"template":{"spec":{"restartPolicy":"Never"}}}}'`,
    'kubectl rollout undo ds/agent',
    'kubectl rollout undo ds/agent --to-revision=4',
    'kubectl rollout history ds/ghost',
    'kubectl delete ds ghost',
    'kubectl create namespace default',
    'sim wait forever',
    'sim node worker-1 condition Ready=Maybe',
    'sim dance',
    'helm install x',
    `kubectl get 'pods`,
  ];

  it.each(BAD)('"%s" prints an error, exits 1 and leaves the cluster exactly as it was', (line) => {
    const console = readyConsole();
    const before = JSON.stringify(console.cluster.snapshot());
    const result = console.run(line);
    expect(result.exit).toBe(1);
    expect(result.err).toMatch(/\S/);
    expect(result.err.endsWith('\n')).toBe(true);
    expect(result.out).toBe('');
    expect(JSON.stringify(console.cluster.snapshot())).toBe(before);
  });

  it('names the line of a YAML error within its document, as kubectl does', () => {
    const result = readyConsole().run('kubectl apply -f broken.yaml');
    expect(result.err).toBe(
      'error: error parsing broken.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
    );
  });

  it("refuses an object over the API server's 3 MiB request limit", () => {
    expect(readyConsole().run('kubectl apply -f huge.yaml').err).toBe(
      'Error from server (RequestEntityTooLarge): error when creating "huge.yaml": Request entity too large: limit is 3145728\n',
    );
  });

  it("refuses a manifest without kind with kubectl's client-side validation error", () => {
    expect(readyConsole().run('kubectl apply -f kindless.yaml').err).toBe(
      'error: error validating "kindless.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it('stops a file at the document validation refuses, after applying the ones before it', () => {
    const console = readyConsole();
    const result = console.run('kubectl apply -f partial.yaml');
    expect(result).toEqual({
      exit: 1,
      out: 'node/worker-3 created\n',
      err: 'error: error validating "partial.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
      touched: [{ kind: 'Node', name: 'worker-3', action: 'created' }],
    });
    expect(console.cluster.get('Node', 'worker-4')).toBeUndefined();
  });

  it("prints the builder's errors before the API server's, as one aggregate", () => {
    const result = readyConsole().run('kubectl apply -f partial.yaml -f ns.yaml -f kindless.yaml');
    expect(result.err).toBe(
      [
        '[error validating "partial.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false, error validating "kindless.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false]',
        'Error from server (NotFound): error when creating "ns.yaml": namespaces "nowhere" not found',
        '',
      ].join('\n'),
    );
  });

  it("reports a bad -l as the API server's BadRequest in kubectl's words", () => {
    const console = readyConsole();
    expect(console.run('kubectl get pods -l "a in"').err).toBe(
      `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a in", field selector "": unable to parse requirement: found '' expected: '('\n`,
    );
    expect(console.run('kubectl get ds -l !x -o name').out).toBe('daemonset.apps/agent\n');
    expect(console.run('kubectl get pods -l app=agent,x!=y').out.split('\n')).toHaveLength(4);
    expect(console.run('kubectl get pods -l "app notin (agent)"').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('refuses names together with a selector, as the builder does', () => {
    const console = readyConsole();
    expect(console.run('kubectl get pods x -l a=b').err).toBe(
      'error: name cannot be provided when a selector is specified\n',
    );
    expect(console.run('kubectl delete pod x --field-selector spec.nodeName=worker-1').err).toBe(
      'error: name cannot be provided when a field selector is specified\n',
    );
    expect(console.run('kubectl describe ds agent -l app=agent').exit).toBe(1);
  });

  it('wraps a field selector the server refuses the same way', () => {
    expect(readyConsole().run('kubectl get pods --field-selector foo=bar').err).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    );
  });

  it("checks label specs as kubectl's parseLabels does and leaves bad keys to the API server", () => {
    const console = readyConsole();
    // A word without `=` or a trailing `-` names an object, so it is not a spec at all.
    expect(console.run('kubectl label nodes worker-1 plain').err).toBe(
      'error: at least one label update is required\n',
    );
    expect(console.run('kubectl label nodes worker-1 a=b a-').err).toBe(
      'error: can not both modify and remove a label in the same command\n',
    );
    expect(console.run('kubectl label nodes worker-1 "a b=c"').err).toMatch(
      /^The Node "worker-1" is invalid: metadata\.labels: Invalid value: "a b": name part must consist of/,
    );
    expect(console.run('kubectl taint nodes worker-1 =v:NoSchedule').err).toMatch(
      /^error: invalid taint spec: =v:NoSchedule, name part must be non-empty; name part must consist of.*\nSee 'kubectl taint -h' for help and examples\n$/,
    );
  });

  it('hands a __proto__ label key to the API server, which refuses it like any bad key', () => {
    const console = readyConsole();
    const result = console.run('kubectl label nodes worker-1 __proto__=yes');
    expect(result.exit).toBe(1);
    expect(result.err).toMatch(
      /^The Node "worker-1" is invalid: metadata\.labels: Invalid value: "__proto__": name part must consist of/,
    );
    const node = console.cluster.get('Node', 'worker-1');
    expect(Object.keys(node?.metadata.labels ?? {})).not.toContain('__proto__');
  });

  it('labels every node named before the changes and reports a missing one at the end', () => {
    const console = readyConsole();
    const result = console.run('kubectl label nodes worker-1 nothere worker-2 disk=ssd');
    expect(result.out).toBe('node/worker-1 labeled\nnode/worker-2 labeled\n');
    expect(result.err).toBe('Error from server (NotFound): nodes "nothere" not found\n');
    expect(result.exit).toBe(1);
    expect(console.cluster.get('Node', 'worker-2')?.metadata.labels?.disk).toBe('ssd');
  });

  it('taints several nodes and leaves alone the one whose change fails', () => {
    const console = readyConsole();
    console.run('kubectl taint nodes worker-2 a=b:NoSchedule');
    const result = console.run('kubectl taint nodes worker-1 worker-2 a=c:NoSchedule');
    expect(result.out).toBe('node/worker-1 tainted\n');
    expect(result.err).toBe(
      'error: node worker-2 already has a taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(console.cluster.get('Node', 'worker-2')?.spec.taints).toEqual([
      { key: 'a', value: 'b', effect: 'NoSchedule' },
    ]);
  });

  it('prints nothing when set image asks for the image the DaemonSet already has', () => {
    const console = readyConsole();
    const result = console.run('kubectl set image ds/agent agent=busybox:1.36');
    expect(result).toMatchObject({ exit: 0, out: '', err: '' });
  });

  it('refuses a negative --revision as kubectl does', () => {
    expect(readyConsole().run('kubectl rollout history ds/agent --revision=-1').err).toBe(
      'error: revision must be a positive integer: -1\n',
    );
  });

  it('refuses a selector change as immutable', () => {
    // v1.32 prints the value as %#v of the dereferenced *LabelSelector.
    const result = readyConsole().run('kubectl apply -f selector.yaml');
    expect(result.err).toMatch(
      /^The DaemonSet "agent" is invalid: spec\.selector: Invalid value: v1\.LabelSelector\{MatchLabels:map\[string\]string\{"app":"agent", "tier":"x"\}, MatchExpressions:\[\]v1\.LabelSelectorRequirement\(nil\)\}: field is immutable\n$/,
    );
  });

  it('prints several validation causes as a bulleted list', () => {
    const result = readyConsole().run('kubectl apply -f mismatch.yaml');
    expect(result.err.split('\n')[0]).toBe('The DaemonSet "agent" is invalid: ');
  });

  it("gives kubectl's own words for unknown commands and flags", () => {
    const console = readyConsole();
    expect(console.run('kubectl nope').err).toBe('error: unknown command "nope" for "kubectl"\n');
    expect(console.run('kubectl get pods --bogus').err).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    );
  });
});

describe('commands', () => {
  it('creates, configures and leaves unchanged on repeated apply', () => {
    const console = readyConsole();
    expect(console.run('kubectl apply -f ds.yaml').out).toBe('daemonset.apps/agent unchanged\n');
    FILES['ds2.yaml'] = DS.replace('busybox:1.36', 'busybox:1.37');
    expect(console.run('kubectl apply -f ds2.yaml').out).toBe('daemonset.apps/agent configured\n');
  });

  it('writes the last-applied-configuration annotation as kubectl does', () => {
    const console = readyConsole();
    const node = console.cluster.get('Node', 'worker-1');
    expect(node?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"Node","metadata":{"annotations":{},"name":"worker-1"}}\n',
    );
  });

  it('prints an empty table as "No resources found" on stderr with exit 0', () => {
    const result = readyConsole().run('kubectl get pods -n kube-public');
    expect(result).toEqual({
      exit: 0,
      out: '',
      err: 'No resources found in kube-public namespace.\n',
      touched: [],
    });
  });

  it('says on stdout that a delete matched nothing, and words force deletion as kubectl does', () => {
    const console = readyConsole();
    expect(console.run('kubectl delete pods -l app=nothing')).toEqual({
      exit: 0,
      out: 'No resources found\n',
      err: '',
      touched: [],
    });
    const [pod] = console.run('kubectl get pods -o name').out.split('\n');
    const name = pod.replace('pod/', '');
    expect(console.run(`kubectl delete pod ${name} --force`)).toEqual({
      exit: 0,
      out: `pod "${name}" force deleted\n`,
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      touched: [{ kind: 'Pod', namespace: 'default', name, action: 'deleted' }],
    });
    expect(console.run('kubectl delete pods --all --force --grace-period=5').err).toBe(
      'error: --force and --grace-period greater than 0 cannot be specified together\n',
    );
  });

  it('moves the clock only with sim commands and rollout status', () => {
    const console = readyConsole();
    const start = console.cluster.now;
    console.run('kubectl get pods');
    console.run('kubectl label nodes worker-1 a=b');
    expect(console.cluster.now).toBe(start);
    console.run('sim wait 1m30s');
    expect(console.cluster.now).toBe(start + 90_000);
  });

  it('runs the same lines in the page console and headless to the same output', () => {
    const script =
      'kubectl apply -f nodes.yaml\nkubectl apply -f ds.yaml\n\n# wait\nsim wait 30s\nkubectl get pods -o wide\n';
    const records = runScript(script, { seed: 3, files });
    const console = createConsole({ cluster: createCluster({ seed: 3 }), files });
    const lines = script.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(records.map((r) => r.cmd)).toEqual(lines);
    expect(records.map((r) => ({ exit: r.exit, out: r.out, err: r.err }))).toEqual(
      lines.map((l) => {
        const { exit, out, err } = console.run(l);
        return { exit, out, err };
      }),
    );
    expect(records.map((r) => r.t)).toEqual(['0s', '0s', '30s', '30s']);
  });
});

describe('tab completion', () => {
  const console = readyConsole();

  it('offers verbs, resource types, names, flags and files', () => {
    expect(console.complete('kub')).toEqual(['kubectl']);
    expect(console.complete('kubectl ro')).toEqual(['rollout']);
    expect(console.complete('kubectl get da')).toEqual(['daemonsets']);
    expect(console.complete('kubectl describe node wor')).toEqual(['worker-1', 'worker-2']);
    expect(console.complete('kubectl apply -f n')).toEqual(['nodes.yaml', 'ns.yaml']);
    expect(console.complete('kubectl get pods -o y')).toEqual(['yaml']);
    expect(console.complete('kubectl rollout status ds/a')).toEqual(['ds/agent']);
    expect(console.complete('kubectl drain worker-1 --ig')).toEqual(['--ignore-daemonsets']);
    expect(console.complete('sim node worker-1 condition Ready=')).toEqual([
      'Ready=False',
      'Ready=True',
      'Ready=Unknown',
    ]);
    expect(console.complete('sim node worker-1 ')).toEqual(['allocatable', 'condition']);
    expect(console.complete('sim node worker-1 allocatable cpu=4 m')).toEqual(['memory=']);
  });
});

describe('diagnoseManifest', () => {
  it('puts each API error on the line of its field', () => {
    const cluster = createCluster({ seed: 1 });
    const markers = diagnoseManifest(FILES['unknown.yaml'], 'unknown.yaml', cluster).filter(
      (d) => d.source === 'api',
    );
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({
      line: 12,
      severity: 'error',
      code: 'spec.template.spec.tolerationz',
    });
    const invalid = diagnoseManifest(FILES['mismatch.yaml'], 'mismatch.yaml', cluster).filter(
      (d) => d.source === 'api',
    );
    expect(invalid.map((d) => [d.code, d.line])).toEqual([
      ['spec.updateStrategy.rollingUpdate.maxSurge', 8],
      ['spec.template.metadata.labels', 11],
    ]);
  });

  it("marks a document kubectl's validation refuses on its first line", () => {
    const markers = diagnoseManifest(
      'apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\nmetadata:\n  name: b\n',
      'k.yaml',
      createCluster({ seed: 1 }),
    ).filter((d) => d.source === 'api');
    expect(markers.map((d) => [d.code, d.line, d.endLine, d.message])).toEqual([
      [
        'validation',
        5,
        5,
        'error: error validating "k.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
      ],
    ]);
  });

  it('marks YAML syntax errors and duplicate keys, and leaves the cluster alone', () => {
    const cluster = createCluster({ seed: 1 });
    const before = JSON.stringify(cluster.snapshot());
    const markers = diagnoseManifest(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n---\nx: [\n',
      'n.yaml',
      cluster,
    );
    expect(markers.map((d) => [d.source, d.code, d.line])).toEqual([
      ['yaml', 'duplicate-key', 5],
      ['yaml', 'syntax', 8],
    ]);
    expect(JSON.stringify(cluster.snapshot())).toBe(before);
  });
});
