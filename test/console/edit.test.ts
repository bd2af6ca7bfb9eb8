import { describe, expect, it } from 'vitest';
import { runLine, type CommandResult } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import type { Cluster } from '../../src/engine/operations.ts';
import { EDIT_HEADER, editFileName } from '../../src/console/verbs/edit.ts';
import { agentDaemonSet } from '../support/manifests.ts';

const AGENT = agentDaemonSet('agent:1');

/** A cluster with the agent applied, a file map, and a runner (with or without the editor). */
function session() {
  const files: Record<string, string> = { 'agent.yaml': AGENT };
  const cluster: Cluster = createCluster({ seed: 1 });
  const source = { read: (name: string) => files[name], list: () => Object.keys(files) };
  const run = (line: string, editor = true): CommandResult =>
    runLine(line, cluster, source, { editor });
  run('kubectl apply -f agent.yaml');
  const image = () => {
    const ds = cluster.get('DaemonSet', 'agent', 'default') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    return ds.spec.template.spec.containers[0].image;
  };
  /** Opens the agent for editing and returns the tab's name and text. */
  const open = () => {
    const opened = run('kubectl edit ds/agent').opened?.[0];
    if (!opened) throw new Error('kubectl edit opened no tab');
    files[opened.name] = opened.text;
    return opened;
  };
  return { files, cluster, run, image, open };
}

