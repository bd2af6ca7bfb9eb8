/**
 * Validation of the kinds around DaemonSets, after pkg/apis/core/validation/validation.go
 * (ValidateNode, validateNodeTaints, ValidateNamespace, ValidateConfigMap, ValidateSecret,
 * ValidateService) and pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass).
 */
import type { FieldError } from '../../operations.ts';
import { duplicate, forbidden, invalid, notSupported, required, tooLong } from '../field-errors.ts';
import { parseQuantity, canonicalQuantity } from '../../../kube/quantity.ts';
import {
  FIELD_IMMUTABLE_MESSAGE,
  deepEqual,
  num,
  obj,
  objs,
  str,
  strMap,
  type Obj,
} from './common.ts';
import {
  byteLength,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidLabelValue,
  validateLabels,
  validateObjectMeta,
} from './names.ts';
import { isValidPortName, validateLabelName, validateTaintEffect } from './pod-spec.ts';

/** From a defaulted Node, ValidateNode: name, taints (at `metadata.taints`, as upstream), resources. */
export function validateNode(node: Obj): FieldError[] {
  const errors = validateObjectMeta(obj(node, 'metadata') ?? {}, false, isDNS1123Subdomain);
  // Upstream builds the taints path from the metadata path, so errors read `metadata.taints[i]`.
  const seen = new Map<string, Set<string>>();
  objs(obj(node, 'spec'), 'taints').forEach((taint, i) => {
    const at = `metadata.taints[${i}]`;
    const key = str(taint, 'key');
    const value = str(taint, 'value');
    const effect = str(taint, 'effect');
    errors.push(...validateLabelName(key, `${at}.key`));
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) errors.push(invalid(`${at}.value`, value, valueErrors.join(';')));
    errors.push(...validateTaintEffect(effect, false, `${at}.effect`));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errors.push({
        ...duplicate(at, taint),
        valueType: 'core.Taint',
        detail: 'taints must be unique by key and effect pair',
      });
      return;
    }
    keys.add(key);
    seen.set(effect, keys);
  });
  const status = obj(node, 'status');
  for (const list of ['capacity', 'allocatable']) {
    const resources = obj(status, list) ?? {};
    for (const name of Object.keys(resources)) {
      if ((parseQuantity(resources[name]) ?? 0) < 0) {
        const text = canonicalQuantity(resources[name]) ?? String(resources[name]);
        errors.push(invalid(`status.${list}[${name}]`, text, 'must be greater than or equal to 0'));
      }
    }
  }
  return errors;
}

/** From a defaulted Namespace, ValidateNamespace: a DNS-1123 label name. */
export function validateNamespace(namespace: Obj): FieldError[] {
  return validateObjectMeta(obj(namespace, 'metadata') ?? {}, false, isDNS1123Label);
}

const CONFIG_KEY_RE = /^[-._a-zA-Z0-9]+$/;

/** From a ConfigMap or Secret key, validation.IsConfigMapKey's messages. */
export function isConfigMapKey(key: string): string[] {
  const errors: string[] = [];
  if (byteLength(key) > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_KEY_RE.test(key)) {
    errors.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  }
  if (key === '.') errors.push("must not be '.'");
  else if (key === '..') errors.push("must not be '..'");
  else if (key.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/** The 1 MiB cap on ConfigMap and Secret payloads (MaxSecretSize / RuntimeObjectMaxSize). */
const MAX_PAYLOAD = 1024 * 1024;

/** From a ConfigMap, ValidateConfigMap: keys, no key in both data and binaryData, size. */
export function validateConfigMap(configMap: Obj): FieldError[] {
  const errors = validateObjectMeta(obj(configMap, 'metadata') ?? {}, true, isDNS1123Subdomain);
  let total = 0;
  const data = strMap(configMap, 'data') ?? {};
  for (const key of Object.keys(data)) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`data[${key}]`, key, message));
    total += byteLength(data[key]);
  }
  const binaryData = strMap(configMap, 'binaryData') ?? {};
  for (const key of Object.keys(binaryData)) {
    for (const message of isConfigMapKey(key))
      errors.push(invalid(`binaryData[${key}]`, key, message));
    if (Object.hasOwn(data, key))
      errors.push(invalid(`binaryData[${key}]`, key, 'duplicate of key present in data'));
    total += Math.floor((binaryData[key].length * 3) / 4);
  }
  if (total > MAX_PAYLOAD) errors.push(tooLong('', MAX_PAYLOAD));
  return errors;
}

/** From a Secret (stringData already merged into data), ValidateSecret: keys, size, TLS keys. */
export function validateSecret(secret: Obj): FieldError[] {
  const errors = validateObjectMeta(obj(secret, 'metadata') ?? {}, true, isDNS1123Subdomain);
  const data = strMap(secret, 'data') ?? {};
  let total = 0;
  for (const key of Object.keys(data)) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`data[${key}]`, key, message));
    total += Math.floor((data[key].length * 3) / 4);
  }
  if (total > MAX_PAYLOAD) errors.push(tooLong('data', MAX_PAYLOAD));
  if (str(secret, 'type') === 'kubernetes.io/tls') {
    for (const key of ['tls.crt', 'tls.key'])
      if (!Object.hasOwn(data, key)) errors.push(required(`data[${key}]`));
  }
  return errors;
}

