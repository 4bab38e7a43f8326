/** Bulk import of units (serial numbers) from a CSV file, with a report per line. */
import type { UnitImportReport } from '@cc/shared';
import { request, requestJson } from './http';

/** The header line and one row, shown as the file's example. */
export const IMPORT_EXAMPLE = [
  'serial,productCode,productionDate,deliveryDate,ownerPhone,dealerCode',
  'DRP50-000777,DRP50,2025-01-10,2025-02-01,09121234567,RSH-1',
].join('\n');

/** Sends the file; a small one comes back with its report, a large one as a running import. */
export async function startUnitImport(csrf: string, file: Blob): Promise<UnitImportReport> {
  const response = await request('/api/units/import', {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf },
    body: new Blob([file], { type: 'text/csv' }),
  });
  const body = (await response.json()) as Partial<UnitImportReport> & { id: string };
  return response.status === 202 ? getUnitImport(body.id) : (body as UnitImportReport);
}

export function getUnitImport(id: string): Promise<UnitImportReport> {
  return requestJson(`/api/units/import/${id}`);
}
