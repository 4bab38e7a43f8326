/** The log of samples, gifts and giveaways sent to customers and dealers (seed 25). */
import { queryString, requestJson, sendJson } from './http';
import type { Page } from './types';

export const SHIPMENT_KINDS = ['sample', 'gift', 'giveaway', 'to-factory', 'from-factory'] as const;
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number];

export interface Shipment {
  id: string;
  kind: ShipmentKind;
  contact: string | null;
  dealer: string | null;
  recipientName: string | null;
  items: Array<{ name: string; quantity: number }>;
  trackingNumber: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  status: 'preparing' | 'sent' | 'delivered';
  notes: string;
}

export interface ShipmentFields {
  kind: ShipmentKind;
  contact: string | null;
  dealer: string | null;
  items: Array<{ name: string; quantity: number }>;
  trackingNumber: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  notes: string;
}

export async function listShipments(kind: ShipmentKind | ''): Promise<Shipment[]> {
  const page = await requestJson<Page<Shipment>>(
    `/api/shipments${queryString({ kind: kind || null, limit: 100 })}`,
  );
  return page.items;
}

export function createShipment(csrf: string, fields: ShipmentFields): Promise<Shipment> {
  return sendJson('POST', '/api/shipments', csrf, fields);
}

export function updateShipment(
  csrf: string,
  id: string,
  fields: Partial<ShipmentFields>,
): Promise<Shipment> {
  return sendJson('PATCH', `/api/shipments/${id}`, csrf, fields);
}
