import type { MessageView } from '@cc/shared';
import type { TimelineEvent } from '../api/types';

export type ConversationItem =
  | { kind: 'message'; at: string; message: MessageView }
  | { kind: 'event'; at: string; event: TimelineEvent };

/** Messages and system events in one list, oldest first; an event sorts before a message at the same instant. */
export function conversationItems(
  messages: MessageView[],
  timeline: TimelineEvent[],
): ConversationItem[] {
  const items: ConversationItem[] = [
    ...timeline.map((event) => ({ kind: 'event' as const, at: event.at, event })),
    ...messages.map((message) => ({ kind: 'message' as const, at: message.createdAt, message })),
  ];
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

/** Adds a message that arrived by socket, once, in time order. */
export function withMessage(messages: MessageView[], message: MessageView): MessageView[] {
  if (messages.some((m) => m.id === message.id)) return messages;
  return [...messages, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

const QUOTE_HEADER = /(wrote|نوشت):\s*$/i;

/**
 * Splits an email's trailing quoted text ("> ..." lines, with their "On ... wrote:" line) from
 * what the customer wrote now, so the view can fold it.
 */
export function splitQuoted(text: string): { body: string; quoted: string | null } {
  const lines = text.split('\n');
  let start = lines.length;
  while (start > 0 && /^\s*(>|$)/.test(lines[start - 1]!)) start -= 1;
  while (start < lines.length && lines[start]!.trim() === '') start += 1;
  if (start === lines.length) return { body: text, quoted: null };
  if (start > 0 && QUOTE_HEADER.test(lines[start - 1]!)) start -= 1;
  const body = lines.slice(0, start).join('\n').trimEnd();
  if (body === '') return { body: text, quoted: null };
  return { body, quoted: lines.slice(start).join('\n') };
}
