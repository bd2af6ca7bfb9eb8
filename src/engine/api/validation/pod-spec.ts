/**
 * Pod spec validation after pkg/apis/core/validation/validation.go (ValidatePodSpec,
 * validateContainers, validateContainerPorts, AccumulateUniqueHostPorts,
 * ValidateResourceRequirements, ValidateTolerations, validateNodeAffinity, ...), with the same
 * field paths, error types and detail texts. Used for Pods and for pod templates.
 */
import { VOLUME_SOURCE_KEYS } from '../schema.ts';
import type { FieldError } from '../../operations.ts';
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
} from '../field-errors.ts';
import { canonicalQuantity, parseQuantity } from '../../../kube/quantity.ts';
import {
  inclusiveRangeError,
  num,
  obj,
  objs,
  str,
  strMap,
  strs,
  validateNonnegative,
  type Obj,
} from './common.ts';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  validateAnnotations,
  validateLabels,
} from './names.ts';

/** ValidateDNS1123Label: one Invalid per message. */
function dns1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((message) => invalid(path, value, message));
}

/** From a label key and its path, ValidateLabelName: a qualified name, one Invalid per message. */
export function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((message) => invalid(path, key, message));
}

/** validation.IsValidPortNum. */
function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** From a port name, validation.IsValidPortName's messages (IANA_SVC_NAME rules). */
export function isValidPortName(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errors.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-')))
    errors.push('must not begin or end with a hyphen');
  return errors;
}

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: Obj[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `${path}[${i}]`;
    const name = str(port, 'name');
    if (name !== '') {
      const messages = isValidPortName(name);
      if (messages.length > 0) errors.push(...messages.map((m) => invalid(`${at}.name`, name, m)));
      else if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const containerPort = num(port, 'containerPort') ?? 0;
    if (containerPort === 0) errors.push(required(`${at}.containerPort`));
    else
      errors.push(
        ...isValidPortNum(containerPort).map((m) =>
          invalid(`${at}.containerPort`, containerPort, m),
        ),
      );
    const hostPort = num(port, 'hostPort') ?? 0;
    if (hostPort !== 0)
      errors.push(...isValidPortNum(hostPort).map((m) => invalid(`${at}.hostPort`, hostPort, m)));
    const protocol = str(port, 'protocol');
    if (protocol === '') errors.push(required(`${at}.protocol`));
    else if (!PORT_PROTOCOLS.includes(protocol))
      errors.push(notSupported(`${at}.protocol`, protocol, PORT_PROTOCOLS));
  });
  return errors;
}

