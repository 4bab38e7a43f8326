import type { Response } from 'express';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { config } from '../config.js';
import { localDay } from '../dates.js';
import { logger } from '../logger.js';

/** What a download reads from: a Mongo cursor (mongoose QueryCursor), one row at a time. */
export interface RowCursor<T> {
  next(): Promise<T | null>;
  close(): Promise<void>;
}

/** Excel only reads a CSV as UTF-8 (Persian text) when it starts with a byte order mark. */
export const BOM = '\uFEFF';
const EOL = '\r\n';
const CHUNK_CHARS = 16 * 1024;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 cell: quoted when it holds a quote, comma or line break (quotes doubled). Text
 * that a spreadsheet would run as a formula gets a leading single quote, so it shows as text.
 */
export function csvCell(value: unknown): string {
  if (value == null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + EOL;

/** Resolves when the socket wants more ('drain') or the client has gone ('close'). */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface DownloadFormat<T> {
  contentType: string;
  /** File name without the date and extension, e.g. "interactions". */
  name: string;
  extension: string;
  head: string;
  row(doc: T): string;
}

/**
 * Streams rows as a file download. Memory stays flat: one chunk of rows at a time, and when the
 * socket buffer is full (write() returns false) reading waits for 'drain'. A client that
 * disconnects closes the cursor. A failure before the first byte becomes the usual JSON error;
 * after it the response is cut off, so a partial file never looks complete.
 */
export async function streamDownload<T>(
  res: Response,
  cursor: RowCursor<T>,
  format: DownloadFormat<T>,
): Promise<void> {
  let gone = false;
  const onClose = () => {
    if (res.writableFinished) return;
    gone = true;
    cursor.close().catch(() => undefined);
  };
  res.on('close', onClose);
  try {
    let row = await cursor.next();
    if (gone) return;
    const day = localDay(new Date(), config().DEFAULT_TIMEZONE);
    res.status(200);
    res.setHeader('Content-Type', format.contentType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${format.name}-${day}.${format.extension}"`,
    );
    res.setHeader('Cache-Control', 'no-store');

    let chunk = format.head;
    while (row) {
      chunk += format.row(row);
      if (chunk.length >= CHUNK_CHARS) {
        const more = res.write(chunk);
        chunk = '';
        // Wait for the socket when it is full; otherwise still let other requests have a turn.
        if (more) await nextTurn();
        else await drainedOrClosed(res);
        if (gone) return;
      }
      row = await cursor.next();
      if (gone) return;
    }
    res.end(chunk);
  } catch (err) {
    if (gone) return; // the client left and the cursor was closed under us
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      throw err;
    }
    logger.error({ err, download: format.name }, 'download failed mid-stream');
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  } finally {
    res.off('close', onClose);
    if (!gone) await cursor.close().catch(() => undefined);
  }
}
