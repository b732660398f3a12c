// Unguessable values for links and forms: 256 random bits as base64url (43 characters).
export function randomUrlToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export const isUrlToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);
