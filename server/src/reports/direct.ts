import type { Types } from 'mongoose';
import { Claim, type ClaimDoc, type ClaimStep } from '../claims/model.js';
import { config } from '../core/config.js';
import { Contact } from '../contacts/model.js';
import { Dealer } from '../dealers/model.js';
import { Unit } from '../products/model.js';
import { Campaign, type CampaignDoc } from '../surveys/campaign.model.js';
import type { Question } from '../surveys/questions.js';
import { Survey, type SurveyDoc } from '../surveys/model.js';
import { Visit, type VisitDoc } from '../visits/model.js';
import type { DimFilter } from './cells.js';
import { addDays, dayStart } from './local-days.js';
import type { Period } from './period.js';

/**
 * Sections read straight from the after-sales collections (surveys, campaigns, claims,
 * inspections): hundreds or thousands of rows, not the millions of the contact log, so no
 * rollup. Filters apply where the row has the dimension: product model and province to claims
 * and factory units (through the unit and the owner), province to inspections (the dealer's).
 */

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole ? round((100 * part) / whole) : null);
const COMMENTS_LIMIT = 200;

/** Exact nearest-rank quantile of a list of numbers (these lists are small). */
function nearestRank(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

export function durationStats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, n) => s + n, 0);
  return {
    count: sorted.length,
    average: sorted.length ? round(sum / sorted.length) : null,
    median: nearestRank(sorted, 0.5),
    p90: nearestRank(sorted, 0.9),
  };
}

/** A count per key as rows, largest first. */
export function counted<K extends string>(m: Map<string, number>, key: K) {
  return [...m.entries()]
    .map(([k, count]) => ({ [key]: k, count }) as Record<K, string> & { count: number })
    .sort((a, b) => b.count - a.count || a[key].localeCompare(b[key]));
}

interface Range {
  start: Date;
  end: Date;
}
const within = (r: Range) => ({ $gte: r.start, $lt: r.end });
const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

export async function directSections(period: Period, f: DimFilter) {
  const tz = config().DEFAULT_TIMEZONE;
  const range = { start: dayStart(period.from, tz), end: dayStart(addDays(period.to, 1), tz) };
  const [complaintChecks, campaigns, claims, inspections] = await Promise.all([
    complaintCheckSection(range),
    campaignSection(range),
    claimSections(range, f),
    inspectionSection(range, f),
  ]);
  return { complaintChecks, campaigns, ...claims, inspections };
}

/** Complaint satisfaction checks sent in the period: response, resolved yes/partly/no, score. */
async function complaintCheckSection(range: Range) {
  const surveys = await Survey.find(
    { kind: 'complaint-check', createdAt: within(range) },
    { answeredAt: 1, answers: 1, score: 1, comment: 1, ticket: 1, sentAt: 1 },
  ).lean<SurveyDoc[]>();
  const sent = surveys.filter((s) => s.sentAt).length;
  const answered = surveys.filter((s) => s.answeredAt);
  const resolved = { yes: 0, partly: 0, no: 0 };
  const scores = [0, 0, 0, 0, 0];
  for (const s of answered) {
    const r: unknown = s.answers.find((a) => a.question === 'resolved')?.value;
    if (r === 'yes' || r === 'partly' || r === 'no') resolved[r]++;
    if (typeof s.score === 'number' && s.score >= 1 && s.score <= 5) scores[s.score - 1]!++;
  }
  const scored = scores.reduce((a, b) => a + b, 0);
  const scoreSum = scores.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    sent,
    answered: answered.length,
    responseRate: ratio(answered.length, sent),
    resolved,
    resolvedPercent: ratio(resolved.yes, answered.length),
    average: scored ? round(scoreSum / scored) : null,
    distribution: scores.map((count, i) => ({ score: i + 1, count })),
    comments: answered
      .filter((s) => s.comment)
      .sort((a, b) => b.answeredAt!.getTime() - a.answeredAt!.getTime())
      .slice(0, COMMENTS_LIMIT)
      .map((s) => ({
        at: s.answeredAt!.toISOString(),
        ticket: s.ticket ? String(s.ticket) : null,
        score: s.score ?? null,
        comment: s.comment!,
      })),
  };
}

