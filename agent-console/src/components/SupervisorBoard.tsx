import type { Presence, QueueSnapshot } from '@cc/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../api/error-message';
import { listUsers, queueBoard, requeueUser, setUserPresence } from '../api/staff';
import type { BoardGroup, StaffUser } from '../api/types';
import { useDirectory } from '../directory';
import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/context';
import { formatDuration, formatList, formatNumber } from '../i18n/format';
import type { MessageKey } from '../i18n/dictionaries';
import { label } from '../i18n/labels';
import type { MessageParams } from '../i18n/translate';
import { useNotices } from '../notices';
import { useRealtime, useSocketEvents } from '../realtime/context';
import { useSession } from '../session';
import { ExpertTickets } from './board/ExpertTickets';

const PRESENCES: Presence[] = ['online', 'away', 'offline'];
const USERS_REFRESH_MS = 500;

/** A group's row, with the moment its snapshot was taken so the longest wait keeps counting. */
type GroupRow = BoardGroup & { receivedAt: number };

function mergeSnapshot(rows: GroupRow[], snapshot: QueueSnapshot): GroupRow[] {
  return rows.map((row) =>
    row.group === snapshot.group ? { ...row, ...snapshot, receivedAt: Date.now() } : row,
  );
}

export function SupervisorBoard() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { groupName } = useDirectory();
  const { generation } = useRealtime();
  const notices = useNotices();
  const now = useNow(5000);
  const [groups, setGroups] = useState<GroupRow[] | null>(null);
  const [experts, setExperts] = useState<StaffUser[] | null>(null);
  const [presenceFilter, setPresenceFilter] = useState<Presence | ''>('');
  const [error, setError] = useState<unknown>();
  const [ticketsOf, setTicketsOf] = useState<string | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const loadExperts = useCallback(() => {
    listUsers({ role: 'expert', presence: presenceFilter || undefined }).then(
      (page) => setExperts(page.items),
      setError,
    );
  }, [presenceFilter]);

  useEffect(() => {
    if (generation === 0) return;
    queueBoard().then(
      (items) => setGroups(items.map((g) => ({ ...g, receivedAt: Date.now() }))),
      setError,
    );
  }, [generation]);

  useEffect(() => {
    if (generation > 0) loadExperts();
  }, [loadExperts, generation]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  /** Loads change with every assignment; refetch once a burst of ticket events settles. */
  const refreshExpertsSoon = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(loadExperts, USERS_REFRESH_MS);
  }, [loadExperts]);

  useSocketEvents(
    {
      'queue:changed': (snapshot) => setGroups((rows) => rows && mergeSnapshot(rows, snapshot)),
      'presence:changed': (change) => {
        setExperts(
          (list) =>
            list?.flatMap((u) => {
              if (u.id !== change.user) return [u];
              if (presenceFilter && change.presence !== presenceFilter) return [];
              return [{ ...u, presence: change.presence, activeCount: change.activeCount }];
            }) ?? null,
        );
        if (presenceFilter) refreshExpertsSoon();
      },
      'ticket:assigned': refreshExpertsSoon,
      'ticket:updated': refreshExpertsSoon,
      'ticket:transferred': refreshExpertsSoon,
    },
    [presenceFilter, refreshExpertsSoon],
  );

  async function act(run: () => Promise<[MessageKey, MessageParams]>) {
    try {
      notices.info(...(await run()));
      loadExperts();
    } catch (failure) {
      notices.error(failure);
    }
  }

  return (
    <section class="board" aria-labelledby="board-title">
      <h2 id="board-title">{t('board.title')}</h2>
      {error !== undefined && (
        <p class="form-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
      <table class="board-table" aria-labelledby="board-groups-title">
        <caption id="board-groups-title">{t('board.groups')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.group')}</th>
            <th scope="col">{t('board.waiting')}</th>
            <th scope="col">{t('board.longestWait')}</th>
            <th scope="col">{t('board.onlineExperts')}</th>
          </tr>
        </thead>
        <tbody>
          {(groups ?? []).map((g) => {
            const longest =
              g.waiting > 0 ? g.longestWaitSeconds + (now.getTime() - g.receivedAt) / 1000 : 0;
            return (
              <tr key={g.group} data-group={g.slug}>
                <th scope="row">{g.name[locale]}</th>
                <td class="board-waiting">{formatNumber(g.waiting, locale)}</td>
                <td>{g.waiting > 0 ? formatDuration(longest, locale) : '—'}</td>
                <td class={`board-online ${g.onlineExperts === 0 ? 'board-alarm' : ''}`}>
                  {formatNumber(g.onlineExperts, locale)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div class="section-heading">
        <h3 id="board-experts-title">{t('board.experts')}</h3>
        <label class="inline-field">
          <span>{t('board.presenceFilter')}</span>
          <select
            value={presenceFilter}
            onChange={(e) => setPresenceFilter(e.currentTarget.value as Presence | '')}
          >
            <option value="">{t('board.everyone')}</option>
            {PRESENCES.map((p) => (
              <option key={p} value={p}>
                {label(t, 'presence', p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table class="board-table" aria-labelledby="board-experts-title">
        <thead>
          <tr>
            <th scope="col">{t('board.expert')}</th>
            <th scope="col">{t('board.presence')}</th>
            <th scope="col">{t('board.load')}</th>
            <th scope="col">{t('board.expertGroups')}</th>
            <th scope="col">{t('board.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(experts ?? []).map((u) => (
            <tr key={u.id} data-expert={u.email}>
              <th scope="row">
                <bdi>{u.displayName}</bdi>
              </th>
              <td>
                <span class={`presence-dot presence-${u.presence}`} aria-hidden="true" />{' '}
                <span class="expert-presence">{label(t, 'presence', u.presence)}</span>
              </td>
              <td>
                {u.maxConcurrent === null
                  ? formatNumber(u.activeCount, locale)
                  : t('board.loadOf', { active: u.activeCount, max: u.maxConcurrent })}
              </td>
              <td>
                {formatList(
                  u.groups.flatMap((g) => groupName(g) ?? []),
                  locale,
                  'unit',
                )}
              </td>
              <td class="row-actions">
                <label>
                  <span class="sr-only">{t('board.setPresence', { name: u.displayName })}</span>
                  <select
                    value={u.presence}
                    onChange={(e) => {
                      const next = e.currentTarget.value as Presence;
                      void act(async () => {
                        await setUserPresence(csrf, u.id, next);
                        return [
                          'board.presenceSet',
                          { name: u.displayName, presence: label(t, 'presence', next) },
                        ];
                      });
                    }}
                  >
                    {PRESENCES.map((p) => (
                      <option key={p} value={p}>
                        {label(t, 'presence', p)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  class="secondary"
                  disabled={u.activeCount === 0}
                  onClick={() =>
                    void act(async () => {
                      const { moved } = await requeueUser(csrf, u.id);
                      return ['board.requeued', { count: moved, name: u.displayName }];
                    })
                  }
                >
                  {t('board.requeue')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={ticketsOf === u.id}
                  aria-label={t('board.ticketsOfLabel', { name: u.displayName })}
                  onClick={() => setTicketsOf((id) => (id === u.id ? null : u.id))}
                >
                  {t('board.tickets')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {experts?.some((u) => u.id === ticketsOf) && (
        <ExpertTickets
          key={ticketsOf}
          expert={experts.find((u) => u.id === ticketsOf)!}
          experts={experts}
          onClose={() => setTicketsOf(null)}
        />
      )}
    </section>
  );
}
