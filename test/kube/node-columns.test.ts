import { describe, expect, it } from 'vitest';
import {
  findNodeRoles,
  nodeRolesText,
  nodeStatusText,
  nodeWideColumns,
} from '../../src/kube/node-columns.ts';
import type { Node } from '../../src/kube/types.ts';

function node(
  ready: string | undefined,
  extra: { unschedulable?: boolean; labels?: Record<string, string> } = {},
): Node {
  return {
    metadata: { name: 'worker-1', labels: extra.labels },
    spec: { unschedulable: extra.unschedulable },
    status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
  };
}

describe('STATUS', () => {
  it('reads the Ready condition: Ready, NotReady for False or Unknown, Unknown without one', () => {
    expect(nodeStatusText(node('True'))).toBe('Ready');
    expect(nodeStatusText(node('False'))).toBe('NotReady');
    expect(nodeStatusText(node('Unknown'))).toBe('NotReady');
    expect(nodeStatusText(node(undefined))).toBe('Unknown');
  });

  it('adds SchedulingDisabled for a cordoned node', () => {
    expect(nodeStatusText(node('True', { unschedulable: true }))).toBe('Ready,SchedulingDisabled');
  });

  it('lets the last Ready condition win, as printNode keeps one condition per type', () => {
    const twice: Node = {
      metadata: { name: 'n' },
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Ready', status: 'False' },
        ],
      },
    };
    expect(nodeStatusText(twice)).toBe('NotReady');
  });
});

describe('ROLES', () => {
  it('collects node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted', () => {
    const labelled = node('True', {
      labels: {
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/control-plane': '',
        'kubernetes.io/role': 'edge',
        'node-role.kubernetes.io/': 'ignored',
      },
    });
    expect(findNodeRoles(labelled)).toEqual(['control-plane', 'edge', 'worker']);
    expect(nodeRolesText(labelled)).toBe('control-plane,edge,worker');
  });

  it('prints <none> for a node without roles', () => {
    expect(nodeRolesText(node('True', { labels: { 'kubernetes.io/role': '' } }))).toBe('<none>');
  });
});

describe('-o wide columns', () => {
  it('prints the first address of each type and <unknown> for blank versions', () => {
    const n: Node = {
      metadata: { name: 'n' },
      status: {
        addresses: [
          { type: 'Hostname', address: 'n' },
          { type: 'InternalIP', address: '10.0.0.2' },
          { type: 'InternalIP', address: '10.0.0.3' },
        ],
        nodeInfo: { osImage: 'Ubuntu 24.04', kernelVersion: '', containerRuntimeVersion: 'x' },
      },
    };
    expect(nodeWideColumns(n)).toEqual({
      internalIP: '10.0.0.2',
      externalIP: '<none>',
      osImage: 'Ubuntu 24.04',
      kernelVersion: '<unknown>',
      containerRuntime: 'x',
    });
  });
});
