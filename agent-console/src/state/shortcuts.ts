export type ShortcutAction = 'next' | 'previous' | 'reply' | 'note' | 'resolve' | 'help';

export const SHORTCUTS: ReadonlyArray<{ key: string; action: ShortcutAction }> = [
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'r', action: 'reply' },
  { key: 'n', action: 'note' },
  { key: 'e', action: 'resolve' },
  { key: '?', action: 'help' },
];

interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || !('tagName' in target)) return false;
  const element = target as HTMLElement;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** The action a key press asks for; none while typing in a field or with a modifier held. */
export function shortcutFor(event: KeyEventLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return null;
  return SHORTCUTS.find((s) => s.key === event.key)?.action ?? null;
}

/** The id after (or before) the current one in a list, staying at the ends. */
export function stepThrough(ids: string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = current === null ? -1 : ids.indexOf(current);
  if (index === -1) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  return ids[Math.min(ids.length - 1, Math.max(0, index + step))]!;
}
