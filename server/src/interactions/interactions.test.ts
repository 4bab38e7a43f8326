import http from 'node:http';
import mongoose, { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { localParts } from '../core/dates.js';
import { csvCell } from '../core/http/download.js';
import { CSV_COLUMNS } from './export.js';
import { Interaction, type Outcome } from './model.js';

let app: TestApp;
let supervisor: SignedIn;
let admin: SignedIn;
let expertA: SignedIn;
let expertB: SignedIn;
let expertAId: string;
let expertBId: string;
const groupOne = new Types.ObjectId();
const groupTwo = new Types.ObjectId();

beforeAll(async () => {
  app = await startTestApp();
  supervisor = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  admin = await signIn(app, await makeUser({ roles: ['admin'] }));
  const a = await makeUser({ roles: ['expert'], groups: [groupOne] });
  const b = await makeUser({ roles: ['expert'], groups: [groupTwo] });
  expertAId = String(a._id);
  expertBId = String(b._id);
  expertA = await signIn(app, a);
  expertB = await signIn(app, b);
});
afterAll(() => app.close());
afterEach(() => {
  vi.restoreAllMocks();
});

interface Seed {
  channel: string;
  direction: 'in' | 'out';
  caller: { kind: 'phone' | 'email' | 'visitor' | 'staff'; value: string };
  contact?: Types.ObjectId | null;
  expert?: Types.ObjectId | string | null;
  group?: Types.ObjectId | null;
  ticket?: Types.ObjectId | null;
  startedAt: Date;
  endedAt?: Date | null;
  durationSec?: number | null;
  outcome: Outcome;
  note?: string | null;
}

/** A complete row as the service would write it, local-time buckets included. */
function row(seed: Seed) {
  const local = localParts(seed.startedAt, 'Asia/Tehran');
  return {
    contact: null,
    expert: null,
    group: null,
    ticket: null,
    endedAt: null,
    durationSec: null,
    note: null,
    ...seed,
    localDay: local.day,
    localHour: local.hour,
    localWeekday: local.weekday,
  };
}

type Item = { id: string; startedAt: string } & Record<string, unknown>;

/** Follows nextCursor to the end; fails on any duplicate. */
async function readAll(who: SignedIn, query: Record<string, string | number>): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await who.agent
      .get('/api/interactions')
      .query({ ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...(res.body.items as Item[]));
    cursor = res.body.nextCursor ?? undefined;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  return items;
}

describe('GET /api/interactions', () => {
  const contactOne = new Types.ObjectId();
  const contactTwo = new Types.ObjectId();
  const ticket = new Types.ObjectId();
  const t0 = new Date('2024-03-01T10:00:00.000Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  const channels = ['sms', 'voice', 'email'];
  const outcomes: Outcome[] = ['answered', 'missed', 'delivered', 'no-answer'];
  let seeded: Array<ReturnType<typeof row> & { _id: Types.ObjectId }>;

  beforeAll(async () => {
    const seeds: Seed[] = [];
    for (let i = 0; i < 30; i++) {
      seeds.push({
        channel: channels[i % 3]!,
        direction: i % 2 ? 'in' : 'out',
        caller: { kind: 'phone', value: `+98912000${String(i).padStart(4, '0')}` },
        contact: i % 2 ? contactOne : contactTwo,
        // A, B, nobody, in turn; groups independently, so "own or group" differ.
        expert: [expertAId, expertBId, null][i % 3],
        group: [groupOne, groupTwo, null, null, groupOne][i % 5],
        ticket: i === 7 ? ticket : null,
        // Rows 10-14 share one start time: paging must break the tie by id.
        startedAt: i >= 10 && i < 15 ? at(10) : at(i),
        outcome: outcomes[i % 4]!,
        note: i === 3 ? 'called back, all good' : null,
      });
    }
    const docs = await Interaction.insertMany(seeds.map(row));
    seeded = docs.map((d) => d.toObject() as (typeof seeded)[number]);
  });

  /** The expected ids in list order: startedAt desc, then _id desc. */
  function expected(keep: (r: (typeof seeded)[number]) => boolean): string[] {
    return seeded
      .filter(keep)
      .sort(
        (x, y) =>
          y.startedAt.getTime() - x.startedAt.getTime() ||
          String(y._id).localeCompare(String(x._id)),
      )
      .map((r) => String(r._id));
  }
  const ids = (items: Item[]) => items.map((i) => i.id);
  const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '');

  it('pages through everything newest first with no duplicates or gaps', async () => {
    const items = await readAll(supervisor, { limit: 4, to: at(100).toISOString() });
    expect(ids(items)).toEqual(expected(() => true));
    const sorted = [...items].sort((x, y) => y.startedAt.localeCompare(x.startedAt));
    expect(items.map((i) => i.startedAt)).toEqual(sorted.map((i) => i.startedAt));
  });

  it('presents a row with string ids and ISO dates', async () => {
    const res = await supervisor.agent.get('/api/interactions').query({ ticket: String(ticket) });
    expect(res.status).toBe(200);
    const source = seeded[7]!;
    expect(res.body).toEqual({
      items: [
        {
          id: String(source._id),
          channel: 'voice',
          direction: 'in',
          caller: { kind: 'phone', value: '+989120000007' },
          contact: String(contactOne),
          expert: expertBId,
          ticket: String(ticket),
          group: null,
          startedAt: at(7).toISOString(),
          endedAt: null,
          durationSec: null,
          outcome: 'no-answer',
          note: null,
        },
      ],
      nextCursor: null,
    });
  });

  it('filters by channel, outcome, direction, expert, contact and group, paging each', async () => {
    const cases: Array<[Record<string, string>, (r: (typeof seeded)[number]) => boolean]> = [
      [{ channel: 'sms' }, (r) => r.channel === 'sms'],
      [{ outcome: 'missed' }, (r) => r.outcome === 'missed'],
      [{ direction: 'in' }, (r) => r.direction === 'in'],
      [{ expert: expertAId }, (r) => same(r.expert, expertAId)],
      [{ contact: String(contactOne) }, (r) => same(r.contact, contactOne)],
      [{ group: String(groupTwo) }, (r) => same(r.group, groupTwo)],
      [
        { channel: 'voice', contact: String(contactTwo), expert: expertBId },
        (r) => r.channel === 'voice' && same(r.contact, contactTwo) && same(r.expert, expertBId),
      ],
    ];
    for (const [query, keep] of cases) {
      const want = expected(keep);
      expect(want.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(ids(await readAll(supervisor, { ...query, limit: 3 })), JSON.stringify(query)).toEqual(
        want,
      );
    }
  });

  it('filters by a date range: from inclusive, to exclusive', async () => {
    const from = at(5);
    const to = at(15);
    const items = await readAll(supervisor, {
      from: from.toISOString(),
      to: to.toISOString(),
      limit: 2,
    });
    const want = expected((r) => r.startedAt >= from && r.startedAt < to);
    expect(ids(items)).toEqual(want);
    expect(items.map((i) => i.startedAt)).toContain(at(5).toISOString());
    expect(items.map((i) => i.startedAt)).not.toContain(at(15).toISOString());
    // The shared start time (rows 10-14) is split across pages without loss.
    expect(items.filter((i) => i.startedAt === at(10).toISOString())).toHaveLength(5);
    // An offset other than Z means the same instant.
    const tehran = await readAll(supervisor, { from: '2024-03-01T13:35:00+03:30', limit: 50 });
    expect(ids(tehran)).toEqual(expected((r) => r.startedAt >= at(5)));
  });

  it('shows an expert only their own rows and their groups’ rows; managers see all', async () => {
    const everything = { limit: 5, to: at(100).toISOString() };
    expect(ids(await readAll(expertA, everything))).toEqual(
      expected((r) => same(r.expert, expertAId) || same(r.group, groupOne)),
    );
    expect(ids(await readAll(expertB, everything))).toEqual(
      expected((r) => same(r.expert, expertBId) || same(r.group, groupTwo)),
    );
    // Asking for another expert's rows only yields those in the asker's groups.
    expect(ids(await readAll(expertA, { ...everything, expert: expertBId }))).toEqual(
      expected((r) => same(r.expert, expertBId) && same(r.group, groupOne)),
    );
    expect(ids(await readAll(admin, everything))).toEqual(expected(() => true));
  });

  it('needs a session', async () => {
    const res = await fetch(`${app.url}/api/interactions`);
    expect(res.status).toBe(401);
  });

  it('rejects bad filters with 400', async () => {
    const bad: Array<[string, RegExp]> = [
      ['outcome=maybe', /outcome/],
      ['from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z', /from must not be after to/],
      ['colour=red', /colour/],
      ['expert=not-an-id', /expert/],
      ['from=yesterday', /from/],
      ['from=2024-03-01T10:00:00', /from/], // no zone: ambiguous
      ['direction=sideways', /direction/],
      ['channel[$ne]=sms', /channel\[\$ne\]/],
      ['channel=sms&channel=voice', /channel/],
      ['limit=1000', /limit/],
      ['cursor=garbage', /cursor/],
    ];
    for (const [query, message] of bad) {
      const res = await supervisor.agent.get(`/api/interactions?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message, query).toMatch(message);
    }
    const csv = await supervisor.agent.get('/api/interactions/export.csv?outcome=maybe');
    expect(csv.status).toBe(400);
    expect(csv.headers['content-type']).toMatch(/application\/json/);
  });

  it('keeps the export to supervisors and admins', async () => {
    const res = await expertA.agent.get('/api/interactions/export.csv');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('documents both routes in the OpenAPI document', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/interactions', '/api/interactions/export.csv']),
    );
  });
});

describe('csvCell', () => {
  it('quotes, doubles quotes and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+98912')).toBe("'+98912");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00.000Z');
  });
});

/** A plain RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      rows.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) rows.push([...cells, cell]);
  return rows;
}

/** Counts rows the export reads and sees its cursor close, by wrapping Query#cursor. */
function watchCursors() {
  const stats = { reads: 0, closed: 0 };
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  type AnyCursor = {
    next(): Promise<unknown>;
    once(event: 'close', fn: () => void): unknown;
  };
  const proto = mongoose.Query.prototype as unknown as { cursor(...args: unknown[]): AnyCursor };
  const original = proto.cursor;
  vi.spyOn(proto, 'cursor').mockImplementation(function (this: unknown, ...args: unknown[]) {
    const cursor = original.apply(this, args);
    const next = cursor.next.bind(cursor);
    cursor.next = () => {
      stats.reads += 1;
      return next();
    };
    cursor.once('close', () => {
      stats.closed += 1;
      onClosed();
    });
    return cursor;
  });
  return { stats, closed };
}

describe('GET /api/interactions/export.csv', () => {
  const TOTAL = 10_000;
  const t1 = new Date('2025-01-01T00:00:00.000Z');
  const persian = 'مشتری درباره گارانتی یخچال تماس گرفت';
  const tricky = 'He said "no", then\nhung up, twice';
  const formula = '=HYPERLINK("http://evil.example","click")';
  const contact = new Types.ObjectId();

  beforeAll(async () => {
    const expert = new Types.ObjectId(expertAId);
    for (let start = 0; start < TOTAL; start += 1000) {
      const batch = [];
      for (let i = start; i < Math.min(TOTAL, start + 1000); i++) {
        const startedAt = new Date(t1.getTime() + i * 1000);
        batch.push(
          row({
            channel: 'bulk',
            direction: i % 2 ? 'in' : 'out',
            caller: { kind: 'phone', value: `+98935${String(i).padStart(7, '0')}` },
            contact,
            expert,
            startedAt,
            endedAt: new Date(startedAt.getTime() + 60_000),
            durationSec: 60,
            outcome: 'answered',
            note: [persian, tricky, formula][i] ?? `row ${i}`,
          }),
        );
      }
      await Interaction.insertMany(batch, { lean: true });
    }
  });

  /** A real HTTP GET that keeps the raw chunks as they arrive. */
  function download(
    who: SignedIn,
    path: string,
    onChunk: (chunk: Buffer, req: http.ClientRequest) => void = () => undefined,
  ) {
    return new Promise<{ res: http.IncomingMessage; chunks: Buffer[]; aborted: boolean }>(
      (resolve, reject) => {
        const req = http.get(`${app.url}${path}`, { headers: { Cookie: who.cookie } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            onChunk(chunk, req);
          });
          res.on('end', () => resolve({ res, chunks, aborted: false }));
          res.on('close', () => resolve({ res, chunks, aborted: !res.complete }));
        });
        req.on('error', (err) => {
          if (req.destroyed) return;
          reject(err);
        });
      },
    );
  }

  it('streams 10,000 rows as UTF-8 CSV with a BOM, in chunks, newest first', async () => {
    const watch = watchCursors();
    let readsAtFirstChunk: number | null = null;
    const heapBefore = process.memoryUsage().heapUsed;
    const { res, chunks, aborted } = await download(
      supervisor,
      '/api/interactions/export.csv?channel=bulk',
      () => {
        readsAtFirstChunk ??= watch.stats.reads;
      },
    );
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(
      `export of ${TOTAL} rows: ${chunks.length} chunks; heapUsed before ${(heapBefore / 1e6).toFixed(1)} MB, after ${(heapAfter / 1e6).toFixed(1)} MB (test and server share this process; information only)`,
    );

    expect(aborted).toBe(false);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="interactions-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    // Streamed: many chunks, and the first one arrived before the server had read the last row.
    expect(chunks.length).toBeGreaterThan(5);
    expect(readsAtFirstChunk).not.toBeNull();
    expect(readsAtFirstChunk!).toBeLessThan(TOTAL);
    expect(watch.stats.reads).toBe(TOTAL + 1); // every row, then the end
    await watch.closed;

    const body = Buffer.concat(chunks);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.toString('utf8').slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const data = rows.slice(1);
    expect(data).toHaveLength(TOTAL);
    expect(data.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);

    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const startedAt = data.map((r) => r[col('startedAt')]!);
    expect(startedAt[0]).toBe(new Date(t1.getTime() + (TOTAL - 1) * 1000).toISOString());
    expect(startedAt[TOTAL - 1]).toBe(t1.toISOString());
    expect(startedAt.every((s, i) => i === 0 || s < startedAt[i - 1]!)).toBe(true);

    const byNote = (note: string) => data.find((r) => r[col('note')] === note);
    const first = byNote(persian)!;
    expect(first).toEqual([
      t1.toISOString(),
      localParts(t1, 'Asia/Tehran').day,
      'bulk',
      'out',
      'phone',
      "'+989350000000", // formula guard: a leading + is shown as text
      String(contact),
      expertAId,
      '',
      'answered',
      '60',
      persian,
    ]);
    expect(byNote(tricky)).toBeDefined();
    expect(byNote(`'${formula}`)).toBeDefined();
    expect(data.filter((r) => r[col('note')]!.startsWith('row '))).toHaveLength(TOTAL - 3);
  });

  it('stops reading and closes the cursor when the client goes away', async () => {
    const watch = watchCursors();
    const { chunks, aborted } = await download(
      admin,
      '/api/interactions/export.csv?channel=bulk',
      (_chunk, req) => req.destroy(),
    );
    expect(aborted).toBe(true);
    expect(chunks.length).toBe(1);
    await watch.closed;
    expect(watch.stats.closed).toBe(1);
    expect(watch.stats.reads).toBeLessThan(TOTAL);

    // The server carries on normally.
    const after = await admin.agent.get('/api/interactions').query({ channel: 'bulk', limit: 1 });
    expect(after.status).toBe(200);
    expect(after.body.items).toHaveLength(1);
  });

  it('applies the filters to the export too', async () => {
    const res = await admin.agent
      .get('/api/interactions/export.csv')
      .query({
        channel: 'bulk',
        from: new Date(t1.getTime() + 10_000).toISOString(),
        to: new Date(t1.getTime() + 20_000).toISOString(),
      })
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (c: Buffer) => parts.push(c));
        response.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(res.status).toBe(200);
    const rows = parseCsv((res.body as Buffer).toString('utf8').slice(1));
    expect(rows).toHaveLength(11); // header + seconds 10..19
    expect(rows[1]![0]).toBe(new Date(t1.getTime() + 19_000).toISOString());
    expect(rows[10]![0]).toBe(new Date(t1.getTime() + 10_000).toISOString());

    const empty = await admin.agent.get('/api/interactions/export.csv').query({ channel: 'none' });
    expect(empty.status).toBe(200);
    expect(empty.text.replace(/^\uFEFF/, '')).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });
});
