import type { Runtime } from 'webextension-polyfill';
import {
  allowedSender,
  parseRequest,
  type Reply,
  type Request,
  type ResponseMap,
  type SenderContext,
} from '../core/messages';

/** A handler per request kind; the mapped type makes a missing or mistyped handler a compile error. */
export type Handlers = {
  [K in Request['kind']]: (
    request: Extract<Request, { kind: K }>,
    sender: Runtime.MessageSender,
  ) => Promise<ResponseMap[K]> | ResponseMap[K];
};

export interface RouterEnv {
  extensionId: string;
  extensionOrigin: string;
  testHooks: boolean;
}

/** Where a message came from, judged from the browser-supplied sender, never from the message. */
export function senderContext(sender: Runtime.MessageSender, env: RouterEnv): SenderContext | null {
  if (sender.id !== env.extensionId) return null;
  if (sender.url?.startsWith(env.extensionOrigin)) return 'extension-page';
  if (sender.tab && typeof sender.tab.id === 'number') return 'content';
  return null;
}

/**
 * Validates, checks the sender, dispatches. Never throws: a malformed or unauthorised message
 * gets `{ ok: false, error }` and changes nothing.
 */
export function createRouter(handlers: Handlers, env: RouterEnv) {
  return async (message: unknown, sender: Runtime.MessageSender): Promise<Reply<Request>> => {
    const request = parseRequest(message);
    if ('error' in request) return { ok: false, error: request.error };
    const context = senderContext(sender, env);
    if (!context || !allowedSender(request.kind, context)) {
      return { ok: false, error: `${request.kind} is not accepted from this sender` };
    }
    if (request.kind.startsWith('test/') && !env.testHooks) {
      return { ok: false, error: 'test hooks are not part of this build' };
    }
    try {
      const handler = handlers[request.kind] as (r: Request, s: Runtime.MessageSender) => unknown;
      return { ok: true, value: (await handler(request, sender)) as never };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
