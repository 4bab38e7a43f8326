import type { SerialCheckResult } from '@cc/shared';
import { ExpertGroup } from '../../expert-groups/model.js';
import { Product, Unit, type ProductDoc, type UnitDoc } from '../../products/model.js';
import { serial as serialSchema } from '../../products/schema.js';
import { coverageOf } from '../../products/service.js';
import { RoutingRule } from '../../routing/rules.model.js';

/** The public topics: active groups' web-chat topics and the web-chat entry-point rules. */
export async function publicTopics(): Promise<string[]> {
  const [groups, rules] = await Promise.all([
    ExpertGroup.find({ active: true }, { topics: 1 }).lean<{ topics?: string[] }[]>(),
    RoutingRule.find(
      { kind: 'entry-point', entryKind: 'webchat-topic', active: true },
      { value: 1 },
    ).lean<{ value: string }[]>(),
  ]);
  const topics = new Set([...groups.flatMap((g) => g.topics ?? []), ...rules.map((r) => r.value)]);
  return [...topics].filter(Boolean).sort((a, b) => a.localeCompare(b));
}

/** Model and guarantee/warranty status of a serial number; no owner or dealer details. */
export async function checkSerial(input: string): Promise<SerialCheckResult> {
  const parsed = serialSchema.safeParse(input);
  if (!parsed.success) return { found: false };
  const unit = await Unit.findOne({ serial: parsed.data }).lean<UnitDoc>();
  if (!unit) return { found: false };
  const product = await Product.findById(unit.product, { name: 1 }).lean<
    Pick<ProductDoc, 'name'>
  >();
  const c = coverageOf(unit);
  return {
    found: true,
    serial: unit.serial,
    model: {
      code: unit.productCode,
      name: product?.name ? { fa: product.name.fa, en: product.name.en } : null,
    },
    coverage: {
      state: c.state,
      guaranteeEndsOn: c.guaranteeEndsOn,
      warrantyEndsOn: c.warrantyEndsOn,
    },
  };
}
