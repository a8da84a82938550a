// The protocol's published JSON Schema (docs/sync-schema.json), derived from the zod schemas so
// another server can be written against it and the file can never drift from the code.
import { z } from 'zod';
import { payloadSchemas } from './items';
import {
  errorResponseSchema,
  healthResponseSchema,
  jsonObjectSchema,
  loadResponseSchema,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from './protocol';

const toJson = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    // A predicate has no JSON Schema of its own; say what it checks.
    override: (ctx) => {
      if (ctx.zodSchema === jsonObjectSchema) ctx.jsonSchema.type = 'object';
    },
  });

export function buildSyncJsonSchema(): Record<string, unknown> {
  const payloads: Record<string, unknown> = {};
  for (const [type, schema] of Object.entries(payloadSchemas))
    payloads[type] = toJson(schema, 'input');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Vagtkonsol sync protocol',
    protocol: PROTOCOL_VERSION,
    description:
      'Generated from shared/sync by `npx tsx server/gen-schema.ts`; do not edit. See docs/sync-protocol.md.',
    requests: {
      push: toJson(pushRequestSchema, 'input'),
    },
    responses: {
      health: toJson(healthResponseSchema, 'output'),
      push: toJson(pushResponseSchema, 'output'),
      pull: toJson(pullResponseSchema, 'output'),
      load: toJson(loadResponseSchema, 'output'),
      error: toJson(errorResponseSchema, 'output'),
    },
    payloads,
  };
}

/** Stable text of the schema file (2-space JSON with a trailing newline). */
export function syncJsonSchemaText(): string {
  return JSON.stringify(buildSyncJsonSchema(), null, 2) + '\n';
}
