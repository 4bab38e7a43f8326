import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, 'fixtures/mail');

/** A MIME fixture with its {{PLACEHOLDERS}} filled in, as CRLF wire text. */
export function mailFixture(name: string, values: Record<string, string | number>): string {
  const text = readFileSync(path.join(DIR, `${name}.eml`), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (_, key: string) => {
      if (!(key in values)) throw new Error(`fixture ${name}: no value for {{${key}}}`);
      return String(values[key]);
    },
  );
  return text.replace(/\r?\n/g, '\r\n');
}

/** A plain message built in code (benchmarks, bulk tests). */
export function plainMail(fields: {
  from: string;
  to: string;
  subject: string;
  id?: string | null;
  inReplyTo?: string;
  body?: string;
}): string {
  const lines = [
    `From: <${fields.from}>`,
    `To: <${fields.to}>`,
    `Subject: ${fields.subject}`,
    `Date: ${new Date().toUTCString()}`,
    ...(fields.id ? [`Message-ID: <${fields.id}>`] : []),
    ...(fields.inReplyTo
      ? [`In-Reply-To: <${fields.inReplyTo}>`, `References: <${fields.inReplyTo}>`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    fields.body ?? 'Hello from the test.',
    '',
  ];
  return lines.join('\r\n');
}
