import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';

let defaultRegion: CountryCode = 'IR';

export function configurePhones(region: string): void {
  defaultRegion = region as CountryCode;
}

/** E.164 for any way people write a number ("0912 345 6789", "+98 912...", "0098912..."), or null. */
export function normalisePhone(input: string): string | null {
  const cleaned = toLatinDigits(input).trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII: customers type either. */
export function toLatinDigits(s: string): string {
  return s
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

export const phoneSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normalisePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
      return z.NEVER;
    }
    return e164;
  });
