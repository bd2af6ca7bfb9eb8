/**
 * `kubectl version [--client]`: kubectl's short version report (version.go, v1.32: the default
 * output since `--short` became the only form). Client and server are both the playground's
 * Kubernetes version; kubectl v1.32 embeds Kustomize v5.5.0.
 */
import type { Verb } from './verb.ts';
import { boolFlag } from '../args.ts';
import { KUBELET_VERSION } from '../../engine/nodes.ts';

/** The kustomize library kubectl v1.32 is built with (its go.mod: sigs.k8s.io/kustomize). */
export const KUSTOMIZE_VERSION = 'v5.5.0';

export const version: Verb = {
  name: 'version',
  short: 'Print the client and server version information',
  usage: 'kubectl version [flags] [options]',
  mutates: false,
  flags: [{ name: 'client', type: 'bool' }],
  takesNoArguments: true,
  run(args, context) {
    const lines = [`Client Version: ${KUBELET_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`];
    if (!boolFlag(args, 'client')) lines.push(`Server Version: ${KUBELET_VERSION}`);
    context.output.print(lines.join('\n'));
    return 0;
  },
};
