import { ARTICLE_CATEGORIES } from '@cc/shared';
import { useState } from 'preact/hooks';
import { articleUrl } from '../../api/canned';
import {
  createArticle,
  deleteArticle,
  findArticles,
  getArticle,
  updateArticle,
  type Article,
  type ArticleFields,
  type ArticleFilter,
  type ArticleRow,
} from '../../api/knowledge';
import { useI18n } from '../../i18n/context';
import { useNotices } from '../../notices';
import { useSession } from '../../session';
import { useAdminForm, useAdminList } from './adminHooks';
import {
  AdminLoadError,
  AdminTable,
  ChoiceField,
  DeleteButton,
  Field,
  FormFooter,
  TextAreaField,
} from './AdminParts';

interface Form {
  slug: string;
  locale: Article['locale'];
  title: string;
  body: string;
  category: Article['category'];
  status: Article['status'];
  visibility: Article['visibility'];
  productModels: string;
  tags: string;
  videoLinks: string;
}

const empty = (): Form => ({
  slug: '',
  locale: 'fa',
  title: '',
  body: '',
  category: 'fault-identification',
  status: 'draft',
  visibility: 'public',
  productModels: '',
  tags: '',
  videoLinks: '',
});

const fromArticle = (a: Article): Form => ({
  slug: a.slug,
  locale: a.locale,
  title: a.title,
  body: a.body,
  category: a.category,
  status: a.status,
  visibility: a.visibility,
  productModels: a.productModels.join(', '),
  tags: a.tags.join(', '),
  videoLinks: a.videoLinks.join('\n'),
});

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