describe('kubectl edit', () => {
  it('says it cannot launch the editor headless, as kubectl does without vi', () => {
    const { run } = session();
    const result = run('kubectl edit ds/agent', false);
    expect(result).toMatchObject({
      exit: 1,
      out: '',
      err: 'error: unable to launch the editor "vi"\n',
    });
    expect(result.opened).toBeUndefined();
  });

  it('looks the object up before it looks for an editor', () => {
    const { run } = session();
    expect(run('kubectl edit ds/nothing', false).err).toBe(
      'Error from server (NotFound): daemonsets.apps "nothing" not found\n',
    );
  });

  it('asks for a resource when given none', () => {
    const { run } = session();
    expect(run('kubectl edit').err).toMatch(
      /^error: You must provide one or more resources by argument or filename\./,
    );
  });

  it("opens the live object in a tab named like kubectl's temp file, under kubectl's header", () => {
    const { run } = session();
    const result = run('kubectl edit daemonset agent');
    expect(result.exit).toBe(0);
    expect(result.opened).toHaveLength(1);
    const [file] = result.opened ?? [];
    expect(file.name).toBe('kubectl-edit-daemonset-agent.yaml');
    expect(file.name).toBe(editFileName('daemonset.apps', 'agent'));
    expect(file.resource).toBe('daemonset.apps/agent');
    expect(file.namespace).toBe('default');
    expect(file.text.startsWith(EDIT_HEADER)).toBe(true);
    expect(file.text).toMatch(/\nkind: DaemonSet\n/);
    expect(file.text).toMatch(/\nstatus:\n/);
    expect(result.out).toMatch(/kubectl-edit-daemonset-agent\.yaml/);
  });

  it('saves a changed tab as a patch and prints "edited"', () => {
    const { files, run, image, open } = session();
    const tab = open();
    files[tab.name] = tab.text.replace('image: agent:1', 'image: agent:2');
    const result = run(`kubectl edit ds/agent --edited-file=${tab.name}`);
    expect(result).toMatchObject({ exit: 0, out: 'daemonset.apps/agent edited\n', err: '' });
    expect(result.touched).toEqual([
      expect.objectContaining({ kind: 'DaemonSet', name: 'agent', namespace: 'default' }),
    ]);
    expect(image()).toBe('agent:2');
  });

  it('keeps the last-applied annotation as it was, as kubectl edit without --save-config', () => {
    const { files, run, cluster, open } = session();
    const before = cluster.get('DaemonSet', 'agent', 'default')?.metadata.annotations;
    const tab = open();
    files[tab.name] = tab.text.replace('image: agent:1', 'image: agent:2');
    run(`kubectl edit ds/agent --edited-file=${tab.name}`);
    const after = cluster.get('DaemonSet', 'agent', 'default')?.metadata.annotations;
    expect(after?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      before?.['kubectl.kubernetes.io/last-applied-configuration'],
    );
  });

  it('cancels an unchanged tab, even once the status has moved on', () => {
    const { run, open } = session();
    const tab = open();
    run('sim settle');
    expect(run(`kubectl edit ds/agent --edited-file=${tab.name}`)).toMatchObject({
      exit: 0,
      out: '',
      err: 'Edit cancelled, no changes made.\n',
    });
  });

  it('cancels a tab holding nothing but comments', () => {
    const { files, run, open } = session();
    const tab = open();
    files[tab.name] = '# nothing\n\n';
    expect(run(`kubectl edit ds/agent --edited-file=${tab.name}`).err).toBe(
      'Edit cancelled, saved file was empty.\n',
    );
  });

  it("words a syntax error as kubectl's reader does, naming kubectl's edited-file stream", () => {
    const { files, run, image, open } = session();
    const tab = open();
    files[tab.name] = 'a: [\n';
    const result = run(`kubectl edit ds/agent --edited-file=${tab.name}`);
    expect(result.exit).toBe(1);
    expect(result.err).toBe(
      'error: The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line 2: found unexpected end of stream\n',
    );
    expect(image()).toBe('agent:1');
  });

  it('refuses a renamed object as kubectl refuses a patch that changes the name', () => {
    const { files, run, open } = session();
    const tab = open();
    files[tab.name] = tab.text.replace('name: agent\n  namespace', 'name: other\n  namespace');
    expect(run(`kubectl edit ds/agent --edited-file=${tab.name}`).err).toBe(
      'error: At least one of apiVersion, kind and name was changed\n',
    );
  });

  it("lists an invalid edit's field errors as the reopened file's header would", () => {
    const { files, run, image, open } = session();
    const tab = open();
    files[tab.name] = tab.text.replace('image: agent:1', 'image: ""');
    const result = run(`kubectl edit ds/agent --edited-file=${tab.name}`);
    expect(result.exit).toBe(1);
    expect(result.err).toBe(
      'error: daemonsets.apps "agent" is invalid\n# daemonsets.apps "agent" was not valid:\n# * spec.template.spec.containers[0].image: Required value\n',
    );
    expect(image()).toBe('agent:1');
  });

  it('refuses a save over a spec changed elsewhere since the tab opened, instead of undoing it', () => {
    const { files, run, image, open } = session();
    const tab = open();
    run('kubectl set image ds/agent agent=agent:3');
    files[tab.name] = tab.text.replace('image: agent:1', 'image: agent:2');
    const result = run(`kubectl edit ds/agent --edited-file=${tab.name}`);
    expect(result.exit).toBe(1);
    expect(result.err).toBe(
      'error: daemonsets.apps "agent" could not be patched: Operation cannot be fulfilled on daemonsets.apps "agent": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    expect(image()).toBe('agent:3');
  });

  it('keeps the edits of an object deleted meanwhile and says where', () => {
    const { run, open } = session();
    const tab = open();
    run('kubectl delete ds agent');
    expect(run(`kubectl edit ds/agent --edited-file=${tab.name}`).err).toBe(
      `error: daemonsets.apps "agent" could not be found on the server\nThe edits you made on deleted resources have been saved to "${tab.name}"\n`,
    );
  });

  it('saves from a script too, where a file stands for the edited tab', () => {
    const { files, run, image } = session();
    files['edited.yaml'] = AGENT.replace('agent:1', 'agent:4').replace(
      'name: agent\n',
      'name: agent\n  namespace: default\n',
    );
    expect(run('kubectl edit ds/agent --edited-file=edited.yaml', false).out).toBe(
      'daemonset.apps/agent edited\n',
    );
    expect(image()).toBe('agent:4');
  });
});

describe('kubectl edit --help', () => {
  it('names the usage the playground offers and its one flag', () => {
    const { run } = session();
    const { out, exit } = run('kubectl edit --help');
    expect(exit).toBe(0);
    expect(out).toMatch(/^Edit a resource on the server\./);
    expect(out).toMatch(/--edited-file=''/);
    expect(out).toMatch(/kubectl edit \(RESOURCE\/NAME \| RESOURCE NAME\) \[options\]/);
  });

  it("says kubectl's -f form is not available", () => {
    const { run } = session();
    expect(run('kubectl edit -f agent.yaml').err).toBe(
      'error: the -f flag of "kubectl edit" is not available in the playground\n',
    );
  });
});
