import { describe, expect, it } from 'vitest';
import {
  activeSlash,
  cannedCandidates,
  fillPlaceholders,
  insertAt,
  type CannedResponse,
} from './canned';

const response = (shortcut: string, title: string, locale: 'fa' | 'en' = 'en'): CannedResponse => ({
  id: shortcut,
  title,
  body: '',
  locale,
  shortcut,
  scope: 'shared',
  owner: 'x',
});

describe('activeSlash', () => {
  it('finds "/word" at the start or after a space, not inside a URL or a date', () => {
    expect(activeSlash('/gr', 3)).toEqual({ start: 0, query: 'gr' });
    expect(activeSlash('hi /', 4)).toEqual({ start: 3, query: '' });
    expect(activeSlash('see http://x/gr', 15)).toBeNull();
    expect(activeSlash('1403/05', 7)).toBeNull();
    expect(activeSlash('/greet done', 11)).toBeNull();
  });
});

describe('cannedCandidates', () => {
  it('puts shortcut prefixes and the user’s language first', () => {
    const list = [
      response('thanks', 'Thank you'),
      response('greet', 'Greeting'),
      response('greet-fa', 'سلام', 'fa'),
      response('bye', 'Greet again on leaving'),
    ];
    expect(cannedCandidates(list, 'gre', 'fa').map((c) => c.shortcut)).toEqual([
      'greet-fa',
      'greet',
      'bye',
    ]);
    expect(cannedCandidates(list, '', 'en')).toHaveLength(4);
  });
});

describe('fillPlaceholders', () => {
  const values = { 'contact.name': 'Ali', 'ticket.number': 'T-12', 'expert.name': 'Sara' };
  it('fills the known placeholders, with or without spaces inside the braces', () => {
    expect(
      fillPlaceholders('Hi {{contact.name}}, T {{ ticket.number }} — {{expert.name}}', values),
    ).toBe('Hi Ali, T T-12 — Sara');
  });
  it('leaves unknown ones as they are and closes the gap of an empty name', () => {
    expect(fillPlaceholders('{{x}} Hi {{contact.name}}!', { ...values, 'contact.name': '' })).toBe(
      '{{x}} Hi!',
    );
  });
});

describe('insertAt', () => {
  it('replaces the typed shortcut', () => {
    expect(insertAt('a /gr b', 2, 5, 'Hello')).toEqual({ text: 'a Hello b', caret: 7 });
  });
});
