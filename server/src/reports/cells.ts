/** The shapes stored in a ReportDay. Ids are hex strings and "" means "none", so cells filter in code. */

export interface Dims {
  channel: string;
  group: string;
  expert: string;
  type: string;
  productModel: string;
  province: string;
}
export const DIM_KEYS: readonly (keyof Dims)[] = [
  'channel',
  'group',
  'expert',
  'type',
  'productModel',
  'province',
];

/** Contact-log rows of one day with the same dimensions, direction and outcome. */
export interface InteractionCell extends Dims {
  direction: 'in' | 'out';
  outcome: string;
  /** Local hour of the day (0..23). */
  hour: number;
  count: number;
  durationSum: number;
  durationCount: number;
}

/** A sparse fixed-bucket histogram: bucket index (see histogram.ts) -> count. */
export type Histogram = Record<string, number>;

/** Tickets created on the day (a cohort: their later response and resolution count here). */
export interface TicketCell extends Dims {
  created: number;
  byHour: Record<string, number>;
  byStatus: Record<string, number>;
  /** Fault codes are free text, so not object keys (and FerretDB refuses nested arrays). */
  faults: Array<{ code: string; count: number }>;
  responded: number;
  frtWallSum: number;
  frtBizSum: number;
  frtWall: Histogram;
  frtBiz: Histogram;
  resolved: number;
  resWallSum: number;
  resBizSum: number;
  resWall: Histogram;
  resBiz: Histogram;
  waited: number;
  waitSum: number;
  waitMax: number;
  wait: Histogram;
  slaFirstMet: number;
  slaFirstBreached: number;
  slaResolutionMet: number;
  slaResolutionBreached: number;
  /** Satisfaction scores 1..5 at index 0..4. */
  csat: number[];
}

/** Callback requests created on the day, by how they ended. */
export interface CallbackCell extends Dims {
  firstAttempt: number;
  later: number;
  never: number;
  pending: number;
}

export interface PresenceCell {
  expert: string;
  onlineSec: number;
}

export interface BreachRow extends Dims {
  ticket: string;
  number: number;
  kind: 'firstResponse' | 'resolution';
  dueAt: string;
  doneAt: string | null;
}

export interface CommentRow extends Dims {
  ticket: string;
  number: number;
  score: number;
  comment: string;
  at: string;
}

export interface DayRollup {
  weekday: number;
  interactions: InteractionCell[];
  tickets: TicketCell[];
  callbacks: CallbackCell[];
  presence: PresenceCell[];
  breaches: BreachRow[];
  comments: CommentRow[];
}

export type DimFilter = Partial<Dims> & { direction?: 'in' | 'out' };

/** Does a cell pass the filters? Direction only narrows contact-log cells. */
export function matches(cell: Partial<Dims> & { direction?: string }, f: DimFilter): boolean {
  for (const k of DIM_KEYS) {
    const want = f[k];
    if (want !== undefined && cell[k] !== want) return false;
  }
  return !(f.direction && cell.direction !== undefined && cell.direction !== f.direction);
}

export const dimsKey = (d: Dims, ...rest: string[]): string =>
  [...DIM_KEYS.map((k) => d[k]), ...rest].join('|');
