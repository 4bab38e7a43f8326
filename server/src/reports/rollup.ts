import type { Types } from 'mongoose';
import { config } from '../core/config.js';
import { localParts } from '../core/dates.js';
import { logger } from '../core/logger.js';
import { Callback } from '../callbacks/model.js';
import { Contact } from '../contacts/model.js';
import { ExpertGroup } from '../expert-groups/model.js';
import { Interaction } from '../interactions/model.js';
import { Unit } from '../products/model.js';
import { businessMinutesBetween, type BusinessHours } from '../routing/business-hours.js';
import { Ticket } from '../tickets/model.js';
import { User } from '../users/model.js';
import {
  dimsKey,
  type BreachRow,
  type CallbackCell,
  type DayRollup,
  type Dims,
  type InteractionCell,
  type TicketCell,
} from './cells.js';
import { bucketOf } from './histogram.js';
import { addDays, dayStart, weekdayOfDay } from './local-days.js';
import { PresenceInterval, ReportDay, packDay } from './model.js';
import { writeMarginals } from './partial.js';

/** Above this many days one unfiltered pass is cheaper than a filtered one (FerretDB scans anyway). */
const FULL_SCAN_DAYS = 31;
const ROW_BATCH = 10_000;

interface InteractionRow {
  channel: string;
  direction: 'in' | 'out';
  contact: Id;
  expert: Id;
  ticket: Id;
  group: Id;
  outcome: string;
  durationSec: number | null;
  localDay: string;
  localHour: number;
}
const INTERACTION_FIELDS = {
  channel: 1,
  direction: 1,
  contact: 1,
  expert: 1,
  ticket: 1,
  group: 1,
  outcome: 1,
  durationSec: 1,
  localDay: 1,
  localHour: 1,
};
const LOOKUP_CHUNK = 2000;

type Id = Types.ObjectId | null | undefined;
const hex = (id: Id): string => (id ? String(id) : '');
const seconds = (from: Date, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

const ALWAYS_OPEN: BusinessHours = {
  timezone: 'Asia/Tehran',
  alwaysOpen: true,
  weekly: [],
  holidays: [],
};

interface TicketFacts {
  _id: Types.ObjectId;
  number: number;
  channel: string;
  contact: Types.ObjectId;
  unit: Types.ObjectId | null;
  type: string;
  status: string;
  group: Types.ObjectId | null;
  assignee: Types.ObjectId | null;
  faultCode: string | null;
  createdAt: Date;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  createdDay: string | null;
  createdHour: number | null;
  sla?: {
    firstResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
    firstResponseBreached: boolean;
    resolutionBreached: boolean;
  };
  satisfaction?: { score: number | null; comment: string | null; at: Date | null };
}

const TICKET_FIELDS = {
  number: 1,
  channel: 1,
  contact: 1,
  unit: 1,
  type: 1,
  status: 1,
  group: 1,
  assignee: 1,
  faultCode: 1,
  createdAt: 1,
  queuedAt: 1,
  assignedAt: 1,
  firstResponseAt: 1,
  resolvedAt: 1,
  createdDay: 1,
  createdHour: 1,
  sla: 1,
  satisfaction: 1,
};

async function byIds<T extends { _id: Types.ObjectId }>(
  ids: Iterable<string>,
  find: (chunk: string[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const all = [...new Set(ids)].filter(Boolean);
  const found = new Map<string, T>();
  for (let i = 0; i < all.length; i += LOOKUP_CHUNK) {
    for (const doc of await find(all.slice(i, i + LOOKUP_CHUNK))) found.set(String(doc._id), doc);
  }
  return found;
}

/** Resolves a ticket's reporting dimensions (model through its unit, province through its contact). */
class Dimensions {
  private units = new Map<string, string>();
  private provinces = new Map<string, string>();
  private tickets = new Map<string, { type: string; unit: string; contact: string }>();
  private unitsToLoad = new Set<string>();
  private contactsToLoad = new Set<string>();

  rememberTickets(tickets: Iterable<TicketFacts>): void {
    for (const t of tickets) {
      const unit = hex(t.unit);
      const contact = hex(t.contact);
      this.tickets.set(String(t._id), { type: t.type, unit, contact });
      if (unit && !this.units.has(unit)) this.unitsToLoad.add(unit);
      if (contact && !this.provinces.has(contact)) this.contactsToLoad.add(contact);
    }
  }

  /** Looks up whatever the next rows need that is not known yet (ids never looked up twice). */
  async load(ticketIds: Iterable<string>, contactIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(ticketIds)].filter((id) => id && !this.tickets.has(id));
    const more = await byIds(missing, (chunk) =>
      Ticket.find({ _id: { $in: chunk } }, { type: 1, unit: 1, contact: 1 }).lean<TicketFacts[]>(),
    );
    this.rememberTickets(more.values());
    for (const c of contactIds) if (c && !this.provinces.has(c)) this.contactsToLoad.add(c);

    const units = await byIds(this.unitsToLoad, (chunk) =>
      Unit.find({ _id: { $in: chunk } }, { productCode: 1 }).lean<
        Array<{ _id: Types.ObjectId; productCode: string }>
      >(),
    );
    for (const id of this.unitsToLoad) this.units.set(id, units.get(id)?.productCode ?? '');
    this.unitsToLoad.clear();
    const contacts = await byIds(this.contactsToLoad, (chunk) =>
      Contact.find({ _id: { $in: chunk } }, { province: 1 }).lean<
        Array<{ _id: Types.ObjectId; province?: string }>
      >(),
    );
    for (const id of this.contactsToLoad) this.provinces.set(id, contacts.get(id)?.province ?? '');
    this.contactsToLoad.clear();
  }

  of(ticketId: string, fallbackContact: string): Pick<Dims, 'type' | 'productModel' | 'province'> {
    const t = this.tickets.get(ticketId);
    return {
      type: t?.type ?? '',
      productModel: t ? (this.units.get(t.unit) ?? '') : '',
      province: this.provinces.get(t?.contact || fallbackContact) ?? '',
    };
  }
}

const emptyDay = (day: string): DayRollup => ({
  weekday: weekdayOfDay(day),
  interactions: [],
  tickets: [],
  callbacks: [],
  presence: [],
  breaches: [],
  comments: [],
});

function cellFor<T>(map: Map<string, T>, key: string, make: () => T): T {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = make()));
  return cell;
}

