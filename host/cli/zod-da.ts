// Zod's issues said in Danish for command lines: field, then what is wrong. Never zod's own
// English text or a raw issue dump (issue 12 §5).
import type { z } from 'zod';

function what(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'mangler' : `skal være ${typeName(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'string' ? 'er for kort' : 'er for lille eller for få';
    case 'too_big':
      return issue.origin === 'string' ? 'er for lang' : 'er for stor eller for mange';
    case 'invalid_value':
    case 'invalid_union':
      return 'har en ugyldig værdi';
    case 'invalid_format':
      return 'har et ugyldigt format';
    case 'unrecognized_keys':
      return `har ukendte felter (${issue.keys.slice(0, 3).join(', ')})`;
    case 'custom': {
      // Our own refinements (R-REC-1) carry a reason code and a Danish message.
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      return typeof reason === 'string' ? issue.message : 'er ugyldig';
    }
    default:
      return 'er ugyldig';
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: 'en tekst',
    number: 'et tal',
    boolean: 'sand eller falsk',
    object: 'et objekt',
    array: 'en liste',
  };
  return names[t] ?? t;
}

/** "answeredAt: ikke et virkeligt tidspunkt; video.connectedAt: …" (at most `max` issues). */
export function danishIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.map(String).join('.') || '(hele)'}: ${what(i)}`)
    .join('; ');
}
