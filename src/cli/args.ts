import { InvalidArgumentError } from 'commander';
import { assertNoUrlCredentials, redactUrl } from '../core';

/** Argument parsers shared by the commands: each rejects with the value it got. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive number, got ${JSON.stringify(value)}`);
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`expected a number ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

export function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected an integer, got ${JSON.stringify(value)}`);
  return n;
}

/** An http(s) URL without credentials in it; the error never echoes a credential. */
export function httpUrl(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value))
    throw new InvalidArgumentError(
      `expected an http(s) URL, got ${JSON.stringify(value.includes('@') ? redactUrl(value) : value)}`,
    );
  // A WorkbenchError (not commander's InvalidArgumentError, whose message repeats the raw value).
  return assertNoUrlCredentials(value, 'URL');
}

export function oneOf<T extends string>(...allowed: T[]) {
  return (value: string): T => {
    if (!(allowed as string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    return value as T;
  };
}

/** A comma-separated list of allowed names ("a,b"), each checked. */
export function listOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T[] => {
    const items = value.split(',').map((t) => t.trim());
    const bad = items.filter((t) => !(allowed as readonly string[]).includes(t));
    if (bad.length) throw new InvalidArgumentError(`unknown ${what} ${bad.join(', ')}; known: ${allowed.join(', ')}`);
    return items as T[];
  };
}
