import { dictionaries, type MessageKey } from './dictionaries';
import type { Translate } from './translate';

export type LabelGroup =
  | 'status'
  | 'priority'
  | 'type'
  | 'channel'
  | 'presence'
  | 'coverage'
  | 'segment'
  | 'outcome'
  | 'event'
  | 'view'
  | 'import.problem';

function isMessageKey(key: string): key is MessageKey {
  return key in dictionaries.en;
}

/**
 * The translated name of a value the server sends (status, channel...); for a value we have no
 * words for, `fallback` (the server's own sentence) or the value itself.
 */
export function label(t: Translate, group: LabelGroup, value: string, fallback = value): string {
  const key = `${group}.${value}`;
  return isMessageKey(key) ? t(key) : fallback;
}
