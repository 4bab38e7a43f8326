import { z } from 'zod';

export const loginBody = z.strictObject({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
