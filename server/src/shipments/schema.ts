import { z } from 'zod';
import { dateOnly } from '../core/dates.js';
import { objectId, pageQuery } from '../core/http/pagination.js';

export const SHIPMENT_KINDS = ['sample', 'gift', 'giveaway', 'to-factory', 'from-factory'] as const;

const shipmentFields = {
  kind: z.enum(SHIPMENT_KINDS),
  contact: objectId.nullable(),
  dealer: objectId.nullable(),
  ticket: objectId.nullable(),
  items: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        quantity: z.number().int().min(1).max(100_000),
      }),
    )
    .max(100),
  trackingNumber: z.string().trim().min(1).max(60).nullable(),
  sentAt: dateOnly.nullable(),
  deliveredAt: dateOnly.nullable(),
  notes: z.string().trim().max(5000),
};

export const createShipmentBody = z.strictObject(shipmentFields).partial().required({ kind: true });
export const updateShipmentBody = z.strictObject(shipmentFields).partial();

export const listShipmentsQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(SHIPMENT_KINDS).optional(),
  contact: objectId.optional(),
  dealer: objectId.optional(),
  ticket: objectId.optional(),
});

export const idParams = z.strictObject({ id: objectId });
