// Passwords the admin generates for new accounts (shown once): 20 characters from an alphabet
// without look-alikes (no 0/O, 1/l/I), about 115 bits. Same alphabet as scripts/user.ts.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 20): string {
  // Rejection sampling: b % 56 over 0..255 would favour the first letters slightly.
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}
