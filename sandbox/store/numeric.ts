/**
 * Exact BSON arithmetic for `$inc`, `$mul` and `$sum`, following MongoDB's type promotion:
 * int32 < int64 < double < decimal128; int32 overflow becomes int64; int64 and decimal math is exact
 * (BigInt-based), where plain JS numbers would round 9007199254740993 or 0.1 + 0.2.
 */
import { Decimal128, Double, Long } from 'bson';

type Kind = 'int' | 'long' | 'double' | 'decimal';
const RANK: Record<Kind, number> = { int: 0, long: 1, double: 2, decimal: 3 };
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

interface Dec {
  coef: bigint;
  exp: number;
}

/** The numeric kind of a BSON value, or undefined when it is not a number. */
export function numericKind(value: unknown): Kind | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? 'int' : 'double';
  if (typeof value === 'bigint') return 'long';
  switch ((value as { _bsontype?: string } | null)?._bsontype) {
    case 'Long':
      return 'long';
    case 'Double':
      return 'double';
    case 'Int32':
      return 'int';
    case 'Decimal128':
      return 'decimal';
    default:
      return undefined;
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const tag = (value as { _bsontype?: string })._bsontype;
  if (tag === 'Long') return (value as Long).toNumber();
  if (tag === 'Decimal128') return Number((value as Decimal128).toString());
  return (value as Double).value;
}

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if ((value as { _bsontype?: string })._bsontype === 'Long') return (value as Long).toBigInt();
  return BigInt(Math.trunc(toNumber(value)));
}

function parseDec(text: string): Dec | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?(?:E([+-]?\d+))?$/i.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  const coef = BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}${fraction}`);
  return { coef, exp: Number(m[4] ?? 0) - fraction.length };
}

function toDec(value: unknown): Dec | undefined {
  if ((value as { _bsontype?: string })._bsontype === 'Decimal128')
    return parseDec((value as Decimal128).toString());
  if (numericKind(value) === 'long' || numericKind(value) === 'int') return { coef: toBigInt(value), exp: 0 };
  return parseDec(String(toNumber(value)).replace('e', 'E'));
}

function decToBson(d: Dec): Decimal128 {
  const negative = d.coef < 0n;
  let digits = (negative ? -d.coef : d.coef).toString();
  let text: string;
  if (d.exp >= 0) text = `${digits}E+${d.exp}`;
  else {
    const places = -d.exp;
    digits = digits.padStart(places + 1, '0');
    text = `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  }
  return Decimal128.fromString(`${negative ? '-' : ''}${text}`);
}

function combine(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  const ka = numericKind(a)!;
  const kb = numericKind(b)!;
  const kind = RANK[ka] >= RANK[kb] ? ka : kb;
  if (kind === 'decimal') {
    const x = toDec(a);
    const y = toDec(b);
    if (!x || !y)
      return Decimal128.fromString(
        String(op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b)),
      );
    if (op === 'mul') return decToBson({ coef: x.coef * y.coef, exp: x.exp + y.exp });
    const exp = Math.min(x.exp, y.exp);
    const scale = (d: Dec): bigint => d.coef * 10n ** BigInt(d.exp - exp);
    return decToBson({ coef: scale(x) + scale(y), exp });
  }
  if (kind === 'double')
    return new Double(op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b));
  const result = op === 'add' ? toBigInt(a) + toBigInt(b) : toBigInt(a) * toBigInt(b);
  if (kind === 'int' && result >= BigInt(INT32_MIN) && result <= BigInt(INT32_MAX)) return Number(result);
  return Long.fromBigInt(BigInt.asIntN(64, result));
}

/** a + b with MongoDB's result type. Both must be numeric. */
export function addNumbers(a: unknown, b: unknown): unknown {
  return combine(a, b, 'add');
}

/** a × b with MongoDB's result type. Both must be numeric. */
export function multiplyNumbers(a: unknown, b: unknown): unknown {
  return combine(a, b, 'mul');
}

/** `$sum` over values: non-numeric values are ignored; an empty sum is int 0. */
export function sumNumbers(values: unknown[]): unknown {
  let total: unknown = 0;
  for (const value of values) if (numericKind(value)) total = addNumbers(total, value);
  return total;
}

/** The zero of a value's numeric type (what `$mul` stores in a missing field). */
export function zeroLike(value: unknown): unknown {
  return multiplyNumbers(value, 0);
}
