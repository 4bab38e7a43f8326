/** Bulk import of units (serial numbers) from a CSV file, with a report per line. */
import { request, requestJson } from './http';

/** The header line and one row, shown as the file's example. */
export const IMPORT_EXAMPLE = [
  'serial,productCode,productionDate,deliveryDate,ownerPhone,dealerCode',
  'DRP50-000777,DRP50,2025-01-10,2025-02-01,09121234567,RSH-1',
].join('\n');

export interface ImportReport {
  id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  total: number;
  processed: number;
  created: number;
  unchanged: number;
  conflicts: number;
  invalid: number;
  problems: Array<{ line: number; serial: string | null; code: string; reason: string }>;
  problemsTruncated: number;
}

/** Sends the file; a small one comes back with its report, a large one as a running import. */
export async function startUnitImport(csrf: string, file: Blob): Promise<ImportReport> {
  const response = await request('/api/units/import', {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf },
    body: new Blob([file], { type: 'text/csv' }),
  });
  const body = (await response.json()) as Partial<ImportReport> & { id: string };
  return response.status === 202 ? getUnitImport(body.id) : (body as ImportReport);
}

export function getUnitImport(id: string): Promise<ImportReport> {
  return requestJson(`/api/units/import/${id}`);
}
