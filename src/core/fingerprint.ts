/**
 * FNV-1a, 32-bit, as 8 hex digits: a short content fingerprint (data versions, backup keys).
 * Not a security measure: feeds are verified with SHA-256 or Ed25519 (feeds.ts).
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
