import type { MessageAttachment } from './service.js';

export function presentAttachment(a: MessageAttachment) {
  return {
    id: a.fileId ? String(a.fileId) : null,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    dropped: a.dropped,
    reason: a.reason,
  };
}
