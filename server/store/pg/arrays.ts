// PostgreSQL array literals for bulk writes (`unnest($1::text[], …)`): one parameter per column
// instead of one per field, which halved the database's CPU for the locked item insert (D49).
// The driver can build these too; written here because the locked write is the serial part of
// every push and this is the cheapest form: every element quoted, `\` and `"` escaped, which is
// all PostgreSQL's array input needs inside quotes (braces, commas, spaces, newlines and the word
// NULL are then plain text).

/** `{"a","b\"c"}` for a text[] (or timestamptz[]) parameter. */
export function textArray(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out += (i ? ',"' : '"') + (/[\\"]/.test(v) ? v.replace(/[\\"]/g, '\\$&') : v) + '"';
  }
  return out + '}';
}

/** `{1,2,3}` for an int[] or bigint[] parameter; only safe integers are accepted. */
export function intArray(values: readonly number[]): string {
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
  }
  return `{${values.join(',')}}`;
}
