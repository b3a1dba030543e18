/** Only same-site paths are followed after login (no `//evil.example`), and never back to an auth page. */
export function safeNextPath(next: string | null | undefined, fallback = '/home'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/login') || next.startsWith('/register')) return fallback;
  return next;
}

/** `/login?next=<where the user is now>` */
export function loginPathFrom(pathname: string, search = ''): string {
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}
