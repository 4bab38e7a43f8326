import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const dealerSchema = new Schema(
  {
    code: { type: String, required: true, uppercase: true, trim: true },
    name: { type: String, required: true },
    kinds: { type: [String], enum: ['sales', 'service'], required: true },
    province: { type: String, required: true },
    city: { type: String, required: true },
    address: { type: String, default: '' },
    phone: { type: String, default: null },
    location: { lat: { type: Number, default: null }, lng: { type: Number, default: null } },
    region: { type: String, default: '' },
    status: { type: String, enum: ['active', 'suspended', 'terminated'], default: 'active' },
    contractStart: { type: Date, default: null },
    contractEnd: { type: Date, default: null },
    workplaceCondition: { type: String, default: '' },
    needs: { type: String, default: '' },
    history: [
      {
        _id: false,
        at: Date,
        note: String,
        by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
      },
    ],
  },
  { timestamps: true },
);
dealerSchema.index({ code: 1 }, { unique: true });
dealerSchema.index({ province: 1, city: 1, status: 1 });

export type DealerDoc = InferSchemaType<typeof dealerSchema> & { _id: Types.ObjectId };
export const Dealer = mongoose.model('Dealer', dealerSchema);

const technicianSchema = new Schema(
  {
    dealer: { type: Schema.Types.ObjectId, ref: 'Dealer', required: true },
    name: { type: String, required: true },
    phone: { type: String, default: null },
    trainings: [{ _id: false, title: String, date: Date }],
    certifications: [{ _id: false, title: String, issuedAt: Date, expiresAt: Date }],
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
technicianSchema.index({ dealer: 1 });

export type TechnicianDoc = InferSchemaType<typeof technicianSchema> & { _id: Types.ObjectId };
export const Technician = mongoose.model('Technician', technicianSchema);
