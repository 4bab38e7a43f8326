import type { CannedResponseDoc } from './model.js';

export function presentCannedResponse(c: CannedResponseDoc) {
  return {
    id: String(c._id),
    title: c.title,
    body: c.body,
    locale: c.locale,
    shortcut: c.shortcut,
    scope: c.scope,
    owner: String(c.owner),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
export type PresentedCannedResponse = ReturnType<typeof presentCannedResponse>;
