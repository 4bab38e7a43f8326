import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** Samples, gifts and giveaways (seed 25), and units sent to the factory for a claim (seed 28). */
const shipmentSchema = new Schema(
  {
    kind: {
      type: String,
      enum: ['sample', 'gift', 'giveaway', 'to-factory', 'from-factory'],
      required: true,
    },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
    dealer: { type: Schema.Types.ObjectId, ref: 'Dealer', default: null },
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', default: null },
    items: [{ _id: false, name: String, quantity: Number }],
    trackingNumber: { type: String, default: null },
    sentAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
    notes: { type: String, default: '' },
  },
  { timestamps: true },
);
shipmentSchema.index({ contact: 1 });
shipmentSchema.index({ dealer: 1 });
shipmentSchema.index({ ticket: 1 });

export type ShipmentDoc = InferSchemaType<typeof shipmentSchema> & { _id: Types.ObjectId };
export const Shipment = mongoose.model('Shipment', shipmentSchema);