/** Campaigns scheduled in the period: response rate and the average of rating / NPS questions. */
async function campaignSection(range: Range) {
  const campaigns = await Campaign.find({ scheduledAt: within(range) })
    .sort({ scheduledAt: 1 })
    .lean<CampaignDoc[]>();
  if (!campaigns.length) return [];
  const surveys = await Survey.find(
    { campaign: { $in: campaigns.map((c) => c._id) }, answeredAt: { $ne: null } },
    { campaign: 1, answers: 1 },
  ).lean<SurveyDoc[]>();
  return campaigns.map((c) => {
    const answers = surveys.filter((s) => String(s.campaign) === String(c._id));
    const questions = c.questions as Question[];
    const numbers = (kind: 'rating' | 'nps') => {
      const ids = new Set(questions.filter((q) => q.kind === kind).map((q) => q.id));
      return answers.flatMap((s) =>
        s.answers
          .filter((a) => ids.has(a.question ?? '') && typeof a.value === 'number')
          .map((a) => a.value as number),
      );
    };
    const rating = numbers('rating');
    const nps = numbers('nps');
    const mean = (xs: number[]) =>
      xs.length ? round(xs.reduce((s, n) => s + n, 0) / xs.length, 2) : null;
    return {
      campaign: String(c._id),
      name: c.name,
      status: c.status,
      scheduledAt: c.scheduledAt.toISOString(),
      channel: c.channel,
      targeted: c.targeted,
      sent: c.sent,
      answered: answers.length,
      responseRate: ratio(answers.length, c.sent),
      ratingAverage: mean(rating),
      npsAverage: mean(nps),
      nps: nps.length
        ? round(
            (100 * (nps.filter((n) => n >= 9).length - nps.filter((n) => n <= 6).length)) /
              nps.length,
          )
        : null,
    };
  });
}

const OUTCOMES: readonly ClaimStep[] = ['rejected', 'repaired-on-site', 'repaired', 'replaced'];

/** The last outcome step a claim reached, or null while it has none. */
const outcomeOf = (c: ClaimDoc): ClaimStep | null =>
  [...c.history].reverse().find((h) => OUTCOMES.includes(h.step))?.step ?? null;

/**
 * Claims opened in the period (a cohort, like tickets): by current step, by outcome, time to
 * close; units sent to the factory in the period by product model, returned or still there.
 */
async function claimSections(range: Range, f: DimFilter) {
  const [opened, sentOut] = await Promise.all([
    Claim.find({ createdAt: within(range) }).lean<ClaimDoc[]>(),
    Claim.find({ sentAt: within(range) }).lean<ClaimDoc[]>(),
  ]);
  const dims = await claimDims([...opened, ...sentOut]);
  const keep = (c: ClaimDoc) => {
    const d = dims.get(String(c._id))!;
    return (
      (!f.productModel || d.productModel === f.productModel) &&
      (!f.province || d.province === f.province)
    );
  };
  const claims = opened.filter(keep);
  const byStep = new Map<string, number>();
  const byOutcome = new Map<string, number>();
  const toClose: number[] = [];
  for (const c of claims) {
    byStep.set(c.step, (byStep.get(c.step) ?? 0) + 1);
    const outcome = outcomeOf(c) ?? 'pending';
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    const closed = c.history.find((h) => h.step === 'closed');
    if (closed) toClose.push(seconds(c.createdAt, closed.at));
  }

  const factoryRows = new Map<
    string,
    {
      productModel: string;
      sent: number;
      returned: number;
      repaired: number;
      replaced: number;
      atFactory: number;
    }
  >();
  const turnaround: number[] = [];
  for (const c of sentOut.filter(keep)) {
    const model = dims.get(String(c._id))!.productModel;
    let row = factoryRows.get(model);
    if (!row)
      factoryRows.set(
        model,
        (row = {
          productModel: model,
          sent: 0,
          returned: 0,
          repaired: 0,
          replaced: 0,
          atFactory: 0,
        }),
      );
    row.sent++;
    const outcome = outcomeOf(c);
    if (outcome === 'repaired') row.repaired++;
    if (outcome === 'replaced') row.replaced++;
    if (c.returnedAt) {
      row.returned++;
      turnaround.push(seconds(c.sentAt!, c.returnedAt));
    } else row.atFactory++;
  }
  const factory = [...factoryRows.values()].sort(
    (a, b) => b.sent - a.sent || a.productModel.localeCompare(b.productModel),
  );
  return {
    claims: {
      opened: claims.length,
      byStep: counted(byStep, 'step'),
      byOutcome: counted(byOutcome, 'outcome'),
      timeToClose: durationStats(toClose),
    },
    factory: {
      sent: factory.reduce((s, r) => s + r.sent, 0),
      returned: factory.reduce((s, r) => s + r.returned, 0),
      atFactory: factory.reduce((s, r) => s + r.atFactory, 0),
      turnaround: durationStats(turnaround),
      byModel: factory,
    },
  };
}