const bump = (h: Record<string, number>, key: string | number) => {
  h[key] = (h[key] ?? 0) + 1;
};

/**
 * Recomputes the rollups of the given local days from the raw collections and replaces their
 * ReportDay documents. Idempotent: running it twice, or in two processes, gives the same result.
 */
export async function buildReportDays(days: readonly string[], now = new Date()): Promise<void> {
  if (days.length === 0) return;
  const tz = config().DEFAULT_TIMEZONE;
  const wanted = new Set(days);
  const sorted = [...wanted].sort();
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const full = wanted.size > FULL_SCAN_DAYS;
  const started = Date.now();

  const groups = await ExpertGroup.find({}, { businessHours: 1 }).lean<
    Array<{ _id: Types.ObjectId; businessHours?: BusinessHours }>
  >();
  const hoursOf = new Map(groups.map((g) => [String(g._id), g.businessHours ?? ALWAYS_OPEN]));
  const dims = new Dimensions();

  // Tickets created on the wanted days.
  const tickets = await Ticket.find(
    full ? { mergedInto: null } : { createdDay: { $in: sorted }, mergedInto: null },
    TICKET_FIELDS,
  ).lean<TicketFacts[]>();
  const dayTickets = tickets.filter((t) => t.createdDay && wanted.has(t.createdDay));
  dims.rememberTickets(full ? tickets : dayTickets);

  const callbacks = await Callback.find({
    createdAt: { $gte: dayStart(first, tz), $lt: dayStart(addDays(last, 1), tz) },
  }).lean<
    Array<{
      ticket: Types.ObjectId;
      contact: Types.ObjectId;
      status: string;
      attempts: Array<{ outcome?: string | null; expert?: Id }>;
      createdAt: Date;
    }>
  >();
  await dims.load(
    callbacks.map((c) => hex(c.ticket)),
    [...dayTickets.map((t) => hex(t.contact)), ...callbacks.map((c) => hex(c.contact))],
  );

  const out = new Map<string, DayRollup>(sorted.map((d) => [d, emptyDay(d)]));
  const interactionCells = new Map<string, InteractionCell>();
  let interactionCount = 0;
  const addRows = async (rows: InteractionRow[]) => {
    const dayRows = rows.filter((r) => wanted.has(r.localDay));
    await dims.load(
      dayRows.map((r) => hex(r.ticket)),
      dayRows.map((r) => hex(r.contact)),
    );
    interactionCount += dayRows.length;
    for (const r of dayRows) addInteraction(r);
  };
  const addInteraction = (r: InteractionRow) => {
    const d: Dims = {
      channel: r.channel,
      group: hex(r.group),
      expert: hex(r.expert),
      ...dims.of(hex(r.ticket), hex(r.contact)),
    };
    const key = dimsKey(d, r.localDay, r.direction, r.outcome, String(r.localHour));
    const cell = cellFor(interactionCells, key, () => {
      const c: InteractionCell = {
        ...d,
        direction: r.direction,
        outcome: r.outcome,
        hour: r.localHour,
        count: 0,
        durationSum: 0,
        durationCount: 0,
      };
      out.get(r.localDay)!.interactions.push(c);
      return c;
    });
    cell.count += 1;
    if (typeof r.durationSec === 'number') {
      cell.durationSum += r.durationSec;
      cell.durationCount += 1;
    }
  };
  // Interactions of the wanted days, streamed in batches: only the fields the cells need.
  const cursor = Interaction.find(full ? {} : { localDay: { $in: sorted } }, INTERACTION_FIELDS)
    .lean<InteractionRow[]>()
    .cursor({ batchSize: ROW_BATCH });
  let batch: InteractionRow[] = [];
  for await (const row of cursor) {
    batch.push(row as InteractionRow);
    if (batch.length >= ROW_BATCH) {
      await addRows(batch);
      batch = [];
    }
  }
  await addRows(batch);

  const ticketCells = new Map<string, TicketCell>();
  for (const t of dayTickets) {
    const day = t.createdDay!;
    const d: Dims = {
      channel: t.channel,
      group: hex(t.group),
      expert: hex(t.assignee),
      ...dims.of(String(t._id), hex(t.contact)),
    };
    const rollup = out.get(day)!;
    const cell = cellFor(ticketCells, dimsKey(d, day), () => {
      const c = newTicketCell(d);
      rollup.tickets.push(c);
      return c;
    });
    addTicket(cell, t, hoursOf.get(hex(t.group)) ?? ALWAYS_OPEN, now);
    rollup.breaches.push(...breachesOf(t, d, now));
    const s = t.satisfaction;
    if (s?.score && s.comment)
      rollup.comments.push({
        ...d,
        ticket: String(t._id),
        number: t.number,
        score: s.score,
        comment: s.comment,
        at: (s.at ?? t.createdAt).toISOString(),
      });
  }

  const callbackCells = new Map<string, CallbackCell>();
  for (const c of callbacks) {
    const day = localParts(c.createdAt, tz).day;
    if (!wanted.has(day)) continue;
    const lastExpert = [...c.attempts].reverse().find((a) => a.expert)?.expert;
    const d: Dims = {
      channel: 'voice',
      group: '',
      expert: hex(lastExpert),
      ...dims.of(hex(c.ticket), hex(c.contact)),
    };
    const cell = cellFor(callbackCells, dimsKey(d, day), () => {
      const cc: CallbackCell = { ...d, firstAttempt: 0, later: 0, never: 0, pending: 0 };
      out.get(day)!.callbacks.push(cc);
      return cc;
    });
    if (c.status === 'completed') cell[c.attempts.length <= 1 ? 'firstAttempt' : 'later'] += 1;
    else if (c.status === 'failed' || c.status === 'canceled') cell.never += 1;
    else cell.pending += 1;
  }

  await addPresence(out, first, last, tz, now);

  for (const [day, rollup] of out) {
    await ReportDay.replaceOne(
      { _id: day },
      { _id: day, builtAt: now, cells: packDay(rollup) },
      { upsert: true },
    );
    await writeMarginals(day, rollup);
  }
  logger.info(
    {
      days: out.size,
      interactions: interactionCount,
      tickets: dayTickets.length,
      ms: Date.now() - started,
    },
    'report rollups built',
  );
}

