// An admin list's address for another page: the filters it keeps, page 1 left out.
export function listLink(base: string, kept: Record<string, string | number | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(kept)) if (v !== undefined && v !== '') params.set(k, String(v));
  if (page !== 1) params.set('trang', String(page));
  const s = params.toString();
  return `${base}${s ? `?${s}` : ''}`;
}
