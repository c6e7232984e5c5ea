// Turns zod issues into one user-facing sentence that names every offending field.
import * as l10n from './l10n';
import type * as z from 'zod';

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? l10n.t('is required') : l10n.t('must be {0}', article(issue.expected));
    case 'too_small':
      if (issue.origin === 'array') return l10n.t('needs at least {0} item(s)', String(issue.minimum));
      if (issue.origin === 'string') return l10n.t('must not be empty');
      return l10n.t('must be at least {0}', String(issue.minimum));
    case 'too_big':
      if (issue.origin === 'array') return l10n.t('takes at most {0} item(s)', String(issue.maximum));
      return l10n.t('must be at most {0}', String(issue.maximum));
    case 'not_multiple_of':
      return l10n.t('must be a multiple of {0}', String(issue.divisor));
    case 'invalid_value':
      return l10n.t('must be one of {0}', issue.values.map((v) => JSON.stringify(v)).join(', '));
    case 'invalid_union':
      return l10n.t('has an unsupported value');
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'int') return l10n.t('an integer');
  return /^[aeiou]/.test(type) ? l10n.t('an {0}', type) : l10n.t('a {0}', type);
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
        parts.push(l10n.t('{0}: is not an input of {1}', key, subject));
      }
      continue;
    }
    const field = issue.path.length > 0 ? String(issue.path[0]) : '(input)';
    const where = issue.path.length > 1 ? `${field}[${issue.path.slice(1).map(String).join('.')}]` : field;
    if (!fields.includes(field)) fields.push(field);
    parts.push(`${where}: ${describe(issue)}`);
  }
  return { fields, message: l10n.t('Invalid input for {0}: {1}.', subject, parts.join('; ')) };
}
