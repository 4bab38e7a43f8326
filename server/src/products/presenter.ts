import type { ProductDoc, UnitDoc } from './model.js';
import type { Coverage } from './warranty.js';
import { isoDay } from '../core/dates.js';

export function presentProduct(p: ProductDoc) {
  return {
    id: String(p._id),
    code: p.code,
    name: p.name,
    category: p.category,
    specifications: p.specifications,
    documents: p.documents,
    faultCodes: p.faultCodes,
    active: p.active,
  };
}

export function presentUnit(u: UnitDoc, coverage: Coverage, product?: ProductDoc | null) {
  return {
    id: String(u._id),
    serial: u.serial,
    productCode: u.productCode,
    productName: product?.name ?? null,
    productionDate: isoDay(u.productionDate),
    deliveryDate: u.deliveryDate ? isoDay(u.deliveryDate) : null,
    owner: u.owner ? String(u.owner) : null,
    dealer: u.dealer ? String(u.dealer) : null,
    installer: u.installer ? String(u.installer) : null,
    notes: u.notes,
    coverage,
  };
}
