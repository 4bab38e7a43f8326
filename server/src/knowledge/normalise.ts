/**
 * Persian/Arabic text folding for search. Customers type on Arabic keyboards (ي, ك), with or
 * without the zero-width non-joiner, in Persian, Arabic-Indic or Latin digits; all of those must
 * meet the same index term.
 */

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/g; // ZWSP, ZWNJ, ZWJ, LRM/RLM, word joiner, BOM
const TATWEEL = /\u0640/g;
const MARKS = /\p{M}/gu; // harakat, superscript alef, Latin accents after NFKD

const LETTERS: Record<string, string> = {
  '\u064a': '\u06cc', // Arabic yeh ي -> Persian yeh ی
  '\u0649': '\u06cc', // alef maksura ى -> ی
  '\u0643': '\u06a9', // Arabic kaf ك -> Persian keheh ک
  '\u0629': '\u0647', // teh marbuta ة -> heh ه
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII. */
export function latinDigits(s: string): string {
  return s
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/**
 * NFKD (presentation forms to base letters, accents split off), marks removed, Arabic letter
 * variants to Persian, zero-width characters and tatweel removed, digits to ASCII, lower case.
 * Decomposition also folds آ/أ/إ to ا and ۀ/ئ to their base letters, as Persian search usually does.
 */
export function normaliseText(input: string): string {
  return latinDigits(
    input
      .normalize('NFKD')
      .replace(MARKS, '')
      .replace(ZERO_WIDTH, '')
      .replace(TATWEEL, '')
      .replace(LETTER_RE, (c) => LETTERS[c] ?? c),
  )
    .normalize('NFC')
    .toLowerCase();
}

const SPLIT = /[\s\p{P}\p{S}]+/u;

/** Words of a text (before normalisation, so a ZWNJ still marks where a compound joins). */
export function tokenize(text: string): string[] {
  return text.split(SPLIT).filter(Boolean);
}

/**
 * Index terms of one token: the normalised whole word, and for a ZWNJ compound
 * ("می‌خواهم") also its parts, so "میخواهم", "می خواهم" and "خواهم" all find it.
 */
export function indexTerms(token: string): string[] | null {
  const whole = normaliseText(token);
  if (!whole) return null;
  const parts = token.includes('\u200c')
    ? token
        .split('\u200c')
        .map(normaliseText)
        .filter((p) => p && p !== whole)
    : [];
  return parts.length ? [whole, ...parts] : [whole];
}

/** The one term a query word becomes. */
export function queryTerm(token: string): string | null {
  return normaliseText(token) || null;
}
