import { fileTypeFromBuffer } from 'file-type';

/** What each upload place accepts, decided from the bytes, never from the name or header. */
export type AcceptPolicy = 'images-pdf' | 'any';

const IMAGES_AND_PDF = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
]);

/** Shown in the browser rather than downloaded; everything else is served as a download. */
export const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
]);

export async function sniffContentType(data: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(data);
  if (found) return found.mime;
  return looksLikeText(data) ? 'text/plain' : 'application/octet-stream';
}

export function accepts(policy: AcceptPolicy, contentType: string): boolean {
  return policy === 'any' || IMAGES_AND_PDF.has(contentType);
}

function looksLikeText(data: Buffer): boolean {
  const sample = data.subarray(0, 4096);
  if (sample.includes(0)) return false;
  return !sample.toString('utf8').includes('\uFFFD');
}