function newTicketCell(d: Dims): TicketCell {
  return {
    ...d,
    created: 0,
    byHour: {},
    byStatus: {},
    faults: [],
    responded: 0,
    frtWallSum: 0,
    frtBizSum: 0,
    frtWall: {},
    frtBiz: {},
    resolved: 0,
    resWallSum: 0,
    resBizSum: 0,
    resWall: {},
    resBiz: {},
    waited: 0,
    waitSum: 0,
    waitMax: 0,
    wait: {},
    slaFirstMet: 0,
    slaFirstBreached: 0,
    slaResolutionMet: 0,
    slaResolutionBreached: 0,
    csat: [0, 0, 0, 0, 0],
  };
}

function addTicket(cell: TicketCell, t: TicketFacts, hours: BusinessHours, now: Date): void {
  cell.created += 1;
  bump(cell.byHour, t.createdHour ?? 0);
  bump(cell.byStatus, t.status);
  if (t.faultCode) {
    const f = cell.faults.find((x) => x.code === t.faultCode);
    if (f) f.count += 1;
    else cell.faults.push({ code: t.faultCode, count: 1 });
  }
  const businessSec = (to: Date) => Math.round(businessMinutesBetween(hours, t.createdAt, to) * 60);
  if (t.firstResponseAt) {
    const wall = seconds(t.createdAt, t.firstResponseAt);
    const biz = businessSec(t.firstResponseAt);
    cell.responded += 1;
    cell.frtWallSum += wall;
    cell.frtBizSum += biz;
    bump(cell.frtWall, bucketOf(wall));
    bump(cell.frtBiz, bucketOf(biz));
  }
  if (t.resolvedAt) {
    const wall = seconds(t.createdAt, t.resolvedAt);
    const biz = businessSec(t.resolvedAt);
    cell.resolved += 1;
    cell.resWallSum += wall;
    cell.resBizSum += biz;
    bump(cell.resWall, bucketOf(wall));
    bump(cell.resBiz, bucketOf(biz));
  }
  if (t.assignedAt) {
    const wait = seconds(t.queuedAt ?? t.createdAt, t.assignedAt);
    cell.waited += 1;
    cell.waitSum += wait;
    cell.waitMax = Math.max(cell.waitMax, wait);
    bump(cell.wait, bucketOf(wait));
  }
  const first = slaOutcome(
    t.sla?.firstResponseDueAt,
    t.firstResponseAt,
    t.sla?.firstResponseBreached,
    now,
  );
  if (first === 'met') cell.slaFirstMet += 1;
  if (first === 'breached') cell.slaFirstBreached += 1;
  const res = slaOutcome(t.sla?.resolutionDueAt, t.resolvedAt, t.sla?.resolutionBreached, now);
  if (res === 'met') cell.slaResolutionMet += 1;
  if (res === 'breached') cell.slaResolutionBreached += 1;
  const score = t.satisfaction?.score;
  if (score && score >= 1 && score <= 5) cell.csat[score - 1]! += 1;
}

