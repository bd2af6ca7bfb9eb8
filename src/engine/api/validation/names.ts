/**
 * Name and label syntax with the exact messages of
 * staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Label,
 * IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue) and the ObjectMeta/label checks of
 * apimachinery's api/validation and metav1/validation.
 */
import type { FieldError } from '../../operations.ts';
import { invalid, required, tooLong } from '../field-errors.ts';

/** RegexError: the message, examples each followed by `', '`, then the regex. */
function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const shown = examples.map((example) => `'${example}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

const maxLenError = (length: number): string => `must be no more than ${length} characters`;
const EMPTY_ERROR = 'must be non-empty';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** From a string, its UTF-8 length: Go measures strings in bytes, so limits such as 63 count bytes. */
export function byteLength(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** From a string, IsDNS1123Label's messages (empty when it is a valid RFC 1123 label). */
export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    errors.push(
      DNS1123_SUBDOMAIN_RE.test(value)
        ? 'must not contain dots'
        : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'),
    );
  }
  return errors;
}

/** From a string, IsDNS1123Subdomain's messages (empty when valid). */
export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errors.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errors;
}

/** From a string, IsQualifiedName's messages: optional DNS-subdomain prefix, `/`, a name ≤ 63. */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errors.push(`prefix part ${EMPTY_ERROR}`);
    else errors.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [
      `a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push(`name part ${EMPTY_ERROR}`);
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!QNAME_RE.test(name)) {
    errors.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

/** From a string, IsValidLabelValue's messages (empty is valid). */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errors.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errors;
}

/** From a label map and its path, ValidateLabels: one Invalid per message, at the map's path. */
export function validateLabels(
  labels: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (labels === undefined) return errors;
  for (const key of Object.keys(labels)) {
    for (const message of isQualifiedName(key)) errors.push(invalid(path, key, message));
    for (const message of isValidLabelValue(labels[key]))
      errors.push(invalid(path, labels[key], message));
  }
  return errors;
}

/** The API server's cap on all annotations of one object (TotalAnnotationSizeLimitB). */
const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/** From an annotation map and its path, ValidateAnnotations: qualified keys, 256 KiB in total. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (annotations === undefined) return errors;
  let total = 0;
  for (const key of Object.keys(annotations)) {
    for (const message of isQualifiedName(key.toLowerCase()))
      errors.push(invalid(path, key, message));
    total += byteLength(key) + byteLength(annotations[key]);
  }
  if (total > TOTAL_ANNOTATION_SIZE) errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE));
  return errors;
}

export interface ObjectMetaInput {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * From metadata, whether the kind is namespaced, the name rule and the path, ValidateObjectMeta:
 * name (or generateName) required and well-formed, namespace shape, labels and annotations.
 */
export function validateObjectMeta(
  meta: ObjectMetaInput,
  namespaced: boolean,
  nameRule: (name: string) => string[],
  path = 'metadata',
): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName !== undefined && meta.generateName !== '') {
    // A generated name gets a random suffix, so only the prefix's characters are checked.
    const prefix = meta.generateName.replace(/-$/, '');
    if (prefix !== '') {
      for (const message of nameRule(prefix))
        errors.push(invalid(`${path}.generateName`, meta.generateName, message));
    }
  }
  if (meta.name === undefined || meta.name === '') {
    if (meta.generateName === undefined || meta.generateName === '') {
      errors.push(required(`${path}.name`, 'name or generateName is required'));
    }
  } else {
    for (const message of nameRule(meta.name))
      errors.push(invalid(`${path}.name`, meta.name, message));
  }
  if (namespaced) {
    if (meta.namespace === undefined || meta.namespace === '')
      errors.push(required(`${path}.namespace`));
    else
      for (const message of isDNS1123Label(meta.namespace))
        errors.push(invalid(`${path}.namespace`, meta.namespace, message));
  } else if (meta.namespace !== undefined && meta.namespace !== '') {
    errors.push(invalid(`${path}.namespace`, meta.namespace, 'not allowed on this type'));
  }
  errors.push(...validateLabels(meta.labels, `${path}.labels`));
  errors.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errors;
}
