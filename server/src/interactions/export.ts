import type { Response } from 'express';
import { BOM, csvLine, streamDownload, type RowCursor } from '../core/http/download.js';
import type { InteractionDoc } from './model.js';

export const CSV_COLUMNS = [
  'startedAt',
  'localDay',
  'channel',
  'direction',
  'callerKind',
  'callerValue',
  'contactId',
  'expertId',
  'ticketId',
  'outcome',
  'durationSec',
  'note',
] as const;

/** No joins: ids only, so each row costs nothing beyond reading it. */
export function interactionCsvLine(i: InteractionDoc): string {
  return csvLine([
    i.startedAt,
    i.localDay,
    i.channel,
    i.direction,
    i.caller?.kind,
    i.caller?.value,
    i.contact,
    i.expert,
    i.ticket,
    i.outcome,
    i.durationSec,
    i.note,
  ]);
}

/** Streams the rows as a CSV download (see streamDownload). */
export function streamInteractionsCsv(
  res: Response,
  cursor: RowCursor<InteractionDoc>,
): Promise<void> {
  return streamDownload(res, cursor, {
    contentType: 'text/csv; charset=utf-8',
    name: 'interactions',
    extension: 'csv',
    head: BOM + csvLine(CSV_COLUMNS),
    row: interactionCsvLine,
  });
}
