import type { ContactDoc } from '../src/contacts/model.js';
import { Product, Unit, type ProductDoc, type UnitDoc } from '../src/products/model.js';
import { makeContact } from './factories.js';

const DAY = 24 * 3600 * 1000;
let n = 0;

/** A product model with documents, made once per test file. */
export async function makeProduct(code = `WH-${++n}${Date.now() % 1000}`): Promise<ProductDoc> {
  const p = await Product.create({
    code,
    name: { fa: 'آبگرمکن دیواری', en: 'Wall water heater' },
    documents: [
      { kind: 'manual', title: 'User manual', url: 'https://example.com/manual.pdf', locale: 'en' },
    ],
  });
  return p.toObject() as ProductDoc;
}

/** A unit owned by a new contact; `deliveredDaysAgo` past 365 puts it out of the gold guarantee. */
export async function makeOwnedUnit(
  product: ProductDoc,
  opts: { deliveredDaysAgo?: number; contact?: Partial<ContactDoc> } = {},
): Promise<{ unit: UnitDoc; owner: ContactDoc }> {
  const owner = await makeContact({ segment: 'actual', ...opts.contact });
  const delivered = opts.deliveredDaysAgo ?? 30;
  const unit = await Unit.create({
    serial: `SN-${Date.now().toString(36).toUpperCase()}-${++n}`,
    product: product._id,
    productCode: product.code,
    productionDate: new Date(Date.now() - (delivered + 30) * DAY),
    deliveryDate: new Date(Date.now() - delivered * DAY),
    owner: owner._id,
  });
  return { unit: unit.toObject() as UnitDoc, owner };
}

export const lastFour = (c: ContactDoc): string => c.phones[0]!.number.slice(-4);

/** The 8-byte PNG signature and an IHDR chunk: enough for the type to be recognised from bytes. */
export const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64, 7),
]);
