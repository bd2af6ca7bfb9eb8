import { describe, expect, it } from 'vitest';
import { createConsole, type FileSource } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import { VERBS } from '../../src/console/verbs/index.ts';
import { SIM_COMMANDS } from '../../src/console/verbs/sim.ts';
import { simUsage } from '../../src/console/messages.ts';
import { explain, wrapText } from '../../src/console/verbs/explain.ts';
import { LIVE_DIR, MERGED_DIR } from '../../src/console/verbs/diff.ts';
import { unifiedHunks } from '../../src/console/unified-diff.ts';
import { MANIFEST_SCHEMA } from '../../src/kube/openapi-schema.ts';
import { agentDaemonSet } from '../support/manifests.ts';

const AGENT = agentDaemonSet('IMAGE');
const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n';

function consoleWith(files: Record<string, string> = {}) {
  const source: FileSource = { read: (name) => files[name], list: () => Object.keys(files) };
  return createConsole({ cluster: createCluster({ seed: 1 }), files: source });
}

describe('help', () => {
  const console = consoleWith();

  it('lists every verb of the table with its description, and every sim command', () => {
    const { out, exit } = console.run('help');
    expect(exit).toBe(0);
    for (const verb of VERBS.values())
      expect(out).toContain(`  ${verb.name.padEnd(15)} ${verb.short}\n`);
    for (const command of SIM_COMMANDS) expect(out).toContain(`  ${command.usage}`);
  });

  it('kubectl help and kubectl --help list the verbs and no sim command', () => {
    const help = console.run('kubectl help');
    expect(console.run('kubectl --help').out).toBe(help.out);
    for (const name of VERBS.keys()) expect(help.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(help.out).not.toContain('sim ');
  });

  it('kubectl help VERB equals kubectl VERB -h and --help: description, flags, Usage line', () => {
    for (const verb of VERBS.values()) {
      const help = console.run(`kubectl help ${verb.name}`);
      expect(help.exit).toBe(0);
      expect(console.run(`kubectl ${verb.name} -h`).out).toBe(help.out);
      expect(console.run(`kubectl ${verb.name} --help`).out).toBe(help.out);
      expect(help.out.startsWith(`${verb.short}.\n`)).toBe(true);
      expect(help.out).toContain(`Usage:\n  ${verb.usage}\n`);
      for (const flag of verb.flags) expect(help.out).toContain(`--${flag.name}=`);
    }
  });

  it('prints a bool flag with false, a string with quotes and an int with its default', () => {
    expect(console.run('kubectl get -h').out).toContain(
      "    -A, --all-namespaces=false\n    --field-selector=''\n",
    );
    expect(console.run('kubectl delete -h').out).toContain('    --grace-period=-1\n');
  });

  it('runs nothing when -h is given to a verb that changes the cluster', () => {
    const before = console.cluster.revision;
    console.run('kubectl cordon worker-1 -h');
    expect(console.cluster.revision).toBe(before);
  });

  it('names an unknown help topic on stderr as cobra does, and exits 0', () => {
    const result = console.run('kubectl help logs');
    expect(result.exit).toBe(0);
    expect(result.err.startsWith('Unknown help topic [`logs`]\n')).toBe(true);
  });

  it('sim help lists every sim command, and the sim usage error names each of them', () => {
    const { out } = console.run('sim help');
    for (const command of SIM_COMMANDS) {
      expect(out).toContain(command.usage);
      if (command.usage !== 'sim help') expect(simUsage()).toContain(command.usage);
    }
  });
});

describe('kubectl explain', () => {
  it('prints a kind in kubectl v1.32 layout with fields sorted and typed', () => {
    const result = explain('ds');
    if (!('text' in result)) throw new Error(result.error);
    expect(
      result.text.startsWith(
        'GROUP:      apps\nKIND:       DaemonSet\nVERSION:    v1\n\nDESCRIPTION:\n    A DaemonSet runs',
      ),
    ).toBe(true);
    expect(result.text).toContain('FIELDS:\n  apiVersion\t<string>\n');
    expect(result.text).toContain('  metadata\t<ObjectMeta>\n');
    expect(result.text).toContain('  spec\t<DaemonSetSpec>\n');
    expect(result.text).toContain('  status\t<DaemonSetStatus>\n    <no description>\n');
  });

  it('prints ds.spec.updateStrategy exactly as kubectl lays it out', () => {
    expect(explain('ds.spec.updateStrategy')).toEqual({
      text:
        'GROUP:      apps\nKIND:       DaemonSet\nVERSION:    v1\n\n' +
        'FIELD: updateStrategy <DaemonSetUpdateStrategy>\n\n\n' +
        'DESCRIPTION:\n    How pods are replaced when the template changes.\n    \n' +
        'FIELDS:\n' +
        '  rollingUpdate\t<RollingUpdateDaemonSet>\n    Pacing of a rolling update.\n\n' +
        '  type\t<string>\n  enum: OnDelete, RollingUpdate\n' +
        '    `RollingUpdate` (the default) replaces pods node by node; `OnDelete` waits\n' +
        '    until you delete each old pod.\n\n\n',
    });
  });

  it('walks into an array to list its items fields (pods.spec.tolerations)', () => {
    const result = explain('pods.spec.tolerations');
    if (!('text' in result)) throw new Error(result.error);
    expect(
      result.text.startsWith(
        'KIND:       Pod\nVERSION:    v1\n\nFIELD: tolerations <[]Toleration>\n\n\n',
      ),
    ).toBe(true);
    expect(result.text).toContain(
      '  effect\t<string>\n  enum: NoExecute, NoSchedule, PreferNoSchedule\n',
    );
    expect(result.text).toContain('  tolerationSeconds\t<integer>\n');
  });

  it('reads its descriptions from the schema the editor hovers with', () => {
    const daemonSet = MANIFEST_SCHEMA.anyOf?.find((alt) => alt.title === 'DaemonSet');
    const strategy = daemonSet?.properties?.spec?.properties?.updateStrategy;
    const result = explain('daemonsets.spec.updateStrategy.rollingUpdate');
    if (!('text' in result) || !strategy?.properties?.rollingUpdate) throw new Error('missing');
    const maxSurge = strategy.properties.rollingUpdate.properties?.maxSurge?.markdownDescription;
    expect(result.text).toContain('  maxSurge\t<IntOrString>\n');
    expect(result.text.replace(/\n +/g, ' ')).toContain(maxSurge?.replace(/\*\*/g, ''));
  });

  it("marks required fields as the API's schema does", () => {
    const result = explain('ds.spec');
    if (!('text' in result)) throw new Error(result.error);
    expect(result.text).toContain('  selector\t<LabelSelector> -required-\n');
    expect(result.text).toContain('  minReadySeconds\t<integer>\n');
  });

  it('refuses an unknown field, resource or a second argument in kubectl words', () => {
    expect(explain('ds.spec.x')).toEqual({ error: 'error: field "x" does not exist' });
    expect(explain('widgets')).toEqual({
      error: 'error: the server doesn\'t have a resource type "widgets"',
    });
    expect(explain('deployments')).toEqual({
      error: 'error: resource type "deployments" is not available in the playground',
    });
    const console = consoleWith();
    expect(console.run('kubectl explain ds.spec.x')).toMatchObject({ exit: 1 });
    expect(console.run('kubectl explain ds pods').err).toContain(
      'error: We accept only this format: explain RESOURCE',
    );
  });

  it('wraps descriptions at 76 columns between words', () => {
    const text = wrapText('word '.repeat(40).trim(), 76);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(text.split('\n')[0]).toBe('word '.repeat(15).trim());
  });
});

describe('kubectl version, get all and completion', () => {
  it('prints client, Kustomize and server versions; --client leaves the server out', () => {
    const console = consoleWith();
    expect(console.run('kubectl version').out).toBe(
      'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n',
    );
    expect(console.run('kubectl version --client').out).toBe(
      'Client Version: v1.32.4\nKustomize Version: v5.5.0\n',
    );
  });

  it('get all lists pods, services and daemonsets, each name prefixed by its type', () => {
    const console = consoleWith({
      'a.yaml': AGENT.replace('IMAGE', 'busybox:1.36'),
      'n.yaml': NODE,
    });
    console.run('kubectl apply -f n.yaml -f a.yaml');
    console.run('sim settle');
    const { out, exit } = console.run('kubectl get all');
    expect(exit).toBe(0);
    const headers = out.split('\n').filter((l) => l.startsWith('NAME'));
    expect(headers).toHaveLength(2);
    expect(out).toMatch(/^pod\/agent-\w{5} /m);
    expect(out).toMatch(/^daemonset\.apps\/agent /m);
  });

  it('completes short names and prefixes of resource types to their plural', () => {
    const console = consoleWith();
    expect(console.complete('kubectl get no')).toEqual(['nodes']);
    expect(console.complete('kubectl get ds')).toEqual(['daemonsets']);
    expect(console.complete('kubectl explain d')).toEqual(['daemonsets']);
    expect(console.complete('sim h')).toEqual(['help']);
    expect(console.complete('he')).toEqual(['help']);
  });
});

describe('kubectl diff', () => {
  const files = {
    'a.yaml': AGENT.replace('IMAGE', 'busybox:1.36'),
    'b.yaml': AGENT.replace('IMAGE', 'busybox:1.37'),
    'n.yaml': NODE,
  };

  it('exits 0 with no output when applying would change nothing', () => {
    const console = consoleWith(files);
    console.run('kubectl apply -f a.yaml');
    expect(console.run('kubectl diff -f a.yaml')).toMatchObject({ exit: 0, out: '', err: '' });
  });

  it('prints diff -u -N of the live and the merged object and exits 1, changing nothing', () => {
    const console = consoleWith(files);
    console.run('kubectl apply -f a.yaml');
    const before = console.cluster.revision;
    const { out, exit } = console.run('kubectl diff -f b.yaml');
    expect(exit).toBe(1);
    const name = 'apps.v1.DaemonSet.default.agent';
    expect(out.split('\n').slice(0, 3)).toEqual([
      `diff -u -N ${LIVE_DIR}/${name} ${MERGED_DIR}/${name}`,
      `--- ${LIVE_DIR}/${name}\t2026-01-01 00:00:00.000000000 +0000`,
      `+++ ${MERGED_DIR}/${name}\t2026-01-01 00:00:00.000000000 +0000`,
    ]);
    expect(out).toContain('\n-      - image: busybox:1.36\n+      - image: busybox:1.37\n');
    expect(out).toContain('\n-  generation: 1\n+  generation: 2\n');
    expect(console.cluster.revision).toBe(before);
    expect(console.run('kubectl get ds agent -o yaml').out).toContain('image: busybox:1.36');
  });

  it('compares a new object with an empty file dated at the epoch', () => {
    const console = consoleWith(files);
    const { out, exit } = console.run('kubectl diff -f n.yaml');
    expect(exit).toBe(1);
    expect(out).toContain(
      `--- ${LIVE_DIR}/v1.Node..worker-1\t1970-01-01 00:00:00.000000000 +0000\n`,
    );
    expect(out).toMatch(/\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: v1\n/);
    expect(console.run('kubectl get nodes').err).toContain('No resources found');
  });

  it('exits 2 for an error, as diff.go adds one to the error code', () => {
    expect(consoleWith(files).run('kubectl diff -f nothere.yaml').exit).toBe(2);
    expect(consoleWith(files).run('kubectl diff').exit).toBe(2);
  });
});

describe('unified diff hunks', () => {
  it('is empty for equal texts', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('gives a one-line range without a count and three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\n';
    expect(unifiedHunks(before, after)).toBe('@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n');
    expect(unifiedHunks('x\n', 'y\n')).toBe('@@ -1 +1 @@\n-x\n+y\n');
  });

  it('splits changes more than six lines apart into two hunks', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const changed = lines.map((l, i) => (i === 2 || i === 15 ? `${l}!` : l));
    const hunks = unifiedHunks(`${lines.join('\n')}\n`, `${changed.join('\n')}\n`);
    expect(hunks.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,6 +1,6 @@', '@@ -13,7 +13,7 @@']);
  });

  it('marks a last line without a newline', () => {
    expect(unifiedHunks('a', 'b')).toBe(
      '@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n',
    );
  });
});

describe('kubectl diff of a Secret', () => {
  it('masks data values as kubectl does, marking the changed key before and after', () => {
    const secret = (password: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  user: YWRtaW4=\n  password: ${password}\n`;
    const console = consoleWith({ 'old.yaml': secret('MTIz'), 'new.yaml': secret('NDU2') });
    console.run('kubectl apply -f old.yaml');
    const { out, exit } = console.run('kubectl diff -f new.yaml');
    expect(exit).toBe(1);
    expect(out).toContain("\n-  password: '*** (before)'\n+  password: '*** (after)'\n");
    expect(out).toContain("\n   user: '***'\n");
    expect(out).not.toMatch(/^[-+ ] {2}password: (MTIz|NDU2)/m);
  });
});
