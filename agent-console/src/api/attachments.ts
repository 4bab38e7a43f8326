import { request } from './http';

/** A file stored on a ticket, not yet sent (POST /api/tickets/:id/attachments). */
export interface UploadedAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export async function uploadAttachment(
  csrfToken: string,
  ticketId: string,
  file: File,
): Promise<UploadedAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await request(`/api/tickets/${ticketId}/attachments`, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrfToken },
    body: form,
  });
  return (await response.json()) as UploadedAttachment;
}

/** Where the console opens or shows a stored file (staff session, same origin). */
export const attachmentUrl = (fileId: string): string =>
  `/api/attachments/${encodeURIComponent(fileId)}`;