/** From the new and stored ConfigMap or Secret, the `immutable` and Secret `type` update rules. */
export function validateImmutableDataUpdate(
  next: Obj,
  old: Obj,
  kind: 'ConfigMap' | 'Secret',
): FieldError[] {
  const errors: FieldError[] = [];
  if (old.immutable === true) {
    if (next.immutable !== true)
      errors.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEqual(next.data, old.data))
      errors.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (kind === 'ConfigMap' && !deepEqual(next.binaryData, old.binaryData)) {
      errors.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
    }
  }
  if (kind === 'Secret' && str(next, 'type') !== str(old, 'type'))
    errors.push(invalid('type', str(next, 'type'), FIELD_IMMUTABLE_MESSAGE));
  return errors;
}

const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** From a Service name, validation.IsDNS1035Label's messages. */
export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push('must be no more than 63 characters');
  if (!DNS1035_LABEL_RE.test(value)) {
    errors.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errors;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** From a defaulted Service, the parts of ValidateService a learner meets: name, type, ports, selector. */
export function validateService(service: Obj): FieldError[] {
  const errors = validateObjectMeta(obj(service, 'metadata') ?? {}, true, isDNS1035Label);
  const spec = obj(service, 'spec') ?? {};
  const type = str(spec, 'type');
  if (!SERVICE_TYPES.includes(type)) errors.push(notSupported('spec.type', type, SERVICE_TYPES));
  const ports = objs(spec, 'ports');
  // Headless services (clusterIP: None) may go without ports.
  const headless = str(spec, 'clusterIP') === 'None';
  if (type !== 'ExternalName' && !headless && ports.length === 0)
    errors.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    const name = str(port, 'name');
    if (ports.length > 1 && name === '') errors.push(required(`${at}.name`));
    else if (name !== '') {
      errors.push(...isDNS1123Label(name).map((m) => invalid(`${at}.name`, name, m)));
      if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
      names.add(name);
    }
    const number = num(port, 'port') ?? 0;
    if (number < 1 || number > 65535)
      errors.push(invalid(`${at}.port`, number, 'must be between 1 and 65535, inclusive'));
    const protocol = str(port, 'protocol');
    if (!PROTOCOLS.includes(protocol))
      errors.push(notSupported(`${at}.protocol`, protocol, PROTOCOLS));
    const target = port.targetPort;
    if (typeof target === 'number' && (target < 1 || target > 65535)) {
      // ValidatePortNumOrName passes the int or the string, not the IntOrString.
      errors.push(invalid(`${at}.targetPort`, target, 'must be between 1 and 65535, inclusive'));
    } else if (typeof target === 'string') {
      errors.push(...isValidPortName(target).map((m) => invalid(`${at}.targetPort`, target, m)));
    }
  });
  errors.push(...validateLabels(strMap(spec, 'selector'), 'spec.selector'));
  const affinity = str(spec, 'sessionAffinity');
  if (affinity !== 'None' && affinity !== 'ClientIP')
    errors.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  return errors;
}

/** The built-in classes (pkg/apis/scheduling/types.go SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;

/** From a PriorityClass, ValidatePriorityClass: reserved `system-` names, the user value cap. */
export function validatePriorityClass(priorityClass: Obj): FieldError[] {
  const errors = validateObjectMeta(
    obj(priorityClass, 'metadata') ?? {},
    false,
    isDNS1123Subdomain,
  );
  const name = str(obj(priorityClass, 'metadata'), 'name');
  const value = num(priorityClass, 'value') ?? 0;
  if (name.startsWith('system-')) {
    const known = Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name)
      ? SYSTEM_PRIORITY_CLASSES[name]
      : undefined;
    const problem =
      known === undefined
        ? `${name} is not a known system priority class`
        : known !== value
          ? `value of ${name} PriorityClass must be ${known}`
          : priorityClass.globalDefault === true
            ? `globalDefault of ${name} PriorityClass must be false`
            : undefined;
    if (problem !== undefined) {
      errors.push(
        forbidden(
          'metadata.name',
          `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errors.push(
      forbidden(
        'value',
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  const policy = priorityClass.preemptionPolicy;
  if (typeof policy === 'string' && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
    errors.push(notSupported('preemptionPolicy', policy, ['Never', 'PreemptLowerPriority']));
  }
  return errors;
}

/** From the new and stored PriorityClass, ValidatePriorityClassUpdate: value and policy are fixed. */
export function validatePriorityClassUpdate(next: Obj, old: Obj): FieldError[] {
  const errors: FieldError[] = [];
  if ((num(next, 'value') ?? 0) !== (num(old, 'value') ?? 0))
    errors.push(forbidden('value', 'may not be changed in an update.'));
  if (next.preemptionPolicy !== old.preemptionPolicy)
    errors.push(invalid('preemptionPolicy', next.preemptionPolicy, FIELD_IMMUTABLE_MESSAGE));
  return errors;
}

/** From a ControllerRevision, ValidateControllerRevision: name, data present, revision ≥ 0. */
export function validateControllerRevision(revision: Obj): FieldError[] {
  const errors = validateObjectMeta(obj(revision, 'metadata') ?? {}, true, isDNS1123Subdomain);
  if (revision.data === undefined) errors.push(required('data', 'data is mandatory'));
  const value = num(revision, 'revision') ?? 0;
  if (value < 0) errors.push(invalid('revision', value, 'must be greater than or equal to 0'));
  return errors;
}

/** From the new and stored ControllerRevision: data never changes. */
export function validateControllerRevisionUpdate(next: Obj, old: Obj): FieldError[] {
  return deepEqual(next.data, old.data)
    ? []
    : [invalid('data', next.data, FIELD_IMMUTABLE_MESSAGE)];
}
