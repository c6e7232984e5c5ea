// Turns zod issues into one user-facing sentence that names every offending field.
import type * as z from 'zod';

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `takes at most ${String(issue.maximum)} item(s)`;
      return `must be at most ${String(issue.maximum)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'has an unsupported value';
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export interface FormattedIssues {
  fields: string[];
  message: string;
}

/** Names each field once, in the order zod found them; unknown keys are listed as fields too. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], subject: string): FormattedIssues {
  const fields: string[] = [];
  const parts: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push(key);
        parts.push(`${key}: is not an input of ${subject}`);
      }
      continue;
    }
    const field = issue.path.length > 0 ? String(issue.path[0]) : '(input)';
    const where = issue.path.length > 1 ? `${field}[${issue.path.slice(1).map(String).join('.')}]` : field;
    if (!fields.includes(field)) fields.push(field);
    parts.push(`${where}: ${describe(issue)}`);
  }
  return { fields, message: `Invalid input for ${subject}: ${parts.join('; ')}.` };
}