/** AccumulateUniqueHostPorts: `PROTOCOL/HOSTIP/PORT` must be unique across the pod's containers. */
function checkHostPortConflicts(containers: Obj[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((container, ci) => {
    objs(container, 'ports').forEach((port, pi) => {
      const hostPort = num(port, 'hostPort') ?? 0;
      if (hostPort === 0) return;
      const key = `${str(port, 'protocol')}/${str(port, 'hostIP')}/${hostPort}`;
      if (seen.has(key)) errors.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errors;
}

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** helper.IsNativeResource: no domain, or a kubernetes.io domain. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** helper.IsOvercommitAllowed: native, non-hugepages resources may request less than the limit. */
function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !name.startsWith('hugepages-');
}

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errors = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
      errors.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && name.startsWith('requests.')) {
    errors.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

/** ValidateResourceQuantityValue: non-negative; extended resources must be whole numbers. */
function validateQuantityValue(name: string, quantity: unknown, path: string): FieldError[] {
  const value = parseQuantity(quantity) ?? 0;
  const text = canonicalQuantity(quantity) ?? String(quantity);
  // Upstream passes quantity.String() here, so the value prints quoted.
  if (value < 0) return [invalid(path, text, 'must be greater than or equal to 0')];
  if (!isNativeResource(name) && Math.round(value * 1000) % 1000 !== 0) {
    return [invalid(path, quantity, 'must be an integer', 'Quantity')];
  }
  return [];
}

/** From a container's resources and their path (`…resources`), ValidateResourceRequirements. */
export function validateResources(resources: Obj | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const limits = obj(resources, 'limits') ?? {};
  const requests = obj(resources, 'requests') ?? {};
  for (const name of Object.keys(limits)) {
    const at = `${path}.limits[${name}]`;
    errors.push(
      ...validateContainerResourceName(name, at),
      ...validateQuantityValue(name, limits[name], at),
    );
  }
  for (const name of Object.keys(requests)) {
    const at = `${path}.requests[${name}]`;
    errors.push(
      ...validateContainerResourceName(name, at),
      ...validateQuantityValue(name, requests[name], at),
    );
    const request = requests[name];
    const requestText = canonicalQuantity(request) ?? String(request);
    if (Object.hasOwn(limits, name)) {
      const limitText = canonicalQuantity(limits[name]) ?? String(limits[name]);
      const cmp = (parseQuantity(request) ?? 0) - (parseQuantity(limits[name]) ?? 0);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errors.push(
          invalid(
            `${path}.requests`,
            requestText,
            `must be equal to ${name} limit of ${limitText}`,
          ),
        );
      } else if (cmp > 0) {
        errors.push(
          invalid(
            `${path}.requests`,
            requestText,
            `must be less than or equal to ${name} limit of ${limitText}`,
          ),
        );
      }
    } else if (!isOvercommitAllowed(name)) {
      errors.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errors;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function validateProbe(probe: Obj | undefined, path: string): FieldError[] {
  if (probe === undefined) return [];
  const errors: FieldError[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter(
    (key) => probe[key] !== undefined,
  );
  if (handlers.length === 0) errors.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1)
    errors.push(forbidden(`${path}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    errors.push(...validateNonnegative(num(probe, key), `${path}.${key}`));
  }
  const exec = obj(probe, 'exec');
  if (exec !== undefined && strs(exec, 'command').length === 0)
    errors.push(required(`${path}.exec.command`));
  for (const handler of ['httpGet', 'tcpSocket']) {
    const port = obj(probe, handler)?.port;
    if (typeof port === 'number')
      errors.push(...isValidPortNum(port).map((m) => invalid(`${path}.${handler}.port`, port, m)));
    else if (typeof port === 'string') {
      errors.push(...isValidPortName(port).map((m) => invalid(`${path}.${handler}.port`, port, m)));
    }
  }
  return errors;
}

/** validateContainerCommon, the probes and the regular-container rules, for one container. */
/**
 * ValidateSecurityContext's check of flags that contradict each other
 * (pkg/apis/core/validation/validation.go): a container that may not escalate its privileges
 * can be neither privileged nor given CAP_SYS_ADMIN.
 */
function validateSecurityContext(context: Obj | undefined, path: string): FieldError[] {
  if (context === undefined || context.allowPrivilegeEscalation !== false) return [];
  const errors: FieldError[] = [];
  const refuse = (detail: string): FieldError => ({
    type: 'Invalid value',
    field: path,
    value: context,
    hasValue: true,
    valueType: 'core.SecurityContext',
    detail,
  });
  if (context.privileged === true)
    errors.push(refuse('cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  const capabilities = obj(context, 'capabilities');
  const added = capabilities && Array.isArray(capabilities.add) ? capabilities.add : [];
  for (const capability of added)
    if (capability === 'CAP_SYS_ADMIN')
      errors.push(
        refuse(
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        ),
      );
  return errors;
}

function validateContainer(
  container: Obj,
  path: string,
  volumeNames: Set<string>,
  isInit: boolean,
  names: Set<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const name = str(container, 'name');
  if (name === '') errors.push(required(`${path}.name`));
  else errors.push(...dns1123Label(name, `${path}.name`));
  if (str(container, 'image') === '') errors.push(required(`${path}.image`));
  const terminationMessagePolicy = str(container, 'terminationMessagePolicy');
  if (terminationMessagePolicy === '') errors.push(required(`${path}.terminationMessagePolicy`));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(terminationMessagePolicy)) {
    errors.push(
      notSupported(
        `${path}.terminationMessagePolicy`,
        terminationMessagePolicy,
        TERMINATION_MESSAGE_POLICIES,
      ),
    );
  }
  errors.push(...validateContainerPorts(objs(container, 'ports'), `${path}.ports`));
  objs(container, 'env').forEach((env, i) => {
    const envName = str(env, 'name');
    if (envName === '') errors.push(required(`${path}.env[${i}].name`));
    // v1.32 enables RelaxedEnvironmentVariableValidation: any printable ASCII except '='.
    else if (!/^[ -<>-~]+$/.test(envName)) {
      errors.push(
        invalid(
          `${path}.env[${i}].name`,
          envName,
          "a valid environment variable name must consist only of printable ASCII characters other than '='",
        ),
      );
    }
  });
  const mountPaths = new Set<string>();
  objs(container, 'volumeMounts').forEach((mount, i) => {
    const at = `${path}.volumeMounts[${i}]`;
    const mountName = str(mount, 'name');
    if (mountName === '') errors.push(required(`${at}.name`));
    else if (!volumeNames.has(mountName)) errors.push(notFound(`${at}.name`, mountName));
    const mountPath = str(mount, 'mountPath');
    if (mountPath === '') errors.push(required(`${at}.mountPath`));
    else if (mountPaths.has(mountPath))
      errors.push(invalid(`${at}.mountPath`, mountPath, 'must be unique'));
    else mountPaths.add(mountPath);
  });
  const pullPolicy = str(container, 'imagePullPolicy');
  if (pullPolicy === '') errors.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pullPolicy))
    errors.push(notSupported(`${path}.imagePullPolicy`, pullPolicy, PULL_POLICIES));
  errors.push(...validateResources(obj(container, 'resources'), `${path}.resources`));
  errors.push(
    ...validateSecurityContext(obj(container, 'securityContext'), `${path}.securityContext`),
  );
  // Names are unique across containers and init containers; checked before the probes, as upstream.
  if (names.has(name)) errors.push(duplicate(`${path}.name`, name));
  else names.add(name);
  if (!isInit) {
    errors.push(...validateProbe(obj(container, 'livenessProbe'), `${path}.livenessProbe`));
    errors.push(...validateProbe(obj(container, 'readinessProbe'), `${path}.readinessProbe`));
    errors.push(...validateProbe(obj(container, 'startupProbe'), `${path}.startupProbe`));
    // Liveness and startup probes decide on one success; a higher threshold is refused.
    for (const key of ['livenessProbe', 'startupProbe']) {
      const threshold = num(obj(container, key), 'successThreshold');
      if (threshold !== undefined && threshold !== 1) {
        errors.push(invalid(`${path}.${key}.successThreshold`, threshold, 'must be 1'));
      }
    }
    if (container.restartPolicy !== undefined) {
      errors.push(forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
    }
  } else {
    const restartPolicy = container.restartPolicy;
    if (restartPolicy !== undefined && restartPolicy !== 'Always') {
      errors.push(notSupported(`${path}.restartPolicy`, restartPolicy, ['Always']));
    }
    if (restartPolicy !== 'Always') {
      for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
        if (container[key] !== undefined)
          errors.push(
            forbidden(
              `${path}.${key}`,
              'may not be set for init containers without restartPolicy=Always',
            ),
          );
      }
    }
  }
  return errors;
}

/** From tolerations and their path, ValidateTolerations with upstream's paths (a bad Equal value is reported at `operator`). */
export function validateTolerations(tolerations: Obj[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  tolerations.forEach((toleration, i) => {
    const at = `${path}[${i}]`;
    const key = str(toleration, 'key');
    const operator = str(toleration, 'operator');
    const value = str(toleration, 'value');
    const effect = str(toleration, 'effect');
    if (key !== '') errors.push(...validateLabelName(key, `${at}.key`));
    if (key === '' && operator !== 'Exists') {
      errors.push(
        invalid(
          `${at}.operator`,
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (toleration.tolerationSeconds !== undefined && effect !== 'NoExecute') {
      errors.push(
        invalid(
          `${at}.effect`,
          effect,
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    if (operator === 'Equal' || operator === '') {
      const messages = isValidLabelValue(value);
      if (messages.length > 0) errors.push(invalid(`${at}.operator`, value, messages.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '')
        errors.push(
          invalid(
            `${at}.operator`,
            toleration,
            "value must be empty when `operator` is 'Exists'",
            'core.Toleration',
          ),
        );
    } else {
      errors.push(notSupported(`${at}.operator`, operator, ['Equal', 'Exists']));
    }
    if (effect !== '') errors.push(...validateTaintEffect(effect, true, `${at}.effect`));
  });
  return errors;
}

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** From an effect, whether empty is allowed, and its path, validateTaintEffect. */
export function validateTaintEffect(
  effect: string,
  allowEmpty: boolean,
  path: string,
): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/** ValidateNodeSelectorRequirement (matchExpressions of a node selector term). */
function validateNodeSelectorRequirement(
  requirement: Obj,
  path: string,
  checkValues: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const operator = str(requirement, 'operator');
  const values = strs(requirement, 'values');
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errors.push(
          required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
        );
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errors.push(
          forbidden(
            `${path}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errors.push(
          required(
            `${path}.values`,
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
          ),
        );
      break;
    default:
      errors.push(invalid(`${path}.operator`, operator, 'not a valid selector operator'));
  }
  errors.push(...validateLabelName(str(requirement, 'key'), `${path}.key`));
  if (checkValues) {
    values.forEach((value, i) => {
      for (const message of isValidLabelValue(value))
        errors.push(invalid(`${path}.values[${i}]`, value, message));
    });
  }
  return errors;
}

/** ValidateNodeFieldSelectorRequirement: only `metadata.name`, In/NotIn with one value. */
function validateNodeFieldSelectorRequirement(requirement: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const operator = str(requirement, 'operator');
  const values = strs(requirement, 'values');
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1) {
      errors.push(
        required(
          `${path}.values`,
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
    }
  } else {
    errors.push(invalid(`${path}.operator`, operator, 'not a valid selector operator'));
  }
  const key = str(requirement, 'key');
  if (key !== 'metadata.name')
    errors.push(invalid(`${path}.key`, key, 'not a valid field selector key'));
  else {
    values.forEach((value, i) => {
      for (const message of isDNS1123Subdomain(value))
        errors.push(invalid(`${path}.values[${i}]`, value, message));
    });
  }
  return errors;
}

function validateNodeSelectorTerm(
  term: Obj | undefined,
  path: string,
  checkValues: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  objs(term, 'matchExpressions').forEach((r, j) => {
    errors.push(
      ...validateNodeSelectorRequirement(r, `${path}.matchExpressions[${j}]`, checkValues),
    );
  });
  objs(term, 'matchFields').forEach((r, j) => {
    errors.push(...validateNodeFieldSelectorRequirement(r, `${path}.matchFields[${j}]`));
  });
  return errors;
}

/** validateAffinity's node affinity part (pod affinity is kept as written and not checked). */
function validateAffinity(affinity: Obj | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const nodeAffinity = obj(affinity, 'nodeAffinity');
  if (nodeAffinity === undefined) return errors;
  const base = `${path}.nodeAffinity`;
  const requiredTerms = obj(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (requiredTerms !== undefined) {
    const termsPath = `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const terms = objs(requiredTerms, 'nodeSelectorTerms');
    if (terms.length === 0)
      errors.push(required(termsPath, 'must have at least one node selector term'));
    terms.forEach((term, i) =>
      errors.push(...validateNodeSelectorTerm(term, `${termsPath}[${i}]`, true)),
    );
  }
  objs(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => {
    const at = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    const weight = num(term, 'weight') ?? 0;
    if (weight <= 0 || weight > 100)
      errors.push(invalid(`${at}.weight`, weight, 'must be in the range 1-100'));
    errors.push(...validateNodeSelectorTerm(obj(term, 'preference'), `${at}.preference`, false));
  });
  return errors;
}

const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

/** ValidateVolumes: names unique DNS labels, exactly one source, the common sources' fields. */
function validateVolumes(
  volumes: Obj[],
  path: string,
): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((volume, i) => {
    const at = `${path}[${i}]`;
    const name = str(volume, 'name');
    if (name === '') errors.push(required(`${at}.name`));
    else {
      const messages = isDNS1123Label(name);
      if (messages.length > 0) errors.push(...messages.map((m) => invalid(`${at}.name`, name, m)));
      else if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const sources = VOLUME_SOURCE_KEYS.filter((key) => volume[key] !== undefined);
    if (sources.length === 0) errors.push(required(at, 'must specify a volume type'));
    for (const extra of sources.slice(1))
      errors.push(forbidden(`${at}.${extra}`, 'may not specify more than 1 volume type'));
    const hostPath = obj(volume, 'hostPath');
    if (hostPath !== undefined) {
      if (str(hostPath, 'path') === '') errors.push(required(`${at}.hostPath.path`));
      const type = str(hostPath, 'type');
      if (!HOST_PATH_TYPES.includes(type))
        errors.push(notSupported(`${at}.hostPath.type`, type, HOST_PATH_TYPES));
    }
    const configMap = obj(volume, 'configMap');
    if (configMap !== undefined && str(configMap, 'name') === '')
      errors.push(required(`${at}.configMap.name`));
    const secret = obj(volume, 'secret');
    if (secret !== undefined && str(secret, 'secretName') === '')
      errors.push(required(`${at}.secret.secretName`));
    const claim = obj(volume, 'persistentVolumeClaim');
    if (claim !== undefined && str(claim, 'claimName') === '')
      errors.push(required(`${at}.persistentVolumeClaim.claimName`));
    for (const source of ['configMap', 'secret']) {
      const mode = num(obj(volume, source), 'defaultMode');
      if (mode !== undefined && (mode < 0 || mode > 0o777)) {
        errors.push(
          invalid(
            `${at}.${source}.defaultMode`,
            mode,
            'must be a number between 0 and 0777 (octal), both inclusive',
          ),
        );
      }
    }
  });
  return { errors, names };
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/**
 * From a (defaulted) pod spec and its path (`spec` or `spec.template.spec`), ValidatePodSpec's
 * errors in upstream order: volumes, containers, init containers, policies, node selector,
 * affinity, names, tolerations, priority.
 */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const volumes = validateVolumes(objs(spec, 'volumes'), `${path}.volumes`);
  errors.push(...volumes.errors);

  const containers = objs(spec, 'containers');
  const initContainers = objs(spec, 'initContainers');
  if (containers.length === 0) errors.push(required(`${path}.containers`));
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = `${path}.containers[${i}]`;
    errors.push(...validateContainer(container, at, volumes.names, false, names));
  });
  errors.push(...checkHostPortConflicts(containers, `${path}.containers`));
  initContainers.forEach((container, i) => {
    const at = `${path}.initContainers[${i}]`;
    errors.push(...validateContainer(container, at, volumes.names, true, names));
  });
  errors.push(...checkHostPortConflicts(initContainers, `${path}.initContainers`));

  const restartPolicy = str(spec, 'restartPolicy');
  if (restartPolicy === '') errors.push(required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(restartPolicy))
    errors.push(notSupported(`${path}.restartPolicy`, restartPolicy, RESTART_POLICIES));
  const dnsPolicy = str(spec, 'dnsPolicy');
  if (dnsPolicy === '') errors.push(required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dnsPolicy))
    errors.push(notSupported(`${path}.dnsPolicy`, dnsPolicy, DNS_POLICIES));
  errors.push(...validateLabels(strMap(spec, 'nodeSelector'), `${path}.nodeSelector`));

  if (spec.hostNetwork === true) {
    containers.forEach((container, i) => {
      objs(container, 'ports').forEach((port, j) => {
        const hostPort = num(port, 'hostPort') ?? 0;
        if (hostPort !== 0 && hostPort !== num(port, 'containerPort')) {
          errors.push(
            invalid(
              `${path}.containers[${i}].ports[${j}].hostPort`,
              hostPort,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
        }
      });
    });
  }
  objs(spec, 'imagePullSecrets').forEach((secret, i) => {
    if (str(secret, 'name') === '') errors.push(required(`${path}.imagePullSecrets[${i}].name`));
  });
  errors.push(...validateAffinity(obj(spec, 'affinity'), `${path}.affinity`));

  const serviceAccountName = str(spec, 'serviceAccountName');
  if (serviceAccountName !== '') {
    for (const m of isDNS1123Subdomain(serviceAccountName))
      errors.push(invalid(`${path}.serviceAccountName`, serviceAccountName, m));
  }
  const nodeName = str(spec, 'nodeName');
  if (nodeName !== '')
    for (const m of isDNS1123Subdomain(nodeName))
      errors.push(invalid(`${path}.nodeName`, nodeName, m));
  const activeDeadlineSeconds = num(spec, 'activeDeadlineSeconds');
  if (
    activeDeadlineSeconds !== undefined &&
    (activeDeadlineSeconds < 1 || activeDeadlineSeconds > 2 ** 31 - 1)
  ) {
    errors.push(
      invalid(
        `${path}.activeDeadlineSeconds`,
        activeDeadlineSeconds,
        inclusiveRangeError(1, 2 ** 31 - 1),
      ),
    );
  }
  for (const key of ['hostname', 'subdomain']) {
    const value = str(spec, key);
    if (value !== '') errors.push(...dns1123Label(value, `${path}.${key}`));
  }
  errors.push(...validateTolerations(objs(spec, 'tolerations'), `${path}.tolerations`));
  const priorityClassName = str(spec, 'priorityClassName');
  if (priorityClassName !== '') {
    for (const m of isDNS1123Subdomain(priorityClassName))
      errors.push(invalid(`${path}.priorityClassName`, priorityClassName, m));
  }
  const preemptionPolicy = spec.preemptionPolicy;
  if (typeof preemptionPolicy === 'string' && !PREEMPTION_POLICIES.includes(preemptionPolicy)) {
    errors.push(notSupported(`${path}.preemptionPolicy`, preemptionPolicy, PREEMPTION_POLICIES));
  }
  return errors;
}

/**
 * From a pod template and its path (`spec.template`), ValidatePodTemplateSpec: template labels
 * and annotations, the pod spec, and no ephemeral containers. ObjectMeta is embedded in the Go
 * type, so label errors read `spec.template.labels`, without `metadata`.
 */
export function validatePodTemplateSpec(template: Obj | undefined, path: string): FieldError[] {
  const metadata = obj(template, 'metadata');
  const errors: FieldError[] = [
    ...validateLabels(strMap(metadata, 'labels'), `${path}.labels`),
    ...validateAnnotations(strMap(metadata, 'annotations'), `${path}.annotations`),
    ...validatePodSpec(obj(template, 'spec') ?? {}, `${path}.spec`),
  ];
  const ephemeral = obj(template, 'spec')?.ephemeralContainers;
  if (Array.isArray(ephemeral) && ephemeral.length > 0) {
    errors.push(
      forbidden(
        `${path}.spec.ephemeralContainers`,
        'ephemeral containers not allowed in pod template',
      ),
    );
  }
  return errors;
}
