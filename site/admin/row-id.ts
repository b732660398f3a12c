// A row id as an admin URL or form carries it: 1 to 10 digits, no leading zero; anything else names no row.
export function rowId(value: string | null | undefined): number | null {
  return value != null && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}
