/**
 * `kubectl get TYPE [NAME...] [-o wide|json|yaml|name] [-l SEL] [--field-selector F] [-n NS|-A]`:
 * tables from printers/table.ts, objects as kubectl's JSON/YAML, `No resources found` on
 * stderr for an empty table. `-w`/`--watch-only` go on in get-watch.ts.
 */
import type { Verb } from './verb.ts';
import type { KubeObject } from '../../engine/types.ts';
import { boolFlag, stringFlag } from '../args.ts';
import { nowMs, type VerbContext } from '../context.ts';
import { resolveTargets } from '../targets.ts';
import {
  allNamespacesWithName,
  noResourcesFound,
  watchEventsNeedWatch,
  notFound,
  outputNotOffered,
  getNeedsResource,
  unknownOutputFormat,
} from '../messages.ts';
import { printTable } from '../printers/table.ts';
import { printJson, servedForm, toList } from '../printers/json.ts';
import { printYaml } from '../printers/yaml.ts';
import type { ResourceType } from '../resources.ts';
import { listObjects, selectorWithNames } from '../list.ts';
import { runGetWatch } from './get-watch.ts';

const OFFERED_OUTPUTS = new Set(['wide', 'json', 'yaml', 'name']);
const UPSTREAM_OUTPUTS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'template',
  'templatefile',
];

/** From `-o`'s value, the format, or the error kubectl (or the playground) gives. */
export function checkOutput(
  output: string | undefined,
): { format: string | undefined } | { error: string } {
  if (output === undefined || output === '') return { format: undefined };
  if (OFFERED_OUTPUTS.has(output)) return { format: output };
  const base = output.split('=')[0];
  if (UPSTREAM_OUTPUTS.includes(base)) return { error: outputNotOffered(base) };
  return { error: unknownOutputFormat(output) };
}

/** Objects as kubectl prints them (a plain copy, so printers see ordinary objects). */
/** From objects and a format, the text `get` prints for them. */
export function printObjects(
  type: ResourceType,
  objects: KubeObject[],
  format: string | undefined,
  single: boolean,
  context: VerbContext,
  allNamespaces: boolean,
  table: { noHeaders?: boolean; showLabels?: boolean; namePrefix?: string } = {},
): string {
  if (format === 'json' || format === 'yaml') {
    const value =
      single && objects.length === 1 ? servedForm(objects[0]) : toList(objects.map(servedForm));
    return format === 'json' ? printJson(value) : printYaml(value);
  }
  if (format === 'name')
    return objects.map((o) => `${type.singular}/${o.metadata.name}\n`).join('');
  return printTable(type.kind, objects, {
    nowMs: nowMs(context),
    wide: format === 'wide',
    withNamespace: allNamespaces && type.namespaced,
    ...table,
  });
}

export const get: Verb = {
  name: 'get',
  short: 'Display one or many resources',
  usage:
    'kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  mutates: false,
  flags: [
    { name: 'output', short: 'o', type: 'string', completes: [...OFFERED_OUTPUTS] },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
  ],
  run(args, context) {
    const out = context.output;
    const output = checkOutput(stringFlag(args, 'output'));
    if ('error' in output) return out.fail(output.error);
    const watch = boolFlag(args, 'watch') || boolFlag(args, 'watch-only');
    const events = boolFlag(args, 'output-watch-events');
    if (events && !watch) return out.fail(watchEventsNeedWatch());
    // get.go Complete asks for a resource only when not watching; a watch without one is
    // refused later by the builder, in its own words.
    if (args.positionals.length === 0 && !watch) return out.fail(getNeedsResource());
    const targets = resolveTargets(args.positionals);
    if ('error' in targets) return out.fail(targets.error);
    const allNamespaces = boolFlag(args, 'all-namespaces');
    const selector = stringFlag(args, 'selector');
    const fieldSelector = stringFlag(args, 'field-selector');
    if (watch) {
      return runGetWatch(
        targets,
        {
          format: output.format,
          watchOnly: boolFlag(args, 'watch-only'),
          events,
          allNamespaces,
          selector,
          fieldSelector,
          noHeaders: boolFlag(args, 'no-headers'),
          showLabels: boolFlag(args, 'show-labels'),
        },
        context,
      );
    }
    const several = targets.length > 1;
    const table = {
      noHeaders: boolFlag(args, 'no-headers'),
      showLabels: boolFlag(args, 'show-labels'),
    };
    // Several types print one table each, separated by a blank line, names prefixed by type.
    const human = output.format === undefined || output.format === 'wide';
    const collected: { type: ResourceType; objects: KubeObject[] }[] = [];
    let printedTables = 0;
    const emit = (type: ResourceType, objects: KubeObject[], single: boolean): void => {
      if (several && !human) {
        collected.push({ type, objects });
        return;
      }
      if (several && printedTables > 0) out.write('\n');
      out.write(
        printObjects(type, objects, output.format, single, context, allNamespaces, {
          ...table,
          namePrefix: several ? type.singular : undefined,
        }),
      );
      printedTables++;
    };
    let emptyLists = 0;
    for (const target of targets) {
      const { type, names } = target;
      const namespace = type.namespaced ? context.namespace : undefined;
      if (names.length > 0) {
        const refused = selectorWithNames({ labelSelector: selector, fieldSelector });
        if (refused) return out.fail(refused);
        if (allNamespaces && type.namespaced) return out.fail(allNamespacesWithName());
        const found: KubeObject[] = [];
        const missing: string[] = [];
        for (const name of names) {
          const object = context.cluster.get(type.kind, name, namespace);
          if (object) found.push(object);
          else missing.push(notFound(type.plural, name));
        }
        if (found.length > 0) emit(type, found, names.length === 1 && !several);
        for (const m of missing) out.fail(m);
        continue;
      }
      const listed = listObjects(context.cluster, type, {
        namespace: allNamespaces ? undefined : namespace,
        labelSelector: selector,
        fieldSelector,
      });
      if ('error' in listed) return out.fail(listed.error);
      if (listed.length === 0 && human) {
        emptyLists++;
        continue;
      }
      emit(type, listed, false);
    }
    if (emptyLists > 0 && printedTables === 0 && out.exit === 0) {
      const namespaced = targets.some((t) => t.type.namespaced);
      out.error(noResourcesFound(allNamespaces || !namespaced ? undefined : context.namespace));
    }
    if (collected.length > 0) {
      if (output.format === 'name') {
        out.write(
          collected
            .map((c) => printObjects(c.type, c.objects, 'name', false, context, false))
            .join(''),
        );
      } else {
        const all = collected.flatMap((c) => c.objects);
        out.write(printObjects(collected[0].type, all, output.format, false, context, false));
      }
    }
    return out.exit;
  },
};
