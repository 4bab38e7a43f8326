/** Text and HTML bodies for outgoing mail: Persian right to left, a signature, no markup injected. */

const PERSIAN = /[\u0600-\u06FF]/;

export const isPersian = (text: string) => PERSIAN.test(text);

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function composeBodies(body: string, signature: string): { text: string; html: string } {
  const text = signature ? `${body}\n\n-- \n${signature}` : body;
  const dir = isPersian(body) ? 'rtl' : 'ltr';
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const sig = signature
    ? `\n<div class="signature" style="color:#555">-- <br>${escapeHtml(signature).replace(/\n/g, '<br>')}</div>`
    : '';
  const html = `<!doctype html><html lang="${dir === 'rtl' ? 'fa' : 'en'}" dir="${dir}"><body><div dir="${dir}" style="font-family:Vazirmatn,Tahoma,Arial,sans-serif">\n${paragraphs}${sig}\n</div></body></html>`;
  return { text, html };
}

/** `Re: <subject> [T-n]`: one Re:, and the ticket number kept (added when missing). */
export function replySubject(subject: string, label: string): string {
  const base = subject.replace(/^\s*((re|aw|fw|fwd|پاسخ)\s*:\s*)+/i, '').trim() || label;
  const tagged = base.includes(`[${label}]`) ? base : `${base} [${label}]`;
  return `Re: ${tagged}`;
}
