/**
 * The real kubectl v1.32 watching pods on the stub API server, which answers `?watch=true`
 * with a few events: the playground's watch printer must print the same bytes for the same
 * list and changes in every machine-readable format (`-o json`, `-o yaml`, `-o name`, with and
 * without `--output-watch-events`). Tables are printed by the server in kubectl, so they are
 * checked in test/console instead; this stub's plain lists get kubectl's NAME/AGE fallback.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster, KubeObject } from '../../src/engine/index.ts';
import { findResourceType } from '../../src/console/resources.ts';
import { ObjectWatch } from '../../src/console/watch.ts';
import {
  closeSharedOracle,
  recordCommand,
  requireKubectl,
  type JsonObject,
} from '../support/kubectl-oracle.ts';

const available = requireKubectl('kubectl get -w printing');

const pod = (name: string, rv: string, image: string): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', resourceVersion: rv, uid: `uid-${name}` },
  spec: { containers: [{ name: 'c', image }] },
  status: { phase: 'Running' },
});

const x5 = pod('x', '5', 'busybox:1.36');
const x6 = pod('x', '6', 'busybox:1.37');
const a7 = pod('a-much-longer-pod-name', '7', 'busybox:1.37');
/** The list, then after each step what the server holds (x modified, a added, x deleted). */
const STEPS: JsonObject[][] = [[x6], [x6, a7], [a7]];
/** What the stub's watch streams for those steps; a deleted object comes in its last state. */
const EVENTS: JsonObject[] = [
  { type: 'MODIFIED', object: x6 },
  { type: 'ADDED', object: a7 },
  { type: 'DELETED', object: x6 },
];

/** A cluster that holds the given pods, enough for a watch to list and poll them. */
function podsCluster(pods: () => JsonObject[]): Cluster {
  const cluster: Pick<Cluster, 'now' | 'list' | 'get'> = {
    now: 0,
    list: () => pods() as never,
    get: () => undefined,
  };
  return cluster as Cluster;
}

/** What the playground prints for `kubectl get pods -w` with these flags over the steps. */
function playground(format: string, events: boolean): string {
  const type = findResourceType('pods');
  if (!type) throw new Error('no pods type');
  let current: JsonObject[] = [x5];
  const cluster = podsCluster(() => current);
  const listed = current as unknown as KubeObject[];
  const watch = new ObjectWatch(
    {
      type,
      namespace: 'default',
      format,
      withNamespace: false,
      noHeaders: false,
      showLabels: false,
      events,
    },
    listed,
  );
  let out = watch.printList(listed, 0);
  for (const step of STEPS) {
    current = step;
    out += watch.poll(cluster);
  }
  return out;
}

describe.skipIf(!available)('kubectl get -w against a stub that streams watch events', () => {
  afterAll(closeSharedOracle);

  it.each([
    ['json', false],
    ['json', true],
    ['yaml', false],
    ['yaml', true],
    ['name', false],
    ['name', true],
  ] as const)('prints -o %s (events: %s) as kubectl does', async (format, events) => {
    const args = ['get', 'pods', '-w', '-o', format, ...(events ? ['--output-watch-events'] : [])];
    const run = await recordCommand(args, [x5], { watchEvents: EVENTS });
    expect(run.stderr).toBe('');
    expect(playground(format, events)).toBe(run.stdout);
  });
});
