import type { Verdict } from './types';

/**
 * An official number that only sends texts: nobody should call it, and its texts can be faked
 * (a spoofed sender lands in the same thread as the real messages), so the advice differs.
 */
export function isOfficialSmsSender(verdict: Verdict): boolean {
  const kinds = verdict.reasons.flatMap((r) => (r.code === 'registry-official' ? [r.params.kind] : []));
  return verdict.level === 'official' && kinds.length > 0 && kinds.every((k) => k === 'sms-sender');
}
