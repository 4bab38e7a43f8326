import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../../audit/model.js';
import { config } from '../../core/config.js';
import { conflict, isDuplicateKeyError, notFound } from '../../core/errors.js';
import { objectId } from '../../core/http/pagination.js';
import { widgetIdentitySecret } from './identity.js';
import { WidgetKey, type WidgetKeyDoc } from './model.js';

/** "https://Example.com/" -> "https://example.com"; anything with a path or query is refused. */
const originSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      if (!['http:', 'https:'].includes(url.protocol) || url.pathname.length > 1 || url.search)
        throw new Error('not an origin');
      return url.origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an origin like https://www.example.com' });
      return z.NEVER;
    }
  });

export const widgetKeyBody = z.strictObject({
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{3,64}$/, 'letters, digits, - and _, 3 to 64 characters')
    .optional(),
  name: z.string().trim().min(1).max(120),
  allowedOrigins: z.array(originSchema).max(50),
  defaultTopic: z.string().trim().min(1).max(60).nullable().optional(),
  defaultGroup: objectId.nullable().optional(),
  active: z.boolean().optional(),
});
export const widgetKeyPatch = widgetKeyBody.omit({ key: true }).partial();
export const widgetKeyParams = z.strictObject({ id: objectId });

export function presentWidgetKey(k: WidgetKeyDoc) {
  return {
    id: String(k._id),
    key: k.key,
    /** For the host's server to sign `ContactCentre.setUser` (see identity.ts). */
    identitySecret: widgetIdentitySecret(k.key),
    name: k.name,
    allowedOrigins: k.allowedOrigins,
    defaultTopic: k.defaultTopic ?? null,
    defaultGroup: k.defaultGroup ? String(k.defaultGroup) : null,
    active: k.active,
    createdAt: k.createdAt.toISOString(),
    updatedAt: k.updatedAt.toISOString(),
  };
}

export const listWidgetKeys = () => WidgetKey.find().sort({ name: 1 }).lean<WidgetKeyDoc[]>();

export async function getWidgetKey(id: string): Promise<WidgetKeyDoc> {
  const k = await WidgetKey.findById(id).lean<WidgetKeyDoc>();
  if (!k) throw notFound('Widget key');
  return k;
}

export async function createWidgetKey(
  input: z.infer<typeof widgetKeyBody>,
  actorId: string | null,
): Promise<WidgetKeyDoc> {
  try {
    const created = await WidgetKey.create({
      ...input,
      key: input.key ?? randomBytes(12).toString('base64url'),
      allowedOrigins: [...new Set(input.allowedOrigins)],
    });
    const k = created.toObject() as WidgetKeyDoc;
    activeKeys.clear();
    await audit({
      actor: actorId,
      action: 'widget-key.create',
      targetKind: 'WidgetKey',
      targetId: String(k._id),
    });
    return k;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict('duplicate_key', 'This widget key already exists');
    throw err;
  }
}

export async function updateWidgetKey(
  id: string,
  changes: z.infer<typeof widgetKeyPatch>,
  actorId: string,
): Promise<WidgetKeyDoc> {
  const set: Record<string, unknown> = { ...changes };
  if (changes.allowedOrigins) set.allowedOrigins = [...new Set(changes.allowedOrigins)];
  const k = await WidgetKey.findByIdAndUpdate(
    id,
    { $set: set },
    { new: true },
  ).lean<WidgetKeyDoc>();
  if (!k) throw notFound('Widget key');
  activeKeys.clear();
  await audit({
    actor: actorId,
    action: 'widget-key.update',
    targetKind: 'WidgetKey',
    targetId: id,
    details: { fields: Object.keys(changes) },
  });
  return k;
}

export async function deleteWidgetKey(id: string, actorId: string): Promise<void> {
  const res = await WidgetKey.deleteOne({ _id: id });
  if (!res.deletedCount) throw notFound('Widget key');
  activeKeys.clear();
  await audit({
    actor: actorId,
    action: 'widget-key.delete',
    targetKind: 'WidgetKey',
    targetId: id,
  });
}

/** The demo key `demo`, allowing the hub's own origin (for `/demo`). Safe to call repeatedly. */
export async function seedDemoWidgetKey(publicUrl = config().PUBLIC_URL): Promise<WidgetKeyDoc> {
  const origin = new URL(publicUrl).origin;
  const k = await WidgetKey.findOneAndUpdate(
    { key: 'demo' },
    {
      $setOnInsert: { key: 'demo', name: 'Demo page', defaultTopic: null, active: true },
      $addToSet: { allowedOrigins: origin },
    },
    { upsert: true, new: true },
  ).lean<WidgetKeyDoc>();
  return k!;
}

/**
 * Active keys by name, kept a few seconds: a reconnect storm (the hub restarted, every widget
 * comes back) reads each key once, not once per visitor, and every socket shares one copy. An
 * edit made on another process applies to new connections within KEY_CACHE_MS.
 */
const KEY_CACHE_MS = 5_000;
const activeKeys = new Map<string, { key: Promise<WidgetKeyDoc | null>; at: number }>();

function activeKey(key: string): Promise<WidgetKeyDoc | null> {
  const hit = activeKeys.get(key);
  if (hit && Date.now() - hit.at < KEY_CACHE_MS) return hit.key;
  if (activeKeys.size > 1_000) activeKeys.clear();
  const loaded = WidgetKey.findOne({ key, active: true }).lean<WidgetKeyDoc>().exec();
  activeKeys.set(key, { key: loaded, at: Date.now() });
  loaded.catch(() => activeKeys.delete(key));
  return loaded;
}

/**
 * The active key if the connecting page may use it. A browser sends the page's Origin; when the
 * widget frame is served from the hub itself, the frame reports the host page's origin instead.
 */
export async function checkWidgetKey(
  key: unknown,
  origin: string | undefined,
  reportedHostOrigin: unknown,
): Promise<WidgetKeyDoc | null> {
  if (typeof key !== 'string' || key.length > 64 || !origin) return null;
  const k = await activeKey(key);
  if (!k) return null;
  if (k.allowedOrigins.includes(origin)) return k;
  const hubOrigin = new URL(config().PUBLIC_URL).origin;
  if (
    origin === hubOrigin &&
    typeof reportedHostOrigin === 'string' &&
    k.allowedOrigins.includes(reportedHostOrigin)
  )
    return k;
  return null;
}
