import MiniSearch from 'minisearch';
import { redis, redisKey } from '../core/redis.js';
import { Article, type ArticleDoc } from './model.js';
import { indexTerms, normaliseText, queryTerm, tokenize } from './normalise.js';

/**
 * The knowledge base's word index, in process (see README.md for why).
 *
 * Every process keeps one MiniSearch index of all articles and the Redis "knowledge version" it
 * was built at. A change writes MongoDB first, then bumps the version; the writing process
 * applies the change to its own index at once, any other process sees a version it has not got
 * on its next search and rebuilds from MongoDB. Rebuilding reads the version before the
 * articles, so a change racing with a rebuild only makes the next search rebuild again: the
 * index may trail MongoDB for one search in another process, never for good.
 */

export interface IndexedArticle {
  id: string;
  slug: string;
  locale: 'fa' | 'en';
  title: string;
  body: string;
  category: string;
  productModels: string[];
  tags: string[];
  status: 'draft' | 'published';
  visibility: 'public' | 'internal';
  updatedAt: Date;
}

interface IndexState {
  mini: MiniSearch<IndexedArticle>;
  /** Every indexed article by id (for filters and snippets) and by `locale:slug`. */
  byId: Map<string, IndexedArticle>;
  bySlug: Map<string, string>;
  version: number;
}

const versionKey = () => redisKey('knowledge', 'version');

let state: IndexState | null = null;
let building: Promise<IndexState> | null = null;

function newMini(): MiniSearch<IndexedArticle> {
  return new MiniSearch<IndexedArticle>({
    fields: ['title', 'body', 'tags', 'productModels'],
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
    tokenize,
    processTerm: indexTerms,
    searchOptions: {
      tokenize,
      processTerm: queryTerm,
      boost: { title: 3, tags: 2, productModels: 2 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  });
}

export function toIndexed(a: ArticleDoc): IndexedArticle {
  return {
    id: String(a._id),
    slug: a.slug,
    locale: a.locale as 'fa' | 'en',
    title: a.title,
    body: a.body,
    category: a.category,
    productModels: a.productModels ?? [],
    tags: a.tags ?? [],
    status: (a.status ?? 'draft') as 'draft' | 'published',
    visibility: (a.visibility ?? 'public') as 'public' | 'internal',
    updatedAt: a.updatedAt,
  };
}

const slugKey = (locale: string, slug: string) => `${locale}:${slug}`;

/**
 * The shared version. A missing key (new deployment, Redis flushed) starts at the current
 * time in ms rather than 0, so a counter that restarts can never land on a number that an old
 * index in some process still carries.
 */
async function currentVersion(): Promise<number> {
  const value = await redis().get(versionKey());
  if (value !== null) return Number(value);
  await redis().set(versionKey(), String(Date.now()), 'NX');
  return Number(await redis().get(versionKey()));
}

async function bumpVersion(): Promise<number> {
  await redis().set(versionKey(), String(Date.now()), 'NX');
  return redis().incr(versionKey());
}

async function build(): Promise<IndexState> {
  const version = await currentVersion();
  const docs = await Article.find().lean<ArticleDoc[]>();
  const mini = newMini();
  const byId = new Map<string, IndexedArticle>();
  const bySlug = new Map<string, string>();
  const indexed = docs.map(toIndexed);
  for (const a of indexed) {
    byId.set(a.id, a);
    bySlug.set(slugKey(a.locale, a.slug), a.id);
  }
  await mini.addAllAsync(indexed, { chunkSize: 200 });
  return { mini, byId, bySlug, version };
}

/** The index, rebuilt first if any process changed articles since it was built. */
export async function freshIndex(): Promise<IndexState> {
  const version = await currentVersion();
  if (state && state.version === version) return state;
  building ??= build().finally(() => {
    building = null;
  });
  const built = await building;
  // Keep whichever is newer: a change applied here while the build ran may be ahead of it.
  if (!state || built.version >= state.version) state = built;
  return state;
}

function applyLocal(s: IndexState, id: string, article: IndexedArticle | null) {
  const old = s.byId.get(id);
  if (old) {
    s.mini.discard(id);
    s.byId.delete(id);
    if (s.bySlug.get(slugKey(old.locale, old.slug)) === id)
      s.bySlug.delete(slugKey(old.locale, old.slug));
  }
  if (article) {
    s.mini.add(article);
    s.byId.set(id, article);
    s.bySlug.set(slugKey(article.locale, article.slug), id);
  }
}

/**
 * Call after an article was written to (or deleted from) MongoDB. Other processes learn of it
 * through the version; this one updates its index in place when it was current, else it will
 * rebuild on the next search.
 */
export async function articleChanged(id: string, article: ArticleDoc | null): Promise<void> {
  const version = await bumpVersion();
  if (state && state.version === version - 1) {
    applyLocal(state, id, article ? toIndexed(article) : null);
    state.version = version;
  }
}

/**
 * For code that writes articles without this module (bulk imports, the demo seed with
 * insertMany): makes every process rebuild its index on its next search.
 */
export async function invalidateKnowledgeIndexes(): Promise<void> {
  await bumpVersion();
}

export interface SearchFilter {
  locale?: 'fa' | 'en';
  category?: string;
  status?: 'draft' | 'published';
  visibility?: 'public' | 'internal';
  productModel?: string;
}

export interface SearchHit {
  article: IndexedArticle;
  score: number;
  terms: string[];
}

export async function searchArticles(
  q: string,
  filter: SearchFilter,
  limit: number,
): Promise<SearchHit[]> {
  const s = await freshIndex();
  const keep = (id: string) => {
    const a = s.byId.get(id);
    if (!a) return false;
    if (filter.locale && a.locale !== filter.locale) return false;
    if (filter.category && a.category !== filter.category) return false;
    if (filter.status && a.status !== filter.status) return false;
    if (filter.visibility && a.visibility !== filter.visibility) return false;
    if (filter.productModel && !a.productModels.includes(filter.productModel)) return false;
    return true;
  };
  const run = (combineWith: 'AND' | 'OR') =>
    s.mini.search(q, { combineWith, filter: (r) => keep(String(r.id)) });
  // All words first; when nothing has them all, anything with some of them.
  let results = run('AND');
  if (!results.length) results = run('OR');
  return results.slice(0, limit).map((r) => ({
    article: s.byId.get(String(r.id))!,
    score: r.score,
    terms: r.terms,
  }));
}

/** The id of the article with this slug in this locale, from the (fresh) index. */
export async function articleIdBySlug(locale: string, slug: string): Promise<string | null> {
  const s = await freshIndex();
  return s.bySlug.get(slugKey(locale, slug)) ?? null;
}

/**
 * A short plain-text excerpt around the first matched word (matched after normalisation, so a
 * query in Arabic letters still highlights the Persian text).
 */
export function snippet(body: string, terms: string[], length = 200): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const words = text.split(' ');
  let offset = 0;
  let at = -1;
  for (const word of words) {
    const norm = normaliseText(word);
    if (terms.some((t) => norm.includes(t))) {
      at = offset;
      break;
    }
    offset += word.length + 1;
  }
  const start = at <= 40 ? 0 : text.lastIndexOf(' ', at - 40) + 1;
  const end = Math.min(text.length, start + length);
  const cut = text.lastIndexOf(' ', end) > start + length / 2 ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${text.slice(start, cut)}${cut < text.length ? ' …' : ''}`;
}

/** For tests: forget this process's index, as a freshly started process would have none. */
export function resetLocalIndex(): void {
  state = null;
}
