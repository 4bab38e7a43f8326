import { describe, expect, it } from 'vitest';
import { dictionaries } from './dictionaries';
import { differingKeys, translate } from './translate';

describe('dictionaries', () => {
  it('have the same keys in Persian and English', () => {
    expect(differingKeys(dictionaries.fa, dictionaries.en)).toEqual([]);
  });

  it('have no empty messages', () => {
    for (const dictionary of Object.values(dictionaries)) {
      expect(Object.values(dictionary).filter((message) => message.trim() === '')).toEqual([]);
    }
  });
});

describe('differingKeys', () => {
  it('reports keys missing from either side', () => {
    expect(differingKeys({ a: '1', b: '2' }, { b: '2', c: '3' })).toEqual(['a', 'c']);
  });
});

describe('translate', () => {
  it('fills placeholders, with Persian digits for numbers in Persian', () => {
    expect(translate('fa', 'error.retryAfter', { seconds: 30 })).toContain('۳۰ ثانیه');
    expect(translate('en', 'error.retryAfter', { seconds: 30 })).toBe(
      'Too many attempts. Please try again in 30 seconds.',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(translate('en', 'timeline.by')).toBe('by {name}');
  });
});
