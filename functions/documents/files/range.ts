// One byte range of a Range header (RFC 9110 14.1.2), as R2 takes it: what an inline PDF viewer asks for.
// Several ranges in one header are answered with the whole file (allowed, and no viewer needs them).

export type RangeRequest =
  | { kind: 'none' }
  | { kind: 'range'; offset: number; length: number }
  | { kind: 'unsatisfiable' };

export function parseRange(header: string | null, size: number): RangeRequest {
  if (header === null) return { kind: 'none' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'none' }; // another unit, several ranges, or nonsense: the whole file
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    const length = Math.min(suffix, size);
    return { kind: 'range', offset: size - length, length };
  }
  const offset = Number(first);
  if (offset >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < offset) return { kind: 'none' }; // invalid range-spec: ignored
  return { kind: 'range', offset, length: end - offset + 1 };
}
