import { z } from 'zod';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { ROLES } from '../core/http/route.js';
import { phoneSchema } from '../core/phone.js';
import { LOCALES, PRESENCE } from './model.js';

export const password = z.string().min(10, 'at least 10 characters').max(200);

export const createUserBody = z.strictObject({
  email: z.email().max(200),
  password,
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(z.enum(ROLES)).min(1),
  groups: z.array(objectId).default([]),
  skills: z.array(z.string().max(50)).max(50).default([]),
  languages: z.array(z.enum(LOCALES)).min(1).default(['fa']),
  maxConcurrent: z.number().int().min(0).max(100).nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  locale: z.enum(LOCALES).default('fa'),
});

export const updateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100),
    roles: z.array(z.enum(ROLES)).min(1),
    groups: z.array(objectId),
    skills: z.array(z.string().max(50)).max(50),
    languages: z.array(z.enum(LOCALES)).min(1),
    maxConcurrent: z.number().int().min(0).max(100).nullable(),
    phone: phoneSchema.nullable(),
    locale: z.enum(LOCALES),
    active: z.boolean(),
    password,
  })
  .partial();

export const updateMeBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100),
    phone: phoneSchema.nullable(),
    locale: z.enum(LOCALES),
    currentPassword: z.string().max(200),
    newPassword: password,
  })
  .partial()
  .refine((b) => !b.newPassword || b.currentPassword, {
    message: 'currentPassword is required to set a new password',
    path: ['currentPassword'],
  });

export const listUsersQuery = z.strictObject({
  ...pageQuery,
  role: z.enum(ROLES).optional(),
  group: objectId.optional(),
  presence: z.enum(PRESENCE).optional(),
  q: z.string().max(100).optional(),
});

export const idParams = z.strictObject({ id: objectId });

export const directoryQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
});
