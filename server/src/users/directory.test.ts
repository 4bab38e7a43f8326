import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { makeGroup } from '../../test/factories.js';
import { User } from './model.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface Entry {
  id: string;
  displayName: string;
  groups: string[];
  presence: string;
}

describe('staff directory', () => {
  it('shows an expert the colleagues in their groups and the managers, without private fields', async () => {
    const sales = await makeGroup();
    const billing = await makeGroup();
    const returns = await makeGroup();
    const sara = await makeUser({ displayName: 'Sara', groups: [sales._id, billing._id] });
    const reza = await makeUser({ displayName: 'Reza', groups: [sales._id] });
    const nima = await makeUser({ displayName: 'Nima', groups: [billing._id] });
    const other = await makeUser({ displayName: 'Other', groups: [returns._id] });
    const boss = await makeUser({ displayName: 'Boss', roles: ['supervisor'] });
    const gone = await makeUser({ displayName: 'Gone', groups: [sales._id] });
    await User.updateOne({ _id: gone._id }, { $set: { active: false } });

    const expert = await signIn(app, sara);
    const res = await expert.agent.get('/api/users/directory');
    expect(res.status).toBe(200);
    const items = res.body.items as Entry[];
    const ids = items.map((u) => u.id);
    for (const u of [sara, reza, nima, boss]) expect(ids).toContain(String(u._id));
    expect(ids).not.toContain(String(other._id));
    expect(ids).not.toContain(String(gone._id));
    const rezaEntry = items.find((u) => u.id === String(reza._id))!;
    expect(rezaEntry).toEqual({
      id: String(reza._id),
      displayName: 'Reza',
      groups: [String(sales._id)],
      presence: 'offline',
    });

    const filtered = await expert.agent.get('/api/users/directory').query({ q: 're' });
    expect(filtered.body.items.map((u: Entry) => u.displayName)).toEqual(['Reza']);

    const outsider = await signIn(app, other);
    const theirs = (await outsider.agent.get('/api/users/directory')).body.items as Entry[];
    expect(theirs.map((u) => u.id)).not.toContain(String(reza._id));
    expect(theirs.map((u) => u.id)).toContain(String(boss._id));

    const manager = await signIn(app, boss);
    const all = (await manager.agent.get('/api/users/directory')).body.items as Entry[];
    for (const u of [sara, reza, nima, other])
      expect(all.map((e) => e.id)).toContain(String(u._id));
    expect(all.map((e) => e.id)).not.toContain(String(gone._id));
  });

  it('needs a session and rejects unknown query fields', async () => {
    const res = await fetch(`${app.url}/api/users/directory`);
    expect(res.status).toBe(401);
    const expert = await signIn(app, await makeUser());
    const bad = await expert.agent.get('/api/users/directory').query({ role: 'admin' });
    expect(bad.status).toBe(400);
  });
});