/** Product model (through the unit) and province (through the owner) of each claim. */
async function claimDims(claims: ClaimDoc[]) {
  const ids = (xs: Array<Types.ObjectId | null | undefined>) => [
    ...new Set(xs.filter((x): x is Types.ObjectId => !!x).map(String)),
  ];
  const [units, contacts] = await Promise.all([
    Unit.find({ _id: { $in: ids(claims.map((c) => c.unit)) } }, { productCode: 1 }).lean<
      Array<{ _id: Types.ObjectId; productCode: string }>
    >(),
    Contact.find({ _id: { $in: ids(claims.map((c) => c.contact)) } }, { province: 1 }).lean<
      Array<{ _id: Types.ObjectId; province?: string }>
    >(),
  ]);
  const model = new Map(units.map((u) => [String(u._id), u.productCode]));
  const province = new Map(contacts.map((c) => [String(c._id), c.province ?? '']));
  return new Map(
    claims.map((c) => [
      String(c._id),
      {
        productModel: (c.unit && model.get(String(c.unit))) || '',
        province: province.get(String(c.contact)) ?? '',
      },
    ]),
  );
}

/** Dealer inspections done in the period: count and average score per dealer (0..100). */
async function inspectionSection(range: Range, f: DimFilter) {
  const visits = await Visit.find(
    { kind: 'dealer-inspection', status: 'done', 'report.doneAt': within(range) },
    { dealer: 1, score: 1, report: 1 },
  ).lean<VisitDoc[]>();
  const dealers = await Dealer.find(
    { _id: { $in: [...new Set(visits.map((v) => String(v.dealer)))] } },
    { code: 1, name: 1, province: 1 },
  ).lean<Array<{ _id: Types.ObjectId; code: string; name: string; province: string }>>();
  const byId = new Map(dealers.map((d) => [String(d._id), d]));
  const rows = new Map<
    string,
    {
      dealer: string;
      code: string;
      name: string;
      province: string;
      inspections: number;
      scored: number;
      scoreSum: number;
      lastScore: number | null;
      lastAt: Date | null;
    }
  >();
  for (const v of visits) {
    const d = byId.get(String(v.dealer));
    if (!d || (f.province && d.province !== f.province)) continue;
    let row = rows.get(String(d._id));
    if (!row)
      rows.set(
        String(d._id),
        (row = {
          dealer: String(d._id),
          code: d.code,
          name: d.name,
          province: d.province,
          inspections: 0,
          scored: 0,
          scoreSum: 0,
          lastScore: null,
          lastAt: null,
        }),
      );
    row.inspections++;
    const doneAt = v.report!.doneAt!;
    if (typeof v.score === 'number') {
      row.scored++;
      row.scoreSum += v.score;
      if (!row.lastAt || doneAt > row.lastAt) {
        row.lastAt = doneAt;
        row.lastScore = v.score;
      }
    }
  }
  const list = [...rows.values()];
  const scored = list.reduce((s, r) => s + r.scored, 0);
  const sum = list.reduce((s, r) => s + r.scoreSum, 0);
  return {
    count: list.reduce((s, r) => s + r.inspections, 0),
    averageScore: scored ? round(sum / scored) : null,
    byDealer: list
      .map((r) => ({
        dealer: r.dealer,
        code: r.code,
        name: r.name,
        province: r.province,
        inspections: r.inspections,
        averageScore: r.scored ? round(r.scoreSum / r.scored) : null,
        lastScore: r.lastScore,
      }))
      .sort(
        (a, b) => (a.averageScore ?? 101) - (b.averageScore ?? 101) || a.code.localeCompare(b.code),
      ),
  };
}
