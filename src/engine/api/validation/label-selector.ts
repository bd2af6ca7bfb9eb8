/**
 * metav1 LabelSelector validation (apimachinery/pkg/apis/meta/v1/validation: ValidateLabelSelector,
 * ValidateLabelSelectorRequirement).
 */
import type { FieldError } from '../../operations.ts';
import { forbidden, invalid, required } from '../field-errors.ts';
import { objs, str, strMap, strs, type Obj } from './common.ts';
import { isValidLabelValue, validateLabels } from './names.ts';
import { validateLabelName } from './pod-spec.ts';

/** From a selector (absent is fine) and its path, its syntax errors. */
export function validateLabelSelector(selector: Obj | undefined, path: string): FieldError[] {
  if (selector === undefined) return [];
  const errors = validateLabels(strMap(selector, 'matchLabels'), `${path}.matchLabels`);
  objs(selector, 'matchExpressions').forEach((expression, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const operator = str(expression, 'operator');
    const values = strs(expression, 'values');
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errors.push(
            required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errors.push(
            forbidden(
              `${at}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errors.push(invalid(`${at}.operator`, operator, 'not a valid selector operator'));
    }
    errors.push(...validateLabelName(str(expression, 'key'), `${at}.key`));
    values.forEach((value, j) => {
      for (const message of isValidLabelValue(value))
        errors.push(invalid(`${at}.values[${j}]`, value, message));
    });
  });
  return errors;
}
