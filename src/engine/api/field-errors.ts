/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field builds and prints them
 * (errors.go): constructors named after field.Required, field.Invalid, ... and
 * `renderFieldError`, the one implementation of `field.Error.Error()` shared by console and tests.
 */
import type { FieldError } from '../operations.ts';
import { goQuote } from './go-quote.ts';
import { isObject } from './records.ts';

/** From a path and a detail, `field.Required`. */
export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, detail };
}

/** From a path and a detail, `field.Forbidden`. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** From a path, the bad value, a detail and optionally the value's Go type, `field.Invalid`. */
export function invalid(
  field: string,
  value: unknown,
  detail: string,
  valueType?: FieldError['valueType'],
): FieldError {
  const error: FieldError = { type: 'Invalid value', field, value, hasValue: true, detail };
  if (valueType !== undefined) error.valueType = valueType;
  return error;
}

/** From a path, the bad value and the allowed values, `field.NotSupported` (values quoted). */
export function notSupported(
  field: string,
  value: unknown,
  supported: readonly string[],
): FieldError {
  const detail =
    supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { type: 'Unsupported value', field, value, hasValue: true, detail };
}

/** From a path and the repeated value, `field.Duplicate`. */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'Duplicate value', field, value, hasValue: true };
}

/** From a path and the missing value, `field.NotFound`. */
export function notFound(field: string, value: unknown): FieldError {
  return { type: 'Not found', field, value, hasValue: true };
}

/** From a path and a byte limit, `field.TooLong` (printed without the value). */
export function tooLong(field: string, maxBytes: number): FieldError {
  return { type: 'Too long', field, detail: `must have at most ${maxBytes} bytes` };
}

/** From a path, the actual and the maximum count, `field.TooMany`. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return {
    type: 'Too many',
    field,
    value: actual,
    hasValue: true,
    detail: `must have at most ${max} items`,
  };
}

/**
 * From a field error, the text apimachinery's `field.Error.Error()` gives:
 * `FIELD: TYPE[: VALUE][: DETAIL]`. Required, Forbidden and Too long never show a value;
 * strings are Go-quoted, numbers and booleans bare, IntOrString and Quantity in their string
 * form, maps and structs in Go `%#v` form, a missing value as `null`.
 */
export function renderFieldError(error: FieldError): string {
  return `${error.field}: ${renderErrorBody(error)}`;
}

/** From a field error, its body without the field path (`field.Error.ErrorBody()`). */
export function renderErrorBody(error: FieldError): string {
  let body: string = error.type;
  const showsValue =
    error.type !== 'Required value' &&
    error.type !== 'Forbidden' &&
    error.type !== 'Too long' &&
    (error.hasValue === true || error.value !== undefined);
  if (showsValue) body += `: ${renderValue(error.value, error.valueType)}`;
  if (error.detail !== undefined && error.detail.length > 0) body += `: ${error.detail}`;
  return body;
}

/** From a value and its Go type hint, the way Go's fmt prints it in a field error. */
export function renderValue(value: unknown, valueType?: FieldError['valueType']): string {
  switch (valueType) {
    case 'IntOrString':
    case 'Quantity':
      return value === undefined || value === null ? 'null' : String(value);
    case 'map[string]string':
      return isObject(value) ? goStringMap(value) : 'map[string]string(nil)';
    case 'LabelSelector':
      return isObject(value) ? labelSelectorGoSyntax(value) : 'null';
    case 'core.Toleration':
      return isObject(value) ? tolerationGoSyntax(value) : 'null';
    case 'core.Taint':
      return isObject(value) ? taintGoSyntax(value) : 'null';
    case 'core.SecurityContext':
      return isObject(value) ? securityContextGoSyntax(value) : 'null';
    case 'apps.DaemonSetUpdateStrategy':
      return isObject(value) ? updateStrategyGoSyntax(value) : 'null';
    case undefined:
      break;
  }
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) {
      return `[]string{${value.map((item) => goQuote(item)).join(', ')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (isObject(value) && Object.values(value).every((item) => typeof item === 'string')) {
    return goStringMap(value);
  }
  return JSON.stringify(value) ?? 'null';
}

/** Go sorts map keys by byte order when printing; JS code-unit order agrees for ASCII keys. */
function sortedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function goStringMap(record: Record<string, unknown>): string {
  const entries = sortedKeys(record).map(
    (key) => `${goQuote(key)}:${goQuote(String(record[key]))}`,
  );
  return `map[string]string{${entries.join(', ')}}`;
}

/**
 * `%#v` of metav1.LabelSelector. Field errors dereference the `*LabelSelector` they are given,
 * and the value type has no String() (its receiver is the pointer), so Go's syntax form is what
 * learners see: `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
 */
function labelSelectorGoSyntax(selector: Record<string, unknown>): string {
  const labels = isObject(selector.matchLabels)
    ? goStringMap(selector.matchLabels)
    : 'map[string]string(nil)';
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions
        .map((expression) => {
          const e = isObject(expression) ? expression : {};
          const values = Array.isArray(e.values)
            ? `[]string{${e.values.map((v) => goQuote(String(v))).join(', ')}}`
            : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${goStringField(e, 'key')}, Operator:${goStringField(e, 'operator')}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`;
}

