import type { Request } from 'express';
import twilio from 'twilio';
import type { z } from 'zod';
import { badRequest, forbidden } from '../../core/errors.js';
import type { TwilioSettings } from './client.js';

export type Form = Record<string, string>;

/** Form fields as Twilio signed them (one string per name). */
export function formOf(req: Request): Form {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const form: Form = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') form[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') form[k] = v[0];
  }
  return form;
}

/** X-Twilio-Signature over PUBLIC_URL + path (never Host: behind a proxy Host is not what Twilio called). */
export function verifySignature(
  settings: Pick<TwilioSettings, 'publicUrl' | 'authToken'>,
  req: Request,
  form: Form,
): void {
  const signature = req.get('x-twilio-signature');
  if (!signature) throw badRequest('signature_missing', 'X-Twilio-Signature header is missing');
  const url = settings.publicUrl + req.originalUrl;
  if (!twilio.validateRequest(settings.authToken, signature, url, form))
    throw forbidden('X-Twilio-Signature does not match this request');
}

export function parseForm<T>(schema: z.ZodType<T>, form: Form): T {
  const parsed = schema.safeParse(form);
  if (!parsed.success)
    throw badRequest(
      'invalid_webhook',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** The signed form of a Twilio webhook, validated: missing signature 400, wrong 403, bad form 400. */
export function signedForm<T>(
  settings: Pick<TwilioSettings, 'publicUrl' | 'authToken'>,
  req: Request,
  schema: z.ZodType<T>,
): { form: Form; input: T } {
  const form = formOf(req);
  verifySignature(settings, req, form);
  return { form, input: parseForm(schema, form) };
}
