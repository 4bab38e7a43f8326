import type { TicketSummary } from '@cc/shared';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { raiseAlert, resumeAudioOnGesture } from '../alerts';
import { updateTicket } from '../api/tickets';
import { useHashRoute } from '../hooks/useHashRoute';
import { useTicketDetail } from '../hooks/useTicketDetail';
import { useTicketLists } from '../hooks/useTicketLists';
import { useViewCounts } from '../hooks/useViewCounts';
import { useI18n } from '../i18n/context';
import type { MessageParams } from '../i18n/translate';
import { useNotices } from '../notices';
import { useSocketEvents } from '../realtime/context';
import { useSession } from '../session';
import { adminSectionsFor } from '../state/route';
import { shortcutFor, stepThrough } from '../state/shortcuts';
import { viewsFor } from '../state/views';
import type { ComposerMode } from './Composer';
import { ConversationPane } from './ConversationPane';
import { AdminPage } from './admin/AdminPage';
import { InboxNav } from './InboxNav';
import { ReportsPage } from './reports/ReportsPage';
import { SearchResults } from './SearchResults';
import { ShortcutHelp } from './ShortcutHelp';
import { SidePanel } from './SidePanel';
import { SupervisorBoard } from './SupervisorBoard';
import { TicketList } from './TicketList';

/** Inbox views, ticket list, conversation and side panel (or the board), kept live by the socket. */
export function Workspace({
  helpOpen,
  onHelpChange,
}: {
  helpOpen: boolean;
  onHelpChange: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const { viewer, isManager, user, csrf } = useSession();
  const adminSections = adminSectionsFor(user.roles);
  const notices = useNotices();
  const views = useMemo(() => viewsFor(viewer), [viewer]);
  const [route, navigate] = useHashRoute(views.includes('queue') ? 'queue' : 'mine');
  const lists = useTicketLists(viewer, views);
  const counts = useViewCounts();
  const openTicketId = route.screen === 'inbox' ? route.ticketId : null;
  const ticket = useTicketDetail(openTicketId);
  const [search, setSearch] = useState<string | null>(null);
  const [composer, setComposer] = useState<{ mode: ComposerMode; focus: number }>({
    mode: 'reply',
    focus: 0,
  });

  useEffect(resumeAudioOnGesture, []);

  const onTicketChanged = useCallback(
    (changed: TicketSummary) => {
      lists.applyTicket(changed);
      ticket.refresh();
    },
    [lists, ticket],
  );

  const openTicket = useCallback(
    (id: string) => {
      const view = route.screen === 'inbox' ? route.view : views[0]!;
      navigate({ screen: 'inbox', view, ticketId: id });
    },
    [route, views, navigate],
  );

  /** Tells about new work; not about the ticket on screen, which the user just acted on. */
  const alertFor = useCallback(
    (summary: TicketSummary, key: 'alert.assigned' | 'alert.mentioned', params: MessageParams) => {
      if (summary.id === openTicketId) return;
      notices.info(key, params);
      raiseAlert(t('app.title'), t(key, params), summary.id, () => openTicket(summary.id));
    },
    [notices, t, openTicket, openTicketId],
  );

  useSocketEvents(
    {
      'ticket:assigned': (summary) => {
        if (summary.assignee === user.id)
          alertFor(summary, 'alert.assigned', { label: summary.label, subject: summary.subject });
      },
      'ticket:transferred': ({ ticket: summary, from }) => {
        if (summary.assignee === user.id && from.assignee !== user.id)
          alertFor(summary, 'alert.assigned', { label: summary.label, subject: summary.subject });
      },
      'mention:created': ({ ticket: summary, message }) =>
        alertFor(summary, 'alert.mentioned', { label: summary.label, name: message.authorName }),
    },
    [user.id, alertFor, t],
  );

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const action = shortcutFor(event);
      if (!action || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      if (action === 'help') return onHelpChange(true);
      if (route.screen !== 'inbox') return;
      const detail = ticket.detail;
      switch (action) {
        case 'next':
        case 'previous': {
          const ids = lists.state.views[route.view]?.ids ?? [];
          const next = stepThrough(ids, route.ticketId, action === 'next' ? 1 : -1);
          if (next) navigate({ ...route, ticketId: next });
          return;
        }
        case 'reply':
        case 'note':
          if (detail) setComposer((c) => ({ mode: action, focus: c.focus + 1 }));
          return;
        case 'resolve':
          if (detail && ['new', 'queued', 'assigned', 'pending'].includes(detail.status))
            updateTicket(csrf, detail.id, { status: 'resolved' }).then((changed) => {
              onTicketChanged(changed);
              notices.info('ticket.resolved');
            }, notices.error);
          return;
      }
    }
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, [
    route,
    lists.state,
    ticket.detail,
    navigate,
    csrf,
    onTicketChanged,
    notices,
    t,
    onHelpChange,
  ]);

  return (
    <div class={`workspace ${route.screen !== 'inbox' ? 'workspace-board' : ''}`}>
      <InboxNav
        views={views}
        lists={lists.state}
        counts={counts}
        route={route}
        showBoard={isManager}
        adminSection={adminSections[0]!}
        onSearch={(query) => {
          setSearch(query);
          if (route.screen !== 'inbox')
            navigate({ screen: 'inbox', view: views[0]!, ticketId: null });
        }}
        onNavigate={() => setSearch(null)}
      />
      {route.screen === 'board' ? (
        <SupervisorBoard />
      ) : route.screen === 'reports' ? (
        isManager ? (
          <ReportsPage />
        ) : (
          <p class="empty">{t('error.notFound')}</p>
        )
      ) : route.screen === 'admin' ? (
        adminSections.includes(route.section) ? (
          <AdminPage section={route.section} />
        ) : (
          <p class="empty">{t('error.notFound')}</p>
        )
      ) : (
        <>
          {search !== null ? (
            <SearchResults
              key={search}
              query={search}
              view={route.view}
              selectedId={route.ticketId}
              onClose={() => setSearch(null)}
            />
          ) : (
            <TicketList
              view={route.view}
              list={lists.state.views[route.view]}
              tickets={lists.state.tickets}
              selectedId={route.ticketId}
              onLoadMore={() => lists.loadMore(route.view)}
              onRetry={() => lists.reload(route.view)}
            />
          )}
          <ConversationPane
            state={ticket}
            composerMode={composer.mode}
            onComposerModeChange={(mode) => setComposer((c) => ({ ...c, mode }))}
            focusRequest={composer.focus}
          />
          <SidePanel ticket={ticket.detail} view={route.view} onChanged={onTicketChanged} />
        </>
      )}
      <ShortcutHelp open={helpOpen} onClose={() => onHelpChange(false)} />
    </div>
  );
}
