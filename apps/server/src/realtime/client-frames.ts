// Every frame a client may send over its socket, checked in one place. A frame that is not a JSON
// object, of an unknown type or of the wrong shape is answered with an error frame; the socket stays
// open (only a flood closes it).
import type { RawData } from 'ws';
import type { z } from 'zod';
import {
  type TClientFrame,
  type TErrorFrame,
  ZPingFrame,
  ZPresenceFrame,
  ZResumeFrame,
  ZTypingFrame,
} from '../../../../packages/shared/src/realtime.ts';

/** Each frame type with its schema and the message of its refusal. */
const RULES = new Map<string, { schema: z.ZodType<TClientFrame>; refusal: string }>([
  ['resume', { schema: ZResumeFrame, refusal: 'resume takes lastSeq' }],
  ['ping', { schema: ZPingFrame, refusal: 'ping takes nothing' }],
  [
    'typing',
    {
      schema: ZTypingFrame,
      refusal: 'typing needs conversationId and isTyping (and isPrivate, when given, is a boolean)',
    },
  ],
  ['presence', { schema: ZPresenceFrame, refusal: 'presence is "online" or "away", for agents' }],
]);

export type TParsedClientFrame = { ok: true; frame: TClientFrame } | { ok: false; error: TErrorFrame };

const refuse = (code: TErrorFrame['code'], message: string): TParsedClientFrame => ({
  ok: false,
  error: { type: 'error', code, message },
});

/**
 * A client's frame, or the error frame that answers it. `mayReportPresence`: the socket is a signed-in
 * agent's (a visitor's or an API token's presence frame is refused like a malformed one).
 */
export function parseClientFrame(
  raw: RawData | string,
  sender: { mayReportPresence: boolean },
): TParsedClientFrame {
  let value: unknown = null;
  try {
    value = JSON.parse(String(raw));
  } catch {
    // Answered below, like any other value that is not an object.
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('invalid_json', 'Frames are JSON objects');
  }
  const type = (value as { type?: unknown }).type;
  const rule = typeof type === 'string' ? RULES.get(type) : undefined;
  if (!rule) {
    return refuse('unknown_frame', 'Unknown frame type');
  }
  if (type === 'presence' && !sender.mayReportPresence) {
    return refuse('validation_failed', rule.refusal);
  }
  const parsed = rule.schema.safeParse(value);
  return parsed.success ? { ok: true, frame: parsed.data } : refuse('validation_failed', rule.refusal);
}
