/** Canned responses in the composer: the "/shortcut" being typed, the matches, the filled-in text. */

export interface CannedResponse {
  id: string;
  title: string;
  body: string;
  locale: 'fa' | 'en';
  shortcut: string;
  scope: 'personal' | 'shared';
  owner: string;
}

export interface PlaceholderValues {
  'contact.name': string;
  'ticket.number': string;
  'expert.name': string;
}

/** The "/word" typed at the start of the text or after a space, right before the caret. */
export function activeSlash(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Shortcut prefix matches first, then shortcut or title containing the query; own locale first. */
export function cannedCandidates(
  responses: CannedResponse[],
  query: string,
  locale: 'fa' | 'en',
  limit = 8,
): CannedResponse[] {
  const q = query.toLocaleLowerCase();
  const rank = (c: CannedResponse) =>
    (c.shortcut.startsWith(q) ? 0 : 2) + (c.locale === locale ? 0 : 1);
  return responses
    .filter((c) => c.shortcut.includes(q) || c.title.toLocaleLowerCase().includes(q))
    .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut))
    .slice(0, limit);
}

/** Fills {{contact.name}}, {{ticket.number}} and {{expert.name}}; an empty value leaves a neutral gap. */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body
    .replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) =>
      name in values ? values[name as keyof PlaceholderValues] : whole,
    )
    .replace(/ +([،,.!?؟])/g, '$1');
}

/** Replaces `text[start, caret)` with `inserted` and gives the caret after it. */
export function insertAt(
  text: string,
  start: number,
  caret: number,
  inserted: string,
): { text: string; caret: number } {
  return {
    text: text.slice(0, start) + inserted + text.slice(caret),
    caret: start + inserted.length,
  };
}
