import type { ExpertGroupDoc } from './model.js';

export function presentGroup(g: ExpertGroupDoc) {
  return {
    id: String(g._id),
    slug: g.slug,
    name: g.name,
    description: g.description ?? {},
    topics: g.topics,
    productModels: g.productModels,
    languages: g.languages,
    channels: g.channels,
    businessHours: g.businessHours,
    sla: g.sla,
    defaultMaxConcurrent: g.defaultMaxConcurrent,
    overflowGroup: g.overflowGroup ? String(g.overflowGroup) : null,
    overflowAfterMinutes: g.overflowAfterMinutes,
    isDefault: g.isDefault,
    active: g.active,
  };
}