/** Go prints a set pointer as its address; a fixed address keeps output deterministic. */
function goPointer(type: string, value: unknown): string {
  return value === undefined || value === null ? `(*${type})(nil)` : `(*${type})(0xc000010000)`;
}

function goStringField(record: Record<string, unknown>, key: string): string {
  return goQuote(typeof record[key] === 'string' ? (record[key] as string) : '');
}

/** `%#v` of the internal core.Toleration, as ValidateTolerations passes it to field.Invalid. */
function tolerationGoSyntax(toleration: Record<string, unknown>): string {
  const text = (key: string): string => goStringField(toleration, key);
  return `core.Toleration{Key:${text('key')}, Operator:${text('operator')}, Value:${text('value')}, Effect:${text('effect')}, TolerationSeconds:${goPointer('int64', toleration.tolerationSeconds)}}`;
}

/** `%#v` of the internal core.Taint, as validateNodeTaints passes it to field.Duplicate. */
function taintGoSyntax(taint: Record<string, unknown>): string {
  const text = (key: string): string => goStringField(taint, key);
  return `core.Taint{Key:${text('key')}, Value:${text('value')}, Effect:${text('effect')}, TimeAdded:${goPointer('v1.Time', taint.timeAdded)}}`;
}

/** `%#v` of the internal apps.DaemonSetUpdateStrategy, as an unsupported strategy type prints. */
function updateStrategyGoSyntax(strategy: Record<string, unknown>): string {
  return `apps.DaemonSetUpdateStrategy{Type:${goStringField(strategy, 'type')}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', strategy.rollingUpdate)}}`;
}

/**
 * `%#v` of the internal core.SecurityContext, as ValidateSecurityContext passes it to
 * field.Invalid: every field is a pointer, so Go prints addresses (fixed here) or nil.
 */
function securityContextGoSyntax(context: Record<string, unknown>): string {
  const fields: [string, string, string][] = [
    ['Capabilities', 'core.Capabilities', 'capabilities'],
    ['Privileged', 'bool', 'privileged'],
    ['SELinuxOptions', 'core.SELinuxOptions', 'seLinuxOptions'],
    ['WindowsOptions', 'core.WindowsSecurityContextOptions', 'windowsOptions'],
    ['RunAsUser', 'int64', 'runAsUser'],
    ['RunAsGroup', 'int64', 'runAsGroup'],
    ['RunAsNonRoot', 'bool', 'runAsNonRoot'],
    ['ReadOnlyRootFilesystem', 'bool', 'readOnlyRootFilesystem'],
    ['AllowPrivilegeEscalation', 'bool', 'allowPrivilegeEscalation'],
    ['ProcMount', 'core.ProcMountType', 'procMount'],
    ['SeccompProfile', 'core.SeccompProfile', 'seccompProfile'],
    ['AppArmorProfile', 'core.AppArmorProfile', 'appArmorProfile'],
  ];
  const body = fields.map(([goName, type, key]) => `${goName}:${goPointer(type, context[key])}`);
  return `core.SecurityContext{${body.join(', ')}}`;
}
