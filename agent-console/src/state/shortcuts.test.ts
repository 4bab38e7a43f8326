import { describe, expect, it } from 'vitest';
import { shortcutFor, stepThrough } from './shortcuts';

const press = (key: string, fields: Partial<Parameters<typeof shortcutFor>[0]> = {}) =>
  shortcutFor({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...fields });

describe('shortcuts', () => {
  it('map keys to actions, but not while typing or with modifiers', () => {
    expect(press('j')).toBe('next');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
    expect(press('j', { ctrlKey: true })).toBeNull();
    expect(
      press('j', { target: { tagName: 'TEXTAREA', isContentEditable: false } as never }),
    ).toBeNull();
  });

  it('step through a list and stop at the ends', () => {
    expect(stepThrough(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(stepThrough(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(stepThrough(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(stepThrough(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(stepThrough([], 'a', 1)).toBeNull();
  });
});
