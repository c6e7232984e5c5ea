// Turns zod issues into the spec's 422 ValidationError body:
// {detail: "- input.x: ...\n", status: 422, title: "Input validation failed", invalid_fields: [{type, field, description}]}
import type * as z from 'zod';
import { INPUT_SCHEMAS } from './schemas';

export interface InvalidField {
  type: string;
  field: string;
  description: string;
}

export interface ValidationErrorBody {
  detail: string;
  status: 422;
  title: 'Input validation failed';
  invalid_fields: InvalidField[];
}

function fieldName(path: readonly PropertyKey[]): string {
  return ['input', ...path.map(String)].join('.');
}

function toInvalidFields(issue: z.core.$ZodIssue): InvalidField[] {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? [{ type: 'missing', field, description: 'Field required' }]
        : [{ type: 'invalid_type', field, description: issue.message }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        type: 'additional_property_not_allowed',
        field: fieldName([...issue.path, key]),
        description: `Additional property ${key} is not allowed`,
      }));
    case 'invalid_value':
      return [{ type: 'enum', field, description: `Must be one of the following: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'too_small':
      return issue.origin === 'array'
        ? [{ type: 'array_min_items', field, description: `Array must have at least ${String(issue.minimum)} items` }]
        : [{ type: 'number_gte', field, description: `Must be greater than or equal to ${String(issue.minimum)}` }];
    case 'too_big':
      return issue.origin === 'array'
        ? [{ type: 'array_max_items', field, description: `Array must have at most ${String(issue.maximum)} items` }]
        : [{ type: 'number_lte', field, description: `Must be less than or equal to ${String(issue.maximum)}` }];
    case 'not_multiple_of':
      return [{ type: 'multiple_of', field, description: `Must be a multiple of ${String(issue.divisor)}` }];
    case 'custom': {
      const type = typeof issue.params?.['type'] === 'string' ? (issue.params['type'] as string) : 'invalid';
      return [{ type, field, description: issue.message }];
    }
    default:
      return [{ type: issue.code, field, description: issue.message }];
  }
}

export function validationErrorBody(fields: InvalidField[]): ValidationErrorBody {
  return {
    detail: fields.map((f) => `- ${f.field}: ${f.description}\n`).join(''),
    status: 422,
    title: 'Input validation failed',
    invalid_fields: fields,
  };
}

/** Checks `input` against the model's schema; models without a schema accept any object. */
export function validateInput(model: string, input: Record<string, unknown>): InvalidField[] {
  const schema = INPUT_SCHEMAS[model];
  if (!schema) return [];
  const result = schema.safeParse(input, { reportInput: true });
  return result.success ? [] : result.error.issues.flatMap(toInvalidFields);
}
