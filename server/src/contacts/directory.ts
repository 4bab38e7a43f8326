import type { Response } from 'express';
import { z } from 'zod';
import { BOM, csvLine, streamDownload, type RowCursor } from '../core/http/download.js';
import { Contact, SEGMENTS, type ContactDoc } from './model.js';

/** Excel only reads a CSV as UTF-8 (Persian text) when it starts with a byte order mark. */
const CRLF = '\r\n';
/** Rows are gathered into chunks of about this many characters before each write. */

export const directoryQuery = z.strictObject({
  segment: z.enum(SEGMENTS).optional(),
  province: z.string().trim().min(1).max(60).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

/** Every contact that was not merged into another, in name order, one at a time. */
export function directoryCursor(q: DirectoryQuery): RowCursor<ContactDoc> {
  const filter: Record<string, unknown> = { mergedInto: null };
  if (q.segment) filter.segment = q.segment;
  if (q.province) filter.province = q.province;
  return Contact.find(filter).sort({ name: 1, _id: 1 }).lean<ContactDoc[]>().cursor();
}

export const DIRECTORY_COLUMNS = [
  'id',
  'name',
  'phones',
  'emails',
  'province',
  'city',
  'address',
  'segment',
  'clubNumber',
] as const;

/** Several phones or emails share one cell, separated by " | ". */
export function directoryCsvLine(c: ContactDoc): string {
  return csvLine([
    c._id,
    c.name,
    c.phones.map((p) => p.number).join(' | '),
    c.emails.join(' | '),
    c.province,
    c.city,
    c.address,
    c.segment,
    c.clubNumber,
  ]);
}

/** RFC 2426 text value: backslash, comma, semicolon and line breaks are escaped. */
export function vcardEscape(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * RFC 2425 folding: no line longer than 75 octets; continuation lines start with a space. Cuts
 * fall between code points, so a Persian letter (2 octets in UTF-8) is never split.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line + CRLF;
  let out = '';
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > limit) {
      out += current + CRLF + ' ';
      current = '';
      bytes = 0;
      limit = 74; // the leading space counts
    }
    current += ch;
    bytes += size;
  }
  return out + current + CRLF;
}

/** One vCard 3.0 per contact. The whole name goes into FN and, unsplit, into N's given name. */
export function contactVcard(c: ContactDoc): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0'];
  const name = c.name || c.phones[0]?.number || c.emails[0] || String(c._id);
  lines.push(`FN:${vcardEscape(name)}`, `N:;${vcardEscape(c.name)};;;`);
  for (const p of c.phones) {
    const type = p.label === 'mobile' ? 'CELL' : p.label === 'work' ? 'WORK' : 'VOICE';
    lines.push(`TEL;TYPE=${type}:${vcardEscape(p.number)}`);
  }
  for (const e of c.emails) lines.push(`EMAIL;TYPE=INTERNET:${vcardEscape(e)}`);
  if (c.address || c.city || c.province) {
    // ADR: post office box; extended address; street; locality; region; postal code; country
    lines.push(
      `ADR;TYPE=HOME:;;${vcardEscape(c.address)};${vcardEscape(c.city)};${vcardEscape(c.province)};;`,
    );
  }
  if (c.clubNumber) lines.push(`X-CLUB-NUMBER:${vcardEscape(c.clubNumber)}`);
  lines.push(`CATEGORIES:${vcardEscape(c.segment)}`);
  lines.push(`UID:${String(c._id)}`);
  if (c.updatedAt) lines.push(`REV:${c.updatedAt.toISOString()}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('');
}

export type DirectoryFormat = 'csv' | 'vcf';

const FORMATS: Record<
  DirectoryFormat,
  { contentType: string; head: string; row: (c: ContactDoc) => string }
> = {
  csv: {
    contentType: 'text/csv; charset=utf-8',
    head: BOM + csvLine(DIRECTORY_COLUMNS),
    row: directoryCsvLine,
  },
  vcf: { contentType: 'text/vcard; charset=utf-8', head: '', row: contactVcard },
};

/** Streams the directory as a CSV or vCard download (see streamDownload). */
export function streamDirectory(
  res: Response,
  cursor: RowCursor<ContactDoc>,
  format: DirectoryFormat,
): Promise<void> {
  const { contentType, head, row } = FORMATS[format];
  return streamDownload(res, cursor, {
    contentType,
    name: 'contacts',
    extension: format,
    head,
    row,
  });
}
