/** `kubectl set image ds/NAME CONTAINER=IMAGE ...` (kubectl/pkg/cmd/set/set_image.go). */
import type { Verb } from './verb.ts';
import { fetchCopy, sendUpdate } from './update.ts';
import { resolveTargets } from '../targets.ts';
import {
  containerNotFound,
  operationDone,
  setImageNeedsPair,
  usageError,
  verbNotOffered,
} from '../messages.ts';

export const setVerb: Verb = {
  name: 'set',
  mutates: true,
  subcommands: ['image'],
  completeArgs(args, source) {
    if (args.length === 0) return setVerb.subcommands ?? [];
    return source.names('DaemonSet').map((n) => `ds/${n}`);
  },
  flags: [],
  run(args, context) {
    const out = context.output;
    const [sub, ...rest] = args.positionals;
    if (sub !== 'image') return out.fail(verbNotOffered(`set ${sub ?? ''}`.trim()));
    if (rest.length === 0)
      return out.fail(
        usageError(
          'one or more resources must be specified as <resource> <name> or <resource>/<name>',
          'kubectl set image',
        ),
      );
    const typeAndName = rest[0].includes('/') ? [rest[0]] : rest.slice(0, 2);
    const targets = resolveTargets(typeAndName);
    if ('error' in targets) return out.fail(targets.error);
    const [target] = targets;
    if (target.type.kind !== 'DaemonSet' && target.type.kind !== 'Pod')
      return out.fail(verbNotOffered(`set image ${target.type.plural}`));
    const pairs = rest.slice(typeAndName.length);
    if (pairs.length === 0 || pairs.some((p) => !p.includes('=')))
      return out.fail(setImageNeedsPair());
    const object = fetchCopy(context, target.type.kind, target.names[0]);
    if (!object) return 1;
    const spec =
      object.kind === 'DaemonSet'
        ? object.spec.template.spec
        : object.kind === 'Pod'
          ? object.spec
          : undefined;
    if (!spec) return 1;
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const image = pair.slice(eq + 1);
      const all = [...(spec.initContainers ?? []), ...spec.containers];
      const matched = all.filter((c) => name === '*' || c.name === name);
      if (matched.length === 0) return out.fail(containerNotFound(name));
      for (const c of matched) c.image = image;
    }
    if (!sendUpdate(context, object)) return 1;
    out.print(operationDone(target.type.singular, object.metadata.name, 'image updated'));
    return 0;
  },
};
