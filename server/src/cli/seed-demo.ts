import { bootstrap, exitOnStartupError } from '../core/bootstrap.js';
import { databaseIsEmpty, seedDemo } from '../seed/demo.js';

const runtime = await bootstrap().catch(exitOnStartupError);
if (!(await databaseIsEmpty())) {
  console.error('The database already has data; demo data is only added to an empty database.');
  await runtime.close();
  process.exit(1);
}
const logins = await seedDemo(runtime.config);
console.log('Demo logins:');
for (const l of logins)
  console.log(`  ${l.email.padEnd(24)} ${l.password}  (${l.roles.join(', ')})`);
await runtime.close();
