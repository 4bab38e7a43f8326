import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { bootstrap, exitOnStartupError } from '../core/bootstrap.js';
import { password as passwordSchema } from '../users/schema.js';
import { createUser } from '../users/service.js';

/** `npm run create-admin -- --email you@example.com` (asks for the password). */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const rl = createInterface({ input: process.stdin, output: process.stdout });
const email = z.email().parse(flag('email') ?? (await rl.question('Email: ')));
const password = passwordSchema.parse(
  process.env.ADMIN_PASSWORD || (await rl.question('Password (10+ characters): ')),
);
rl.close();

const runtime = await bootstrap().catch(exitOnStartupError);
try {
  const user = await createUser(
    {
      email,
      password,
      displayName: flag('name') ?? 'Administrator',
      roles: ['admin', 'supervisor'],
      groups: [],
      skills: [],
      languages: ['fa', 'en'],
      maxConcurrent: null,
      phone: null,
      locale: 'fa',
    },
    null,
  );
  console.log(`Created admin ${user.email}`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
await runtime.close();
