/**
 * The message catalogue: every error and notice the console prints, one named function each,
 * worded as kubectl v1.32 words it (sources named per group). Commands and tests share these,
 * so a wording fix happens in one place.
 */

import { goQuote } from '../engine/api/go-quote.ts';

// ---------------------------------------------------------------------------------------------
// Command line (cobra and kubectl's cmd.go)

/** `kubectl foo`: cobra's unknown-command error as kubectl prints it. */
export const unknownCommand = (word: string): string =>
  `error: unknown command "${word}" for "kubectl"`;

/** A flag no kubectl command has; the usage hint names the command path. */
export const unknownFlag = (flag: string, commandPath: string): string =>
  `error: unknown flag: ${flag}\nSee '${commandPath} --help' for usage.`;

/** `kubectl rollout frob`: the unknown subcommand of a command that runs (cobra and UsageErrorf). */
export const unknownSubcommand = (word: string, verb: string): string =>
  `error: unknown command "${word}"\nSee 'kubectl ${verb} -h' for help and examples`;

/** A single-letter flag no kubectl command has (pflag's wording). */
export const unknownShorthandFlag = (letter: string, word: string, commandPath: string): string =>
  `error: unknown shorthand flag: '${letter}' in ${word}\nSee '${commandPath} --help' for usage.`;

/** A flag that needs a value but got none (pflag's wording). */
export const flagNeedsArgument = (flag: string, commandPath: string): string =>
  `error: flag needs an argument: ${flag}\nSee '${commandPath} --help' for usage.`;

/** A flag value that does not parse, e.g. `--to-revision=x` (pflag's wording). */
export const invalidFlagValue = (
  value: string,
  flag: string,
  type: string,
  commandPath: string,
): string =>
  `error: invalid argument "${value}" for "${flag}" flag: parse error\nSee '${commandPath} --help' for usage.`.replace(
    'parse error',
    type === 'int'
      ? `strconv.ParseInt: parsing "${value}": invalid syntax`
      : `strconv.ParseBool: parsing "${value}": invalid syntax`,
  );

/** A real kubectl verb the playground leaves out. */
export const verbNotOffered = (verb: string): string =>
  `error: "kubectl ${verb}" is not available in the playground (it simulates scheduling, not containers)`;

/** A real kubectl flag the playground leaves out. */
export const flagNotOffered = (flag: string, commandPath: string): string =>
  `error: the ${flag} flag of "${commandPath}" is not available in the playground`;

/** An `-o` format kubectl has but the playground leaves out. */
export const outputNotOffered = (format: string): string =>
  `error: output format "${format}" is not available in the playground (use wide, json, yaml or name)`;

/** An `-o` value kubectl does not know (printflags.go). */
export const unknownOutputFormat = (format: string): string =>
  `error: unable to match a printer suitable for the output format "${format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`;

/** `kubectl` with no command. */
export const commandRequired = (): string =>
  'error: a command is required, for example: kubectl get nodes';

/** `kubectl get ds ds/x` (builder's resource/name rule). */
export const resourceNameFormMixed = (): string =>
  "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/** `kubectl get ds/` with no name. */
export const resourceNameFormEmpty = (): string =>
  'error: arguments in resource/name form must have a single resource and name';

/** apply -n X of a manifest that names namespace Y. */
export const namespaceMismatch = (written: string, given: string): string =>
  `error: the namespace from the provided object "${written}" does not match the namespace "${given}". You must pass '--namespace=${written}' to perform this operation.`;

/** A YAML error go-yaml reports without a line (alias limits, unknown anchors). */
export const yamlParseErrorNoLine = (file: string, problem: string): string =>
  `error: error parsing ${file}: error converting YAML to JSON: yaml: ${problem}`;

/** A line whose first word is neither kubectl nor sim. */
export const commandNotFound = (word: string): string =>
  `${word}: command not found (the console runs kubectl and sim commands)`;

/** A line with an open quote. */
export const shellSyntax = (detail: string): string => `error: ${detail}`;

/** `kubectl` alone, or a verb that needs a resource but got none. */
export const requiredResource = (verb: string): string =>
  `error: You must specify the type of resource to ${verb}. Use "kubectl api-resources" for a complete list of supported resources.`;

