/** GSM 03.38 basic character set: one septet each. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: an escape septet plus one, so two each. */
const GSM7_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units per segment for the current segment count (160/153 or 70/67). */
  perSegment: number;
  /** Units left before another segment is needed. */
  remaining: number;
}

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
};

/** How an SMS is split: any character outside GSM-7 (Persian, emoji) switches the whole text to UCS-2. */
export function countSms(text: string): SmsCount {
  let septets = 0;
  let gsm7 = true;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extended.has(char)) septets += 2;
    else {
      gsm7 = false;
      break;
    }
  }
  const encoding: SmsEncoding = gsm7 ? 'gsm7' : 'ucs2';
  const units = gsm7 ? septets : text.length;
  const { single, multi } = LIMITS[encoding];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const perSegment = segments > 1 ? multi : single;
  return {
    encoding,
    units,
    segments,
    perSegment,
    remaining: Math.max(1, segments) * perSegment - units,
  };
}
