import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './client-frames.ts';

const agent = { mayReportPresence: true };
/** A visitor's socket, or an API token's (no user to be present). */
const other = { mayReportPresence: false };

const TYPING_REFUSAL = 'typing needs conversationId and isTyping (and isPrivate, when given, is a boolean)';
const PRESENCE_REFUSAL = 'presence is "online" or "away", for agents';

type TRaw = Parameters<typeof parseClientFrame>[0];

function frameOf(raw: TRaw, sender = agent) {
  const parsed = parseClientFrame(raw, sender);
  if (!parsed.ok) {
    throw new Error(`refused: ${JSON.stringify(parsed.error)}`);
  }
  return parsed.frame;
}

function refusalOf(raw: TRaw, sender = agent) {
  const parsed = parseClientFrame(raw, sender);
  return parsed.ok ? null : parsed.error;
}

describe('frames a client sends', () => {
  it('answers anything but a JSON object with invalid_json', () => {
    for (const raw of ['null', '42', '[1,2]', '[]', '"text"', 'true', '{not json', '', ' ']) {
      expect(refusalOf(raw)).toEqual({
        type: 'error',
        code: 'invalid_json',
        message: 'Frames are JSON objects',
      });
    }
    expect(refusalOf(Buffer.from('[]'))).toMatchObject({ code: 'invalid_json' });
  });

  it('answers a frame without a known type with unknown_frame', () => {
    for (const raw of [
      '{}',
      '{"type":"subscribe"}',
      '{"type":1}',
      '{"type":null}',
      '{"type":"__proto__"}',
      '{"type":"toString"}',
      '{"type":"Ping"}',
    ]) {
      expect(refusalOf(raw)).toEqual({ type: 'error', code: 'unknown_frame', message: 'Unknown frame type' });
    }
  });

  it('reads a buffer from the socket as UTF-8 text', () => {
    expect(frameOf(Buffer.from('{"type":"ping"}'))).toEqual({ type: 'ping' });
  });

  it('takes resume with the last sequence number seen, rounded down; anything else resumes from now', () => {
    expect(frameOf('{"type":"resume","lastSeq":12}')).toEqual({ type: 'resume', lastSeq: 12 });
    expect(frameOf('{"type":"resume","lastSeq":0}')).toEqual({ type: 'resume', lastSeq: 0 });
    expect(frameOf('{"type":"resume","lastSeq":7.9}')).toEqual({ type: 'resume', lastSeq: 7 });
    for (const lastSeq of ['null', '-1', '"12"', 'true', '{}', '[3]']) {
      expect(frameOf(`{"type":"resume","lastSeq":${lastSeq}}`, other)).toEqual({
        type: 'resume',
        lastSeq: null,
      });
    }
    expect(frameOf('{"type":"resume"}')).toEqual({ type: 'resume', lastSeq: null });
  });

  it('takes ping from anyone, ignoring other fields', () => {
    expect(frameOf('{"type":"ping","extra":1}', other)).toEqual({ type: 'ping' });
  });

  it('takes typing with a conversation and a boolean, and isPrivate only as a boolean', () => {
    expect(frameOf('{"type":"typing","conversationId":"conv_1","isTyping":true}', other)).toEqual({
      type: 'typing',
      conversationId: 'conv_1',
      isTyping: true,
    });
    expect(frameOf('{"type":"typing","conversationId":"conv_1","isTyping":false,"isPrivate":true}')).toEqual({
      type: 'typing',
      conversationId: 'conv_1',
      isTyping: false,
      isPrivate: true,
    });
    for (const raw of [
      '{"type":"typing","isTyping":true}',
      '{"type":"typing","conversationId":"conv_1"}',
      '{"type":"typing","conversationId":7,"isTyping":true}',
      '{"type":"typing","conversationId":"conv_1","isTyping":"yes"}',
      '{"type":"typing","conversationId":"conv_1","isTyping":true,"isPrivate":null}',
      '{"type":"typing","conversationId":"conv_1","isTyping":true,"isPrivate":"no"}',
    ]) {
      expect(refusalOf(raw)).toEqual({ type: 'error', code: 'validation_failed', message: TYPING_REFUSAL });
      expect(refusalOf(raw, other)).toEqual({
        type: 'error',
        code: 'validation_failed',
        message: TYPING_REFUSAL,
      });
    }
  });

  it('takes presence "online" or "away" from a signed-in agent only', () => {
    expect(frameOf('{"type":"presence","status":"away"}')).toEqual({ type: 'presence', status: 'away' });
    expect(frameOf('{"type":"presence","status":"online"}')).toEqual({ type: 'presence', status: 'online' });
    for (const raw of [
      '{"type":"presence"}',
      '{"type":"presence","status":"offline"}',
      '{"type":"presence","status":1}',
    ]) {
      expect(refusalOf(raw)).toEqual({ type: 'error', code: 'validation_failed', message: PRESENCE_REFUSAL });
    }
    expect(refusalOf('{"type":"presence","status":"away"}', other)).toEqual({
      type: 'error',
      code: 'validation_failed',
      message: PRESENCE_REFUSAL,
    });
  });
});
