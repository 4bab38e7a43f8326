import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const DOCUMENT_KINDS = [
  'manual',
  'installation-guide',
  'brochure',
  'warranty-booklet',
  'other',
] as const;

const productSchema = new Schema(
  {
    code: { type: String, required: true, uppercase: true, trim: true },
    name: { fa: { type: String, required: true }, en: { type: String, required: true } },
    category: { type: String, default: '' },
    specifications: [{ _id: false, name: String, value: String }],
    documents: [
      {
        _id: false,
        kind: { type: String, enum: DOCUMENT_KINDS, required: true },
        title: { type: String, required: true },
        url: { type: String, required: true },
        locale: { type: String, enum: ['fa', 'en'], default: 'fa' },
      },
    ],
    faultCodes: [{ _id: false, code: String, description: { fa: String, en: String } }],
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
productSchema.index({ code: 1 }, { unique: true });

export type ProductDoc = InferSchemaType<typeof productSchema> & { _id: Types.ObjectId };
export const Product = mongoose.model('Product', productSchema);

const unitSchema = new Schema(
  {
    serial: { type: String, required: true, uppercase: true, trim: true },
    product: { type: Schema.Types.ObjectId, ref: 'Product', required: true },
    productCode: { type: String, required: true },
    productionDate: { type: Date, required: true },
    deliveryDate: { type: Date, default: null },
    owner: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
    dealer: { type: Schema.Types.ObjectId, ref: 'Dealer', default: null },
    installer: { type: Schema.Types.ObjectId, ref: 'Technician', default: null },
    notes: { type: String, default: '' },
  },
  { timestamps: true },
);
unitSchema.index({ serial: 1 }, { unique: true });
unitSchema.index({ owner: 1 });
unitSchema.index({ productCode: 1 });

export type UnitDoc = InferSchemaType<typeof unitSchema> & { _id: Types.ObjectId };
export const Unit = mongoose.model('Unit', unitSchema);