/** `kubectl describe` without arguments. */
export const describeRequiresResource = (): string =>
  `error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.`;

/** A resource type the API server does not serve (get.go via the REST mapper). */
export const unknownResourceType = (type: string): string =>
  `error: the server doesn't have a resource type "${type}"`;

/** A resource type that exists in Kubernetes but not in this simulated cluster. */
export const resourceTypeNotOffered = (type: string): string =>
  `error: resource type "${type}" is not available in the playground`;

/** Words after a command that takes none, as Go prints a []string (apply.go, create.go). */
export const unexpectedArgs = (words: string[], commandPath: string): string =>
  `error: Unexpected args: [${words.join(' ')}]\nSee '${commandPath} -h' for help and examples`;

/** `kubectl get` alone (get.go): a hint on stderr first, then the usage error. */
export const getNeedsResource = (): string =>
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples';

/** Arguments after a verb that takes none of them. */
export const usageError = (message: string, commandPath: string): string =>
  `error: ${message}\nSee '${commandPath} -h' for help and examples`;

/** Names together with `-l` (the builder's visitByName). */
export const nameWithSelector = (): string =>
  'error: name cannot be provided when a selector is specified';

/** Names together with `--field-selector` (the builder's visitByName). */
export const nameWithFieldSelector = (): string =>
  'error: name cannot be provided when a field selector is specified';

/** `-A` with a name (get.go). */
export const allNamespacesWithName = (): string =>
  'error: a resource cannot be retrieved by name across all namespaces';

