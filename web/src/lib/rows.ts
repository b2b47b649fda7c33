// Rows the reader adds to a form and may remove (evidence, action items): each carries a key of its
// own from the moment it is added, so Preact keeps each row's inputs with that row when one above
// it is removed. The key is the form's business only: `unkeyed` strips it before the API sees rows.

export type Keyed<T> = T & { key: string };

let last = 0;

/** The row with a key no other row of this page has. */
export function keyed<T extends object>(row: T): Keyed<T> {
  last += 1;
  return { ...row, key: `row-${last}` };
}

/** The rows as the API takes them, without their keys. */
export function unkeyed<T extends object>(rows: readonly Keyed<T>[]): T[] {
  return rows.map(({ key: _, ...row }) => row as unknown as T);
}
