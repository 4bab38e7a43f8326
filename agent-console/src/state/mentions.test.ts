import { describe, expect, it } from 'vitest';
import { activeMention, insertMention, mentionCandidates, mentionedIds } from './mentions';

const sara = { id: '1', displayName: 'Sara Ahmadi' };
const reza = { id: '2', displayName: 'رضا کریمی' };

describe('mentions', () => {
  it('finds the @word being typed at the caret', () => {
    expect(activeMention('please @sa', 10)).toEqual({ start: 7, query: 'sa' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('mail me@example', 15)).toBeNull();
    expect(activeMention('@sara done', 10)).toBeNull();
  });

  it('filters candidates by name, in any script', () => {
    expect(mentionCandidates([sara, reza], 'SAR')).toEqual([sara]);
    expect(mentionCandidates([sara, reza], 'رضا')).toEqual([reza]);
  });

  it('inserts the name and keeps only mentions still in the text', () => {
    const { text, caret } = insertMention('ask @sa now', 4, 7, sara);
    expect(text).toBe('ask @Sara Ahmadi  now');
    expect(caret).toBe(17);
    expect(mentionedIds(text, [sara, reza])).toEqual(['1']);
  });
});
