/**
 * Participants compiled to integer indices and interned attribute codes, so the search compares
 * small integers instead of strings in its inner loop.
 */
import { ATTRIBUTE_KEYS, type AttributeKey, type Participant } from './types.js';
import { GroupingError } from './errors.js';

/** Index of each attribute key in `Population.columns`. */
export const KEY_INDEX: Readonly<Record<AttributeKey, number>> = Object.fromEntries(
  ATTRIBUTE_KEYS.map((key, i) => [key, i]),
) as Record<AttributeKey, number>;

/** One attribute for everyone: one code per person plus, for tag lists, every code (CSR). */
export interface AttributeColumn {
  /** The code when the person has exactly one value, −1 for no answer, −2 for several tags. */
  single: Int32Array;
  /** The person's codes are `values[offsets[p]] … values[offsets[p + 1] − 1]`, sorted. */
  offsets: Int32Array;
  values: Int32Array;
  /** People holding each code. */
  popularity: Int32Array;
  answered: number;
}

export interface Population {
  n: number;
  ids: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  columns: readonly AttributeColumn[];
  /** Key indices someone answered: the attributes a mixed round spreads. */
  answeredKeys: Int32Array;
}

/** True when persons `i` and `j` share a value of the attribute (any common tag for lists). */
export function shares(column: AttributeColumn, i: number, j: number): boolean {
  const a = column.single[i];
  const b = column.single[j];
  if (a === -1 || b === -1) return false;
  if (a >= 0 && b >= 0) return a === b;
  const { offsets, values } = column;
  let x = offsets[i];
  let y = offsets[j];
  const xEnd = offsets[i + 1];
  const yEnd = offsets[j + 1];
  while (x < xEnd && y < yEnd) {
    if (values[x] === values[y]) return true;
    if (values[x] < values[y]) x++;
    else y++;
  }
  return false;
}

/**
 * Compiles participants in their given order (index = position).
 * @throws GroupingError DUPLICATE_PARTICIPANT when an id appears twice
 */
export function compilePopulation(participants: readonly Participant[]): Population {
  const n = participants.length;
  const indexOf = new Map<string, number>();
  participants.forEach((p, i) => {
    if (indexOf.has(p.id)) throw new GroupingError('DUPLICATE_PARTICIPANT', { id: p.id });
    indexOf.set(p.id, i);
  });
  const columns = ATTRIBUTE_KEYS.map((key) => compileColumn(participants, key));
  const answered = ATTRIBUTE_KEYS.map((_, k) => k).filter((k) => columns[k].answered > 0);
  return { n, ids: participants.map((p) => p.id), indexOf, columns, answeredKeys: Int32Array.from(answered) };
}

function valuesOf(raw: string | readonly string[] | undefined): string[] {
  if (raw === undefined) return [];
  const list = typeof raw === 'string' ? [raw] : raw;
  return [...new Set(list.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function compileColumn(participants: readonly Participant[], key: AttributeKey): AttributeColumn {
  const n = participants.length;
  const codes = new Map<string, number>();
  const single = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const values: number[] = [];
  const popularity: number[] = [];
  let answered = 0;
  for (let p = 0; p < n; p++) {
    const own = valuesOf(participants[p].attributes[key]).map((v) => {
      let code = codes.get(v);
      if (code === undefined) {
        code = codes.size;
        codes.set(v, code);
        popularity.push(0);
      }
      popularity[code]++;
      return code;
    });
    own.sort((a, b) => a - b);
    single[p] = own.length === 0 ? -1 : own.length === 1 ? own[0] : -2;
    if (own.length > 0) answered++;
    values.push(...own);
    offsets[p + 1] = values.length;
  }
  return {
    single,
    offsets,
    values: Int32Array.from(values),
    popularity: Int32Array.from(popularity),
    answered,
  };
}
