import type { Reply, Request, ResponseFor } from '../core/messages';

/**
 * The one way contexts talk to the background. Uses the native runtime (Firefox's `browser`,
 * Chrome MV3's promise-returning `chrome`) so the content script does not ship
 * webextension-polyfill; extension pages could use either.
 */
interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
}

function runtime(): RuntimeLike {
  const g = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
  const rt = g.browser?.runtime ?? g.chrome?.runtime;
  if (!rt) throw new Error('Callback Guard: no extension runtime in this context');
  return rt;
}

export class BackgroundError extends Error {}

export async function send<R extends Request>(message: R): Promise<ResponseFor<R>> {
  const reply = (await runtime().sendMessage(message)) as Reply<R> | undefined;
  if (!reply) throw new BackgroundError(`no reply to ${message.kind}`);
  if (!reply.ok) throw new BackgroundError(reply.error);
  return reply.value;
}
