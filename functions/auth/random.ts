// Unguessable values for links, forms and cookies: 256 random bits as base64url (43 characters),
// and the base64url encoding (no padding) the admin's tokens, cookies and sealed secrets share.
export const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
export const fromBase64url = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

export function randomUrlToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export const isUrlToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);