function toFields(form: Form): ArticleFields {
  return {
    slug: form.slug.trim().toLowerCase(),
    locale: form.locale,
    title: form.title.trim(),
    body: form.body.trim(),
    category: form.category,
    status: form.status,
    visibility: form.visibility,
    productModels: list(form.productModels, /[,،\s]+/).map((m) => m.toUpperCase()),
    tags: list(form.tags, /[,،]+/),
    videoLinks: list(form.videoLinks, /\s+/),
  };
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

/**
 * The knowledge archive (seed (a)): fault guides, maintenance, parts, warranty booklet, training,
 * each in Persian or English; published public articles reach the widget and the portal.
 */
export function KnowledgeAdmin() {
  const { t } = useI18n();
  const { csrf } = useSession();
  const notices = useNotices();
  const [filter, setFilter] = useState<ArticleFilter>({ q: '', category: '', status: '' });
  const { items, loadError, reload, change } = useAdminList(() => findArticles(filter), {
    deps: [filter.q, filter.category, filter.status],
  });
  const { editing, edit, form, set, error, setError, busy, save } = useAdminForm<Article, Form>(
    empty,
    fromArticle,
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!SLUG.test(form.slug.trim().toLowerCase())) return setError(t('knowledge.error.slug'));
    if (!form.title.trim()) return setError(t('knowledge.error.title'));
    if (!form.body.trim()) return setError(t('knowledge.error.body'));
    const fields = toFields(form);
    if (fields.videoLinks.some((link) => !/^https?:\/\/\S+$/.test(link)))
      return setError(t('knowledge.error.video'));
    void save((a) => (a ? updateArticle(csrf, a.id, fields) : createArticle(csrf, fields)), reload);
  }

  async function open(row: ArticleRow) {
    try {
      edit(await getArticle(row.id));
      document.getElementById('knowledge-title')?.focus();
    } catch (failure) {
      notices.error(failure);
    }
  }

  return (
    <section class="admin-section" aria-labelledby="admin-knowledge-title">
      <h2 id="admin-knowledge-title">{t('knowledge.adminTitle')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="knowledge-form-title">
        <h3 id="knowledge-form-title">{editing ? t('knowledge.edit') : t('knowledge.new')}</h3>
        <Field
          id="knowledge-title"
          label={t('knowledge.articleTitle')}
          dir="auto"
          value={form.title}
          onValue={(v) => set('title', v)}
        />
        <Field
          id="knowledge-slug"
          label={t('knowledge.slug')}
          dir="ltr"
          placeholder="pump-does-not-start"
          value={form.slug}
          onValue={(v) => set('slug', v)}
        />
        <ChoiceField
          id="knowledge-locale"
          label={t('knowledge.locale')}
          value={form.locale}
          onValue={(v) => set('locale', v)}
          options={[
            { value: 'fa', label: t('locale.fa') },
            { value: 'en', label: t('locale.en') },
          ]}
        />
        <ChoiceField
          id="knowledge-category"
          label={t('knowledge.category')}
          value={form.category}
          onValue={(v) => set('category', v)}
          options={ARTICLE_CATEGORIES.map((c) => ({
            value: c,
            label: t(`knowledge.category.${c}`),
          }))}
        />
        <ChoiceField
          id="knowledge-status"
          label={t('knowledge.status')}
          value={form.status}
          onValue={(v) => set('status', v)}
          options={[
            { value: 'draft', label: t('knowledge.status.draft') },
            { value: 'published', label: t('knowledge.status.published') },
          ]}
        />
        <ChoiceField
          id="knowledge-visibility"
          label={t('knowledge.visibility')}
          value={form.visibility}
          onValue={(v) => set('visibility', v)}
          options={[
            { value: 'public', label: t('knowledge.visibility.public') },
            { value: 'internal', label: t('knowledge.visibility.internal') },
          ]}
        />
        <Field
          id="knowledge-models"
          label={t('knowledge.productModels')}
          dir="ltr"
          placeholder="DRP50, TR-200"
          value={form.productModels}
          onValue={(v) => set('productModels', v)}
        />
        <Field
          id="knowledge-tags"
          label={t('knowledge.tags')}
          dir="auto"
          value={form.tags}
          onValue={(v) => set('tags', v)}
        />
        <TextAreaField
          id="knowledge-videos"
          label={t('knowledge.videoLinks')}
          dir="ltr"
          placeholder="https://"
          value={form.videoLinks}
          onValue={(v) => set('videoLinks', v)}
        />
        <TextAreaField
          id="knowledge-body"
          label={t('knowledge.body')}
          rows={12}
          value={form.body}
          onValue={(v) => set('body', v)}
        />
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={editing ? t('canned.save') : t('knowledge.add')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>

      <div class="admin-filters" role="search">
        <label for="knowledge-search">{t('knowledge.search')}</label>
        <input
          id="knowledge-search"
          type="search"
          dir="auto"
          value={filter.q}
          onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })}
        />
        <ChoiceField
          id="knowledge-filter-category"
          label={t('knowledge.category')}
          value={filter.category}
          onValue={(v) => setFilter({ ...filter, category: v })}
          any={t('feedback.any')}
          options={ARTICLE_CATEGORIES.map((c) => ({
            value: c,
            label: t(`knowledge.category.${c}`),
          }))}
        />
        <ChoiceField
          id="knowledge-filter-status"
          label={t('knowledge.status')}
          value={filter.status}
          onValue={(v) => setFilter({ ...filter, status: v })}
          any={t('feedback.any')}
          options={[
            { value: 'draft', label: t('knowledge.status.draft') },
            { value: 'published', label: t('knowledge.status.published') },
          ]}
        />
      </div>
      <AdminLoadError error={loadError} />
      {items && items.length === 0 && <p class="empty">{t('knowledge.none')}</p>}
      {items && items.length > 0 && (
        <AdminTable
          columns={[
            'knowledge.articleTitle',
            'knowledge.locale',
            'knowledge.category',
            'knowledge.status',
            'knowledge.visibility',
          ]}
        >
          {items.map((a) => (
            <tr key={a.id} data-article={a.slug} data-locale={a.locale}>
              <td>
                {a.status === 'published' && a.visibility === 'public' ? (
                  <a href={articleUrl(a)} target="_blank" rel="noopener noreferrer">
                    <bdi>{a.title}</bdi>
                  </a>
                ) : (
                  <bdi>{a.title}</bdi>
                )}
              </td>
              <td>{t(`locale.${a.locale}`)}</td>
              <td>{t(`knowledge.category.${a.category}`)}</td>
              <td>{t(`knowledge.status.${a.status}`)}</td>
              <td>{t(`knowledge.visibility.${a.visibility}`)}</td>
              <td>
                <div class="row-actions">
                  <button type="button" class="secondary" onClick={() => void open(a)}>
                    {t('admin.edit')}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() =>
                      void change(() =>
                        updateArticle(csrf, a.id, {
                          status: a.status === 'published' ? 'draft' : 'published',
                        }),
                      )
                    }
                  >
                    {a.status === 'published' ? t('knowledge.unpublish') : t('knowledge.publish')}
                  </button>
                  <DeleteButton
                    onDelete={() =>
                      void change(async () => {
                        await deleteArticle(csrf, a.id);
                        if (editing?.id === a.id) edit(null);
                      })
                    }
                  />
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