/** A command that reads objects given no type, name or file (the builder's Do). */
export const noResourcesGiven = (): string =>
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** `get -w` over several types (the builder's SingleResourceType). */
export const watchOneType = (): string => 'error: you may only specify a single resource type';

/** `get -w` naming several objects: kubectl prints them, then refuses to watch (Result.Watch). */
export const watchOneResource = (): string =>
  'error: you may only watch a single resource or type of resource at a time';

/** `--output-watch-events` without a watch (get.go Validate). */
export const watchEventsNeedWatch = (): string =>
  'error: --output-watch-events option can only be used with --watch or --watch-only';

/** A type without a name, `-l` or `--all` (the builder's ResourceTypeOrNameArgs). */
export const noNameGiven = (): string =>
  'error: resource(s) were provided, but no name was specified';

/** An error kubectl wraps with cmdutil.UsageErrorf: the help line follows it. */
export const withUsage = (error: string, commandPath: string): string =>
  `${error}\nSee '${commandPath} -h' for help and examples`;

/** A type kubectl's REST mapper does not know, from a check that prints it bare (checkErr). */
export const noResourceType = (type: string): string =>
  `the server doesn't have a resource type "${type}"`;

/** `delete --all -l SEL` (the builder's SelectAllParam; kubectl's text ends in a space). */
export const allAndSelector = (): string =>
  "error: setting 'all' parameter but found a non empty selector. ";

/** `--all` with `-l` (label.go and friends). */
export const allWithSelector = (): string =>
  'error: cannot set --all and --selector at the same time';

/** A name after the first change (cmd/util GetResourcesAndPairs, taint.go). */
export const resourcesBeforeChanges = (pairType: string, word: string): string =>
  `error: all resources must be specified before ${pairType} changes: ${word}`;

// ---------------------------------------------------------------------------------------------
// Files and manifests (cli-runtime builder and apimachinery yaml decoder)

/** `-f NAME` that does not exist. */
export const pathDoesNotExist = (path: string): string =>
  `error: the path "${path}" does not exist`;

/** `apply` without `-f`. */
export const mustSpecifyFilename = (): string => `error: must specify one of -f and -k`;

/** A YAML syntax error in document N, with kubectl's line number within that document. */
export const yamlParseError = (file: string, line: number, problem: string): string =>
  `error: error parsing ${file}: error converting YAML to JSON: yaml: line ${line}: ${problem}`;

/** A problem found before any line is read, such as a bad document separator. */
export const yamlStreamError = (file: string, problem: string): string =>
  `error: error parsing ${file}: ${problem}`;

/**
 * A document kubectl's client-side validation refuses before sending (builder's ValidateSchema
 * and StreamVisitor): `detail` is getObjectKind's errors, one bare or several as `[a, b]`
 * (`renderObjectKindErrors` of engine/api/kind-check.ts).
 */
export const validationFailed = (file: string, detail: string): string =>
  `error: error validating "${file}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`;

/**
 * A document without a usable `kind` where nothing validated it first (`delete -f`, or
 * `kind: ""`): the unstructured decoder's wording, with the document as JSON.
 */
export const missingKind = (file: string, json: string): string =>
  `error: unable to decode "${file}": Object 'Kind' is missing in '${json}'`;

/** A document that is not a mapping (a list, a scalar). */
export const notAnObject = (file: string, json: string): string =>
  `error: unable to decode "${file}": json: cannot unmarshal ${json} into Go value of type map[string]interface {}`;

/** An object larger than the API server's 3 MiB request limit (one request per object). */
export const objectTooLarge = (verb: string, file: string): string =>
  `Error from server (RequestEntityTooLarge): error when ${verb} "${file}": Request entity too large: limit is 3145728`;

/** go-yaml's words for more alias expansion than a manifest should ever need. */
export const excessiveAliasingProblem = (): string => 'document contains excessive aliasing';

/** Aliases that would expand a file past the playground's budget (kubectl has no such limit). */
export const aliasBudgetProblem = (bytes: number): string =>
  `aliases expand this file past ${bytes / 1024 / 1024} MiB, more than the playground expands (a playground limit: kubectl would go on expanding, for minutes)`;

/** A problem the playground refuses a file for, beyond what kubectl checks. */
export const playgroundLimitError = (file: string, problem: string): string =>
  `error: error parsing ${file}: ${problem}`;

/** A decoded value sigs.k8s.io/yaml cannot turn into JSON (NaN, an infinity, a null key). */
export const yamlToJsonError = (file: string, problem: string): string =>
  `error: error parsing ${file}: error converting YAML to JSON: ${problem}`;

/** Nesting deeper than any Kubernetes object. */
export const excessiveNestingProblem = (maxDepth: number): string =>
  `exceeded max depth of ${maxDepth}`;

/** An alias to an anchor that was never defined (go-yaml's words). */
export const unknownAnchorProblem = (name: string): string => `unknown anchor '${name}' referenced`;

/** The file as a whole is larger than the console reads. */
export const fileTooLarge = (file: string, bytes: number): string =>
  `error: error reading ${file}: the file is ${bytes} bytes; the playground reads files up to 16 MiB`;

/** A duplicate mapping key (kubectl keeps the last value silently; we warn for learners). */
export const duplicateKeyWarning = (key: string, line: number, firstLine: number): string =>
  `duplicate key "${key}" on line ${line}: kubectl keeps this last value and ignores the one on line ${firstLine}`;

/** An unknown kind or apiVersion (the builder's REST mapping). */
export const noKindMatch = (
  name: string,
  namespace: string,
  file: string,
  kind: string,
  apiVersion: string,
): string =>
  `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${file}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;

/** apply/delete with a file that holds no objects. */
export const noObjectsInFile = (verb: string): string => `error: no objects passed to ${verb}`;

// ---------------------------------------------------------------------------------------------
// API errors (apimachinery/pkg/api/errors and kubectl's cmd/util/helpers.go)

/** `Error from server (NotFound): pods "x" not found`. */
export const notFound = (resource: string, name: string): string =>
  `Error from server (NotFound): ${resource} "${name}" not found`;

/** NotFound while acting on a file's object (`error when deleting "f.yaml"`). */
export const notFoundFor = (verb: string, file: string, resource: string, name: string): string =>
  `Error from server (NotFound): error when ${verb} "${file}": ${resource} "${name}" not found`;

/** `Error from server (AlreadyExists): namespaces "x" already exists`. */
export const alreadyExists = (resource: string, name: string): string =>
  `Error from server (AlreadyExists): ${resource} "${name}" already exists`;

/** AlreadyExists while acting on a file's object. */
export const alreadyExistsFor = (
  verb: string,
  file: string,
  resource: string,
  name: string,
): string =>
  `Error from server (AlreadyExists): error when ${verb} "${file}": ${resource} "${name}" already exists`;

/** An Invalid error as one line of an aggregate: causes in brackets when there are several. */
export const invalidInAggregate = (
  where: string,
  qualifiedKind: string,
  name: string,
  causes: string[],
): string =>
  `Error from server (Invalid): ${where}${qualifiedKind} "${name}" is invalid: ${causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`}`;

/** `error when creating "FILE": ` (AddSourceToErr), or nothing without a file. */
export const errorWhen = (verb: string, file: string | undefined): string =>
  file === undefined ? '' : `error when ${verb} "${file}": `;

/** Decoding failures (400) for a file's object. */
export const badRequest = (verb: string, file: string | undefined, message: string): string =>
  file === undefined
    ? `Error from server (BadRequest): ${message}`
    : `Error from server (BadRequest): error when ${verb} "${file}": ${message}`;

/** Forbidden and Conflict, with the server's message. */
export const serverError = (
  reason: string,
  verb: string,
  file: string | undefined,
  message: string,
): string =>
  file === undefined
    ? `Error from server (${reason}): ${message}`
    : `Error from server (${reason}): error when ${verb} "${file}": ${message}`;

/** The head of an Invalid error: `The DaemonSet "x" is invalid: ` (note the trailing space kubectl keeps). */
export const invalidHead = (kind: string, name: string): string =>
  `The ${kind} "${name}" is invalid: `;

/** `No resources found in default namespace.` (get.go). */
export const noResourcesFound = (namespace: string | undefined): string =>
  namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.`;

// ---------------------------------------------------------------------------------------------
// Verb results (printed on stdout as `kind.group/name operation`)

/** An object's REST mapping and name, as apply.go prints its Info in errors. */
export interface PatchTarget {
  group: string;
  version: string;
  resource: string;
  kind: string;
  name: string;
  namespace: string;
}

const infoLines = (target: PatchTarget): string =>
  `Resource: "${target.group}/${target.version}, Resource=${target.resource}", GroupVersionKind: "${target.group}/${target.version}, Kind=${target.kind}"\n` +
  `Name: "${target.name}", Namespace: "${target.namespace}"`;

/**
 * apply.go when the server refuses the patch (other than Invalid, which prints from its
 * details): the patch, the object's mapping, the file twice (applying, then patching) and the
 * server's message, under `Error from server (Reason): ` or, without a reason, `Error from server: `.
 */
export const applyPatchFailed = (
  reason: string | undefined,
  patch: string,
  target: PatchTarget,
  file: string,
  message: string,
): string =>
  `Error from server${reason === undefined ? '' : ` (${reason})`}: error when applying patch:\n${patch}\nto:\n${infoLines(target)}\nfor: "${file}": error when patching "${file}": ${message}`;

/**
 * apply.go when the three-way patch cannot be computed: the (empty) patch and the object's
 * mapping, then the three documents and strategicpatch's error
 * (`map: map[image:x] does not contain declared merge key: name`), as kubectl v1.32 nests them.
 */
export const patchCreationFailed = (
  target: PatchTarget,
  documents: { original: string; modified: string; current: string },
  file: string,
  message: string,
): string =>
  `error: error when applying patch:\n\nto:\n${infoLines(target)}\n` +
  `for: "${file}": error when patching "${file}": creating patch with:\noriginal:\n${documents.original}\nmodified:\n${documents.modified}\ncurrent:\n${documents.current}\nfor:: ${message}`;

/** `daemonset.apps/x created`, `node/x cordoned`, ... (the name printer with an operation). */
export const operationDone = (resource: string, name: string, operation: string): string =>
  `${resource}/${name} ${operation}`;

/** apply of an object made by `kubectl create` (apply.go's warning; the annotation is then added). */
export const missingLastApplied = (resource: string, name: string): string =>
  `Warning: resource ${resource}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;

/**
 * `pod "x" deleted`, or `force deleted` with a grace period of 0 (delete.go's PrintObj; the
 * ` from NS namespace` suffix came only in kubectl v1.34).
 */
export const deleted = (resource: string, name: string, force = false): string =>
  `${resource} "${name}" ${force ? 'force deleted' : 'deleted'}`;

/** `delete --force` with a grace period of 0 (delete.go Validate), on stderr. */
export const immediateDeletionWarning = (): string =>
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** `delete --force --grace-period=N` with N > 0. */
export const forceWithGracePeriod = (): string =>
  'error: --force and --grace-period greater than 0 cannot be specified together';

/** `delete --now --grace-period=N`. */
export const nowWithGracePeriod = (): string =>
  'error: --now and --grace-period cannot be specified together';

/** `kubectl delete` that matched nothing: on stdout, exit 0 (unlike get's stderr line). */
export const deleteFoundNothing = (): string => 'No resources found';

// ---------------------------------------------------------------------------------------------
// taint, label, cordon, drain (kubectl/pkg/cmd/taint, label, drain)

export const invalidTaintEffect = (effect: string): string =>
  `error: invalid taint effect: ${effect}, unsupported taint effect`;
export const invalidTaintSpec = (spec: string, detail?: string): string =>
  detail ? `error: invalid taint spec: ${spec}, ${detail}` : `error: invalid taint spec: ${spec}`;
export const duplicatedTaint = (taint: string): string =>
  `error: duplicated taints with the same key and effect: ${taint}`;
export const taintAlreadyExists = (node: string, keys: string): string =>
  `error: node ${node} already has ${keys} taint(s) with same effect(s) and --overwrite is false`;
export const taintNotFound = (taint: string): string => `error: taint "${taint}" not found`;
export const taintNeedsSpec = (): string => 'error: at least one taint update is required';
export const taintNeedsResources = (): string =>
  'error: one or more resources must be specified as <resource> <name>';
export const taintNeedsName = (): string =>
  "error: at least one resource name must be specified since 'all' parameter is not set";
export const taintAllWithSelector = (): string =>
  "error: setting 'all' parameter with a non empty selector is prohibited";
/** taint.go Validate: `key=effect` for each taint both added and removed. */
export const taintModifyAndRemove = (taints: string[]): string =>
  `error: can not both modify and remove the following taint(s) in the same command: ${taints.join(', ')}`;
export const taintOnlyNodes = (type: string): string =>
  `error: invalid resource type ${type}, only node types are supported`;

/** A label value kubectl refuses before sending. */
export const invalidLabelValue = (spec: string, detail: string): string =>
  `error: invalid label value: "${spec}": ${detail}`;
export const invalidLabelSpec = (spec: string): string => `error: invalid label spec: ${spec}`;
export const unknownLabelSpec = (spec: string): string => `error: unknown label spec: ${spec}`;
export const labelModifyAndRemove = (): string =>
  'error: can not both modify and remove a label in the same command';
export const labelAlreadyHasValue = (key: string, old: string): string =>
  `error: '${key}' already has a value (${old}), and --overwrite is false`;
export const labelNotFound = (key: string): string => `label "${key}" not found.`;
export const labelNeedsResources = (): string =>
  'error: one or more resources must be specified as <resource> <name> or <resource>/<name>';
export const labelNeedsSpec = (): string => 'error: at least one label update is required';

export const alreadyCordoned = (node: string): string => `node/${node} already cordoned`;
export const alreadyUncordoned = (node: string): string => `node/${node} already uncordoned`;

/** One part of drain's warning line (PodDeleteList.Warnings). */
export const drainIgnoringDaemonSets = (pods: string[]): string =>
  `ignoring DaemonSet-managed Pods: ${pods.join(', ')}`;
export const drainEvicting = (namespace: string, pod: string): string =>
  `evicting pod ${namespace}/${pod}`;
export const drainDaemonSetPods = (pods: string[]): string =>
  `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${pods.join(', ')}`;
export const drainBarePods = (pods: string[]): string =>
  `cannot delete Pods that declare no controller (use --force to override): ${pods.join(', ')}`;
export const drainFailed = (node: string, reason: string): string =>
  `error: unable to drain node "${node}" due to error: ${reason}, continuing command...`;
export const drainPending = (nodes: string[]): string =>
  `There are pending nodes to be drained:\n${nodes.map((n) => ` ${n}`).join('\n')}`;
export const drainBareWarning = (pods: string[]): string =>
  `deleting Pods that declare no controller: ${pods.join(', ')}`;

/** drain's one warning line: its parts joined with "; " after a single prefix. */
export const drainWarnings = (parts: string[]): string => `Warning: ${parts.join('; ')}`;

// ---------------------------------------------------------------------------------------------
// set image, patch, rollout (kubectl/pkg/cmd/set, patch, rollout; polymorphichelpers)

export const containerNotFound = (name: string): string =>
  `error: unable to find container named "${name}"`;
export const setImageNeedsPair = (): string => 'error: at least one image update is required';
export const setImageWildcardAndMore = (): string =>
  'error: all containers are already specified by *, but saw more than one container_name=container_image pairs';
/** The server refused set image's patch (set_image.go wraps the server's message). */
export const setImagePatchFailed = (serverMessage: string): string =>
  `failed to patch image update to pod template: ${serverMessage}`;
/** `NAME=VALUE` arguments that are not pairs (cmd/util ParsePairs). */
export const invalidPairFormat = (pairType: string, words: string[]): string =>
  `error: invalid ${pairType} format: ${words.join(', ')}`;
export const patchNeedsPatch = (): string =>
  'error: must specify --patch or --patch-file containing the contents of the patch';
export const patchTypeNotOffered = (type: string): string =>
  `error: --type "${type}" is not available in the playground (use --type=merge)`;
export const patchUnknownType = (type: string): string =>
  `error: --type must be one of [json merge strategic], not "${type}"`;
/** patch.go: `unable to parse %q: %v`, the patch quoted as Go quotes it. */
export const patchInvalidJson = (patch: string): string =>
  `error: unable to parse ${goQuote(patch)}: yaml: did not find expected node content`;
export const patchNotObject = (): string => 'error: the patch must be a JSON object';

export const rolloutOnlyRollingUpdate = (): string =>
  'error: rollout status is only available for RollingUpdate strategy type';
export const rolloutWaitingObserved = (): string =>
  'Waiting for daemon set spec update to be observed...';
export const rolloutWaitingUpdated = (name: string, updated: number, desired: number): string =>
  `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`;
export const rolloutWaitingAvailable = (name: string, available: number, desired: number): string =>
  `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`;
export const rolloutDone = (name: string): string => `daemon set "${name}" successfully rolled out`;
export const rolloutTimeout = (): string => 'error: timed out waiting for the condition';
export const noRolloutHistory = (): string => 'No rollout history found.';
export const noLastRevision = (): string => 'error: no last revision to roll back to';
export const revisionNotFound = (revision: number): string =>
  `error: unable to find specified revision ${revision} in history`;
/** `rollout history --revision=N` for a revision that does not exist (history.go printHistory). */
/** `rollout history --revision=-1` (rollout_history.go and rollout_status.go Validate). */
export const revisionNotPositive = (revision: number): string =>
  `error: revision must be a positive integer: ${revision}`;
export const historyRevisionNotFound = (): string => 'error: unable to find the specified revision';
export const rollbackSkipped = (name: string, revision: number): string =>
  `daemonset.apps/${name} skipped rollback (current template already matches revision ${revision})`;
/** `rollout pause|resume` of a DaemonSet (rollout_pause.go wraps the pauser's refusal). */
export const rolloutNotSupported = (
  resource: string,
  name: string,
  sub: 'pause' | 'resume',
): string =>
  `error: ${resource} "${name}" ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported`;
export const rolloutNeedsResource = (): string => 'error: required resource not specified';
export const rolloutKindNotSupported = (kind: string): string =>
  `error: no rollout support for ${kind} in the playground (DaemonSets only)`;
// ---------------------------------------------------------------------------------------------
// sim commands (the playground's own clock and kubelet controls)

/** Verbs that take exactly one NODE. */
export const nodeUsage = (verb: string): string =>
  `error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`;

export const simUsage = (): string =>
  'error: usage: sim wait DURATION | sim settle | sim node NAME condition TYPE=STATUS | sim node NAME allocatable RESOURCE=QUANTITY...';
/** `sim foo`: the unknown word named, as cobra names it, then the usage line. */
export const simUnknownCommand = (word: string, usage: string): string =>
  `error: unknown command "${word}" for "sim"\n${usage.replace(/^error: /, '')}`;
export const simBadDuration = (text: string): string =>
  `error: invalid duration "${text}" (use a number with a unit: 500ms, 5s, 2m, 1h)`;
export const simNotSettled = (what: string): string =>
  `error: the cluster did not settle within 10 simulated minutes: ${what}`;
export const simBadCondition = (text: string): string =>
  `error: invalid condition "${text}" (TYPE is Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable; STATUS is True, False or Unknown)`;
export const simBadResource = (text: string): string =>
  `error: invalid resource "${text}" (RESOURCE is cpu, memory, pods or ephemeral-storage; QUANTITY is a quantity such as 4, 500m or 8Gi)`;
export const simAllocatableSet = (node: string, pairs: string[]): string =>
  `node/${node} allocatable ${pairs.join(' ')}`;
export const simConditionSet = (node: string, type: string, status: string): string =>
  `node/${node} condition ${type}=${status}`;

/** `kubectl explain` alone (explain.go): the hint, then the usage error. */
export const explainNeedsResource = (): string =>
  'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee \'kubectl explain -h\' for help and examples';
/** `kubectl explain a b` (explain.go). */
export const explainOneResource = (): string =>
  "error: We accept only this format: explain RESOURCE\n\nSee 'kubectl explain -h' for help and examples";
/** A field path step the schema does not have (explain/v2 plaintext template). */
export const explainFieldMissing = (field: string): string =>
  `error: field "${field}" does not exist`;
/** `kubectl help foo` (cobra's help command prints the words with Go's %#q). */
export const unknownHelpTopic = (words: string[]): string =>
  `Unknown help topic [${words.map((w) => `\`${w}\``).join(' ')}]`;

// ---------------------------------------------------------------------------------------------
// kubectl edit (cmd/util/editor/editoptions.go, editor.go)

/** Headless there is no editor: editor.go's words when `vi` (the Linux default) is not found. */
export const editorUnavailable = (): string => 'error: unable to launch the editor "vi"';
/** The page's note when the object opens in an editor tab (a playground extension). */
export const editOpened = (resource: string, name: string, file: string): string =>
  `Editing ${resource}/${name} in the editor tab ${file}: change it, then Apply that tab to save it (kubectl edit patches the live object).`;
/** The edited text equals the object (editoptions.go). */
export const editNoChanges = (): string => 'Edit cancelled, no changes made.';
/** The edited text has nothing but comments and blank lines (editoptions.go). */
export const editEmpty = (): string => 'Edit cancelled, saved file was empty.';
/** editoptions.go reopens the file with this reason as its header; the page prints it. */
export const editSyntaxError = (problem: string): string =>
  `error: The edited file had a syntax error: ${problem}`;
/** The patch's preconditions (editoptions.go visitToPatch). */
export const editIdentityChanged = (): string =>
  'error: At least one of apiVersion, kind and name was changed';
/** resource.RequireNamespace, when the edited object names another namespace. */
export const editNamespaceChanged = (written: string, namespace: string): string =>
  `error: the namespace from the provided object "${written}" does not match the namespace "${namespace}". You must pass '--namespace=${written}' to perform this operation.`;
/** The edited text must hold the one object that was opened. */
export const editNotOneObject = (file: string): string =>
  `error: ${file} must hold exactly the one object kubectl edit opened`;
/** editResults.addError for an Invalid answer: the error line, then the reasons of the header. */
export const editInvalid = (resource: string, name: string, causes: string[]): string =>
  [
    `error: ${resource} "${name}" is invalid`,
    `# ${resource} "${name}" was not valid:`,
    ...causes.map((c) => `# * ${c}`),
  ].join('\n');
/** editResults.addError for a deleted object, and where the edits were kept. */
export const editGone = (resource: string, name: string, file: string): string =>
  `error: ${resource} "${name}" could not be found on the server\nThe edits you made on deleted resources have been saved to "${file}"`;
/** editResults.addError for any other failure of the patch. */
export const editNotPatched = (resource: string, name: string, why: string): string =>
  `error: ${resource} "${name}" could not be patched: ${why}`;
/**
 * The API server's Conflict: the playground's edit finds the object's spec changed since the
 * tab opened (its generation moved on).
 */
export const editConflict = (resource: string, name: string): string =>
  `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`;
