/**
 * The type every Japanese catalogue satisfies: exactly the keys of its English twin (a missing
 * key and an extra key are both compile errors), each a string.
 */
export type SameKeys<English> = { readonly [K in keyof English]: string };
