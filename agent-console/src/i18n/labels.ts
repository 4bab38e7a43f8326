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
  | 'view';

function isMessageKey(key: string): key is MessageKey {
  return key in dictionaries.en;
}

/** The translated name of a value the server sends (status, channel...), or the value itself if new. */
export function label(t: Translate, group: LabelGroup, value: string): string {
  const key = `${group}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}
