import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { Unit, type UnitDoc } from '../products/model.js';
import { coverageOf } from '../products/service.js';
import { Ticket } from '../tickets/model.js';
import { Interaction } from '../interactions/model.js';
import { databaseIsEmpty, readDemoLogins, seedDemo } from './demo.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('demo data', () => {
  it('fills an empty database: logins that work, units in every coverage state, conversations in the queue', async () => {
    expect(await databaseIsEmpty()).toBe(true);
    const logins = await seedDemo(app.runtime.config);
    expect(await databaseIsEmpty()).toBe(false);
    expect(readDemoLogins(app.runtime.config)).toEqual(logins);

    const admin = logins.find((l) => l.roles.includes('admin'))!;
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(res.status).toBe(200);

    const units = await Unit.find().lean<UnitDoc[]>();
    expect(units.length).toBe(300);
    const states = new Set(units.map((u) => coverageOf(u).state));
    expect([...states].sort()).toEqual([
      'gold-guarantee',
      'not-delivered',
      'out-of-warranty',
      'warranty',
    ]);

    expect(await Ticket.countDocuments()).toBe(6);
    expect(await Interaction.countDocuments()).toBe(6);
    expect(new Set((await Ticket.find().lean()).map((t) => t.channel))).toEqual(
      new Set(['sms', 'email', 'webchat', 'voice']),
    );
  });
});
