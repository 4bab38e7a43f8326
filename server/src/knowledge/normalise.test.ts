import { describe, expect, it } from 'vitest';
import { indexTerms, normaliseText, queryTerm, tokenize } from './normalise.js';

describe('Persian normalisation', () => {
  it('folds Arabic letters, ZWNJ, tatweel, diacritics, digits and case', () => {
    expect(normaliseText('كيفيت')).toBe('کیفیت');
    expect(normaliseText('می\u200cخواهید')).toBe('میخواهید');
    expect(normaliseText('كـــتاب')).toBe('کتاب');
    expect(normaliseText('مُهَندِس')).toBe('مهندس');
    expect(normaliseText('۲۸۵ ٢٨٥ 285')).toBe('285 285 285');
    expect(normaliseText('Pompe Hydraulique É')).toBe('pompe hydraulique e');
  });

  it('indexes a ZWNJ compound whole and by its parts; a query word stays whole', () => {
    expect(indexTerms('می\u200cخواهید')).toEqual(['میخواهید', 'می', 'خواهید']);
    expect(queryTerm('ميخواهيد')).toBe('میخواهید');
    expect(tokenize('سلام، پمپ (MF-285) کار نمی‌کند؟')).toEqual([
      'سلام',
      'پمپ',
      'MF',
      '285',
      'کار',
      'نمی\u200cکند',
    ]);
  });
});
