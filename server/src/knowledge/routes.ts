import { Router } from 'express';
import { ipRateLimit } from '../core/http/rate-limit.js';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import {
  presentArticle,
  presentPublicArticle,
  presentPublicHit,
  presentStaffHit,
} from './presenter.js';
import {
  createArticleBody,
  idParams,
  listArticlesQuery,
  publicArticleQuery,
  publicSearchQuery,
  slugParams,
  staffSearchQuery,
  updateArticleBody,
} from './schema.js';
import { searchArticles } from './search-index.js';
import {
  createArticle,
  deleteArticle,
  getArticle,
  getPublicArticle,
  listArticles,
  updateArticle,
} from './service.js';

/** Public budget per IP: a person searching types far fewer than one query a second. */
export const PUBLIC_SEARCH_LIMIT = { points: 60, seconds: 60 };

export function knowledgeRoutes(): Router {
  const router = Router();
  const tag = 'Knowledge base';

  defineRoute(router, {
    method: 'get',
    path: '/knowledge/articles',
    tag,
    access: STAFF,
    summary: 'Articles (drafts and internal included), filterable, newest change first',
    query: listArticlesQuery,
    handler: async ({ query }) => {
      const page = await listArticles(query);
      return { items: page.docs.map(presentArticle), nextCursor: page.nextCursor };
    },
  });
  defineRoute(router, {
    method: 'post',
    path: '/knowledge/articles',
    tag,
    access: MANAGERS,
    status: 201,
    summary: 'Write an article (fa or en)',
    body: createArticleBody,
    handler: async ({ body, me }) => presentArticle(await createArticle(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/knowledge/articles/:id',
    tag,
    access: STAFF,
    summary: 'One article',
    params: idParams,
    handler: async ({ params }) => presentArticle(await getArticle(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/knowledge/articles/:id',
    tag,
    access: MANAGERS,
    summary: 'Change an article (publish, hide, edit)',
    params: idParams,
    body: updateArticleBody,
    handler: async ({ params, body, me }) =>
      presentArticle(await updateArticle(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/knowledge/articles/:id',
    tag,
    access: MANAGERS,
    summary: 'Delete an article',
    params: idParams,
    handler: async ({ params, me }) => {
      await deleteArticle(params.id, me.id);
      return undefined;
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/knowledge/search',
    tag,
    access: STAFF,
    summary: 'Search articles by words (fa/en, Persian-normalised), internal and drafts included',
    query: staffSearchQuery,
    handler: async ({ query }) => {
      const { q, limit, ...filter } = query;
      const hits = await searchArticles(q, filter, limit);
      return { items: hits.map(presentStaffHit) };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/public/knowledge/search',
    tag,
    access: 'public',
    rateLimit: ipRateLimit(
      'knowledge-search',
      PUBLIC_SEARCH_LIMIT.points,
      PUBLIC_SEARCH_LIMIT.seconds,
    ),
    summary: 'Search published public articles (widget, portal)',
    query: publicSearchQuery,
    handler: async ({ query }) => {
      const { q, limit, ...filter } = query;
      const hits = await searchArticles(
        q,
        { ...filter, status: 'published', visibility: 'public' },
        limit,
      );
      return { items: hits.map(presentPublicHit) };
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/public/knowledge/:slug',
    tag,
    access: 'public',
    rateLimit: ipRateLimit('knowledge-article', 120, 60),
    summary: 'A published public article by slug (Persian first when no locale is given)',
    params: slugParams,
    query: publicArticleQuery,
    handler: async ({ params, query }) => {
      const { article, translations } = await getPublicArticle(params.slug, query.locale);
      return presentPublicArticle(article, translations);
    },
  });
  return router;
}
