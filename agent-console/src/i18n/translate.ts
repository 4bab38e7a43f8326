import { dictionaries, type Locale, type MessageKey } from './dictionaries';
import { formatNumber } from './format';

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

/** Keys present in one dictionary but not the other, sorted; empty when they match. */
export function differingKeys(a: Record<string, string>, b: Record<string, string>): string[] {
  const inA = new Set(Object.keys(a));
  const inB = new Set(Object.keys(b));
  const onlyInOne = [...inA].filter((key) => !inB.has(key));
  onlyInOne.push(...[...inB].filter((key) => !inA.has(key)));
  return onlyInOne.sort();
}
