import type { Types } from 'mongoose';
import { ExpertGroup, type ExpertGroupDoc } from '../expert-groups/model.js';
import { RoutingRule, type EntryKind, type RoutingRuleDoc } from './rules.model.js';

export interface RoutingFacts {
  entryPoint?: { kind: EntryKind; value: string } | null;
  productCode?: string | null;
  ticketType?: string | null;
}

const normaliseValue = (kind: EntryKind | null, value: string) =>
  kind === 'mailbox' ? value.trim().toLowerCase() : value.trim();

/** The expert group for a ticket: rules by entry point, then product model, then type; else default. */
export async function chooseGroup(facts: RoutingFacts): Promise<ExpertGroupDoc | null> {
  const rules = await RoutingRule.find({ active: true })
    .sort({ order: 1 })
    .lean<RoutingRuleDoc[]>();
  const match = (kind: RoutingRuleDoc['kind'], test: (r: RoutingRuleDoc) => boolean) =>
    rules.find((r) => r.kind === kind && test(r));
  const rule =
    (facts.entryPoint &&
      match(
        'entry-point',
        (r) =>
          r.entryKind === facts.entryPoint!.kind &&
          r.value === normaliseValue(facts.entryPoint!.kind, facts.entryPoint!.value),
      )) ||
    (facts.productCode && match('product-model', (r) => r.value === facts.productCode)) ||
    (facts.ticketType && match('ticket-type', (r) => r.value === facts.ticketType)) ||
    null;
  const group = rule ? await activeGroup(rule.group) : null;
  return group ?? ExpertGroup.findOne({ isDefault: true, active: true }).lean<ExpertGroupDoc>();
}

async function activeGroup(id: Types.ObjectId): Promise<ExpertGroupDoc | null> {
  return ExpertGroup.findOne({ _id: id, active: true }).lean<ExpertGroupDoc>();
}

export { normaliseValue as normaliseEntryValue };
