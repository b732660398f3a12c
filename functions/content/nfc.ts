// Text as it is stored: every string of a write's input in Unicode NFC. Text pasted from macOS, some
// PDFs and some input methods arrives decomposed (NFD: "ệ" as e + ◌̂ + ◌̣), which looks the same but
// matches nothing in search, slugs or comparisons; the write services pass their input through here.

/** The value with every string in it (in arrays and plain objects too) normalized to NFC; others unchanged. */
export function nfcText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcText) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, nfcText(v)])) as T;
  }
  return value;
}
