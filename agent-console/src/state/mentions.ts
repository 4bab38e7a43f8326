export interface Mentionable {
  id: string;
  displayName: string;
}

/** The "@word" being typed right before the caret, if any. */
export function activeMention(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]*)$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

export function mentionCandidates(users: Mentionable[], query: string, limit = 8): Mentionable[] {
  const q = query.toLocaleLowerCase();
  return users.filter((u) => u.displayName.toLocaleLowerCase().includes(q)).slice(0, limit);
}

/** Replaces the "@query" at `start` with "@Name " and gives the new caret position. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  user: Mentionable,
): { text: string; caret: number } {
  const inserted = `@${user.displayName} `;
  return {
    text: text.slice(0, start) + inserted + text.slice(caret),
    caret: start + inserted.length,
  };
}

/** The picked users whose "@Name" is still in the text when the note is sent. */
export function mentionedIds(text: string, picked: Mentionable[]): string[] {
  return [...new Set(picked.filter((u) => text.includes(`@${u.displayName}`)).map((u) => u.id))];
}
