// The phone link's published JSON Schema (docs/phone-events.schema.json), derived from the zod
// schemas so a connector can be written against it and the file can never drift from the code.
import { z } from 'zod';
import { phoneEventSchema, phoneReplySchema } from './events';

const toJson = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

export function buildPhoneJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Vagtkonsol phone link events',
    description:
      'Generated from shared/phone/events.ts by `npx tsx host/phone/gen-schema.ts`; do not edit. ' +
      'POST one event as JSON to http://127.0.0.1:<port>/v1/phone/events with the header ' +
      '"Authorization: Bearer <key>". See docs/phone-link.md.',
    event: toJson(phoneEventSchema, 'input'),
    reply: toJson(phoneReplySchema, 'output'),
  };
}

/** Stable text of the schema file (2-space JSON with a trailing newline). */
export function phoneJsonSchemaText(): string {
  return JSON.stringify(buildPhoneJsonSchema(), null, 2) + '\n';
}
