import { describe, expect, it } from 'vitest';
import { countSms } from './sms';

describe('countSms', () => {
  it('counts nothing for an empty text', () => {
    expect(countSms('')).toMatchObject({ encoding: 'gsm7', units: 0, segments: 0, remaining: 160 });
  });

  it('fits 160 GSM-7 characters in one segment, then 153 per segment', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ segments: 1, remaining: 0 });
    expect(countSms('a'.repeat(161))).toMatchObject({
      segments: 2,
      perSegment: 153,
      remaining: 145,
    });
    expect(countSms('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters as two septets', () => {
    expect(countSms('€[]')).toMatchObject({ encoding: 'gsm7', units: 6 });
    expect(countSms('{'.repeat(80)).segments).toBe(1);
    expect(countSms('{'.repeat(81)).segments).toBe(2);
  });

  it('switches to UCS-2 for Persian: 70 per segment, then 67', () => {
    expect(countSms('سلام')).toMatchObject({
      encoding: 'ucs2',
      units: 4,
      segments: 1,
      remaining: 66,
    });
    expect(countSms('س'.repeat(70)).segments).toBe(1);
    expect(countSms('س'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67, remaining: 63 });
    expect(countSms('س'.repeat(134)).segments).toBe(2);
    expect(countSms('س'.repeat(135)).segments).toBe(3);
  });

  it('lets one non-GSM character switch a Latin text to UCS-2', () => {
    expect(countSms(`${'a'.repeat(69)}ی`)).toMatchObject({
      encoding: 'ucs2',
      units: 70,
      segments: 1,
    });
    expect(countSms('hi 🙂')).toMatchObject({ encoding: 'ucs2', units: 5 });
  });
});
