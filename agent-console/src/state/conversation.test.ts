import type { MessageView } from '@cc/shared';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../api/types';
import { conversationItems, splitQuoted, withMessage } from './conversation';

function message(id: string, createdAt: string): MessageView {
  return {
    id,
    ticket: 't',
    direction: 'in',
    channel: 'webchat',
    authorKind: 'contact',
    author: null,
    authorName: 'Sara',
    text: 'hi',
    html: null,
    attachments: [],
    deliveryStatus: 'received',
    deliveryError: null,
    deliveryErrorCode: null,
    mentions: [],
    createdAt,
  };
}

function event(name: string, at: string): TimelineEvent {
  return { at, event: name, actorKind: 'system', actor: null, from: null, to: null, note: null };
}

describe('conversationItems', () => {
  it('interleaves messages and events by time, oldest first', () => {
    const items = conversationItems(
      [message('m1', '2025-01-01T10:01:00Z'), message('m2', '2025-01-01T10:05:00Z')],
      [event('created', '2025-01-01T10:01:00Z'), event('assigned', '2025-01-01T10:03:00Z')],
    );
    expect(items.map((i) => (i.kind === 'message' ? i.message.id : i.event.event))).toEqual([
      'created',
      'm1',
      'assigned',
      'm2',
    ]);
  });
});

describe('withMessage', () => {
  it('adds a message once', () => {
    const first = message('m1', '2025-01-01T10:01:00Z');
    const list = withMessage([first], message('m2', '2025-01-01T10:02:00Z'));
    expect(list.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(withMessage(list, first)).toBe(list);
  });
});

describe('splitQuoted', () => {
  it('folds the quoted reply and its header line', () => {
    const text =
      'Thanks, it works now.\n\nOn Monday, Support wrote:\n> Try restarting it.\n>\n> Regards';
    expect(splitQuoted(text)).toEqual({
      body: 'Thanks, it works now.',
      quoted: 'On Monday, Support wrote:\n> Try restarting it.\n>\n> Regards',
    });
  });

  it('leaves text without a trailing quote alone', () => {
    expect(splitQuoted('> a quote first\nthen my answer')).toEqual({
      body: '> a quote first\nthen my answer',
      quoted: null,
    });
    expect(splitQuoted('> only a quote')).toEqual({ body: '> only a quote', quoted: null });
  });
});