/** Met when done by the due time; breached when done late, flagged, or overdue and not done yet. */
function slaOutcome(
  due: Date | null | undefined,
  done: Date | null,
  flagged: boolean | undefined,
  now: Date,
): 'met' | 'breached' | null {
  if (!due) return null;
  if (done) return done <= due && !flagged ? 'met' : 'breached';
  return flagged || now > due ? 'breached' : null;
}

function breachesOf(t: TicketFacts, d: Dims, now: Date): BreachRow[] {
  const rows: BreachRow[] = [];
  const check = (
    kind: BreachRow['kind'],
    due: Date | null | undefined,
    done: Date | null,
    flagged?: boolean,
  ) => {
    if (due && slaOutcome(due, done, flagged, now) === 'breached')
      rows.push({
        ...d,
        ticket: String(t._id),
        number: t.number,
        kind,
        dueAt: due.toISOString(),
        doneAt: done ? done.toISOString() : null,
      });
  };
  check(
    'firstResponse',
    t.sla?.firstResponseDueAt,
    t.firstResponseAt,
    t.sla?.firstResponseBreached,
  );
  check('resolution', t.sla?.resolutionDueAt, t.resolvedAt, t.sla?.resolutionBreached);
  return rows;
}

/** Online time per expert and local day, from closed intervals plus the open one of experts online now. */
async function addPresence(
  out: Map<string, DayRollup>,
  first: string,
  last: string,
  tz: string,
  now: Date,
): Promise<void> {
  const from = dayStart(first, tz);
  const to = dayStart(addDays(last, 1), tz);
  const closed = await PresenceInterval.find({ to: { $gt: from }, from: { $lt: to } }).lean<
    Array<{ expert: Types.ObjectId; from: Date; to: Date }>
  >();
  const online = await User.find({ presence: 'online' }, { presenceChangedAt: 1 }).lean<
    Array<{ _id: Types.ObjectId; presenceChangedAt?: Date | null }>
  >();
  const intervals = [
    ...closed.map((c) => ({ expert: String(c.expert), from: c.from, to: c.to })),
    ...online
      .filter((u) => u.presenceChangedAt)
      .map((u) => ({ expert: String(u._id), from: u.presenceChangedAt!, to: now })),
  ];
  const seconds = new Map<string, Map<string, number>>();
  for (const i of intervals) {
    let start = Math.max(i.from.getTime(), from.getTime());
    const end = Math.min(i.to.getTime(), to.getTime());
    while (start < end) {
      const day = localParts(new Date(start), tz).day;
      const next = Math.min(end, dayStart(addDays(day, 1), tz).getTime());
      const perExpert = seconds.get(day) ?? new Map<string, number>();
      perExpert.set(i.expert, (perExpert.get(i.expert) ?? 0) + Math.round((next - start) / 1000));
      seconds.set(day, perExpert);
      start = next;
    }
  }
  for (const [day, perExpert] of seconds) {
    const rollup = out.get(day);
    if (!rollup) continue;
    for (const [expert, onlineSec] of perExpert) rollup.presence.push({ expert, onlineSec });
  }
}
