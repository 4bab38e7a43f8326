import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { Contact } from '../contacts/model.js';
import { config } from '../core/config.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { Dealer, Technician } from '../dealers/model.js';
import { Product, Unit, type ProductDoc, type UnitDoc } from './model.js';
import type {
  createProductBody,
  createUnitBody,
  listUnitsQuery,
  updateProductBody,
  updateUnitBody,
} from './schema.js';
import { coverage, type Coverage } from './warranty.js';

export function coverageOf(unit: UnitDoc, now = new Date()): Coverage {
  const c = config();
  return coverage(unit, now, {
    guaranteeMonths: c.GUARANTEE_MONTHS,
    warrantyYears: c.WARRANTY_YEARS,
    timeZone: c.DEFAULT_TIMEZONE,
  });
}

export async function listProducts(): Promise<ProductDoc[]> {
  return Product.find().sort({ code: 1 }).lean<ProductDoc[]>();
}

export async function getProduct(id: string): Promise<ProductDoc> {
  const p = await Product.findById(id).lean<ProductDoc>();
  if (!p) throw notFound('Product');
  return p;
}

export async function createProduct(
  input: z.infer<typeof createProductBody>,
  actorId: string,
): Promise<ProductDoc> {
  try {
    const p = await Product.create(input);
    await audit({
      actor: actorId,
      action: 'product.create',
      targetKind: 'product',
      targetId: String(p._id),
    });
    return p.toObject() as ProductDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('code_taken', `A product with code ${input.code} already exists`);
    throw err;
  }
}

export async function updateProduct(
  id: string,
  input: z.infer<typeof updateProductBody>,
  actorId: string,
): Promise<ProductDoc> {
  const p = await Product.findByIdAndUpdate(id, { $set: input }, { new: true }).lean<ProductDoc>();
  if (!p) throw notFound('Product');
  await audit({ actor: actorId, action: 'product.update', targetKind: 'product', targetId: id });
  return p;
}

function checkDates(production: Date, delivery: Date | null | undefined) {
  if (delivery && delivery < production) {
    throw unprocessable(
      'delivery_before_production',
      'The delivery date is before the production date',
    );
  }
  if (production > new Date())
    throw unprocessable('production_in_future', 'The production date is in the future');
}

async function checkReferences(input: {
  owner?: string | null;
  dealer?: string | null;
  installer?: string | null;
}) {
  if (input.owner && !(await Contact.exists({ _id: input.owner, mergedInto: null })))
    throw unprocessable('unknown_contact', 'The owner contact does not exist');
  if (input.dealer && !(await Dealer.exists({ _id: input.dealer })))
    throw unprocessable('unknown_dealer', 'The dealer does not exist');
  if (input.installer && !(await Technician.exists({ _id: input.installer })))
    throw unprocessable('unknown_technician', 'The installer does not exist');
}

/** Owning a registered unit makes a potential customer an actual one (seed duty 23). */
async function markOwnerActual(owner: string | null | undefined) {
  if (owner)
    await Contact.updateOne({ _id: owner, segment: 'potential' }, { $set: { segment: 'actual' } });
}

export async function createUnit(
  input: z.infer<typeof createUnitBody>,
  actorId: string | null,
): Promise<{ unit: UnitDoc; product: ProductDoc }> {
  const product = await Product.findOne({ code: input.productCode }).lean<ProductDoc>();
  if (!product)
    throw unprocessable('unknown_product', `No product model with code ${input.productCode}`);
  checkDates(input.productionDate, input.deliveryDate);
  await checkReferences(input);
  try {
    const unit = await Unit.create({ ...input, product: product._id });
    await markOwnerActual(input.owner);
    await audit({
      actor: actorId,
      action: 'unit.create',
      targetKind: 'unit',
      targetId: String(unit._id),
    });
    return { unit: unit.toObject() as UnitDoc, product };
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('serial_taken', `Serial ${input.serial} is already registered`);
    throw err;
  }
}

export async function updateUnit(
  id: string,
  input: z.infer<typeof updateUnitBody>,
  actorId: string,
) {
  const before = await Unit.findById(id).lean<UnitDoc>();
  if (!before) throw notFound('Unit');
  const update: Record<string, unknown> = { ...input };
  if (input.productCode) {
    const product = await Product.findOne({ code: input.productCode }).lean<ProductDoc>();
    if (!product)
      throw unprocessable('unknown_product', `No product model with code ${input.productCode}`);
    update.product = product._id;
  }
  checkDates(
    input.productionDate ?? before.productionDate,
    input.deliveryDate === undefined ? before.deliveryDate : input.deliveryDate,
  );
  await checkReferences(input);
  const unit = await Unit.findByIdAndUpdate(id, { $set: update }, { new: true }).lean<UnitDoc>();
  await markOwnerActual(input.owner);
  await audit({
    actor: actorId,
    action: 'unit.update',
    targetKind: 'unit',
    targetId: id,
    details: { fields: Object.keys(input) },
  });
  return withProduct(unit!);
}

async function withProduct(unit: UnitDoc) {
  return { unit, product: await Product.findById(unit.product).lean<ProductDoc>() };
}

export async function findUnitBySerial(serial: string) {
  const unit = await Unit.findOne({ serial }).lean<UnitDoc>();
  if (!unit) throw notFound(`Serial number ${serial}`);
  return withProduct(unit);
}

export async function listUnits(q: z.infer<typeof listUnitsQuery>) {
  const filter: Record<string, unknown> = {};
  if (q.productCode) filter.productCode = q.productCode.toUpperCase();
  if (q.owner) filter.owner = q.owner;
  if (q.dealer) filter.dealer = q.dealer;
  return paginate<UnitDoc>(Unit, filter, {
    sortField: 'serial',
    direction: 'asc',
    limit: q.limit,
    cursor: q.cursor,
  });
}
