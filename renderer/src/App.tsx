/**
 * The popup's shell: tab navigation (Compose, Contacts, History, Settings), start-up notices, the
 * shared status region, Esc to hide, and what happens when main says the popup was just shown.
 */
import { Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Notice, PopupShownEvent, Settings } from '../../shared/ipc';
import { api } from './api';
import { ComposeView, type ComposeHandle } from './compose/ComposeView';
import { preloadableView } from './lazyView';
import type { OpenThreadRequest } from './messages/MessagesView';
import { messagesTabName, useMessagesStatus } from './messages/useMessagesStatus';
import { isMacPlatform } from './platform';
import { StatusProvider, StatusScope, useStatus } from './status';

// Only Compose is needed the moment the popup opens; the other views' code is fetched once the
// popup is idle, so the first keystroke in To waits for less JavaScript and opening a view later
// does not wait at all.
const contactsView = preloadableView(() => import('./contacts/ContactsView').then((module) => module.ContactsView));
const historyView = preloadableView(() => import('./history/HistoryView').then((module) => module.HistoryView));
const settingsView = preloadableView(() => import('./settings/SettingsView').then((module) => module.SettingsView));
const messagesView = preloadableView(() => import('./messages/MessagesView').then((module) => module.MessagesView));
const MessagesView = messagesView.View;
const ContactsView = contactsView.View;
const HistoryView = historyView.View;
const SettingsView = settingsView.View;
const loading = <p className="hint">Loading…</p>;

const tabs = [
  { id: 'compose', label: 'Compose' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
  // Last, so Ctrl+1…4 keep their views; Ctrl+5 opens it.
  { id: 'messages', label: 'Messages' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** Ctrl+1…5 (⌘1…5 on macOS) open the views in tab order. */
const isMac = isMacPlatform();

export function App() {
  const [tab, setTab] = useState<TabId>('compose');
  return (
    <StatusProvider activeView={tab}>
      <Shell tab={tab} setTab={setTab} />
    </StatusProvider>
  );
}

function Shell(props: { tab: TabId; setTab: (tab: TabId) => void }) {
  const { announce } = useStatus();
  const { tab, setTab } = props;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const compose = useRef<ComposeHandle>(null);
  /** Bumped to ask for focus in Compose once the panel is on screen (after the next commit). */
  const [composeFocusRequest, setComposeFocusRequest] = useState(0);
  const tabButtons = useRef(new Map<TabId, HTMLButtonElement>());
  const messages = useMessagesStatus();
  const [openThread, setOpenThread] = useState<OpenThreadRequest | null>(null);

  useEffect(() => {
    const idle = requestIdleCallback(
      () => {
        void settingsView.preload();
        void contactsView.preload();
        void historyView.preload();
        void messagesView.preload();
        void import('./history/shortTime').then((module) => module.prepareTimeFormatters());
      },
      { timeout: 1000 },
    );
    return () => cancelIdleCallback(idle);
  }, []);

  // Read at start and again after a send, which can leave one (a draft that could not be cleared).
  const refreshNotices = useCallback(() => {
    void api()
      .getNotices()
      .then((result) => {
        if (result.ok) setNotices(result.value);
      });
  }, []);

  useEffect(() => {
    void api()
      .getSettings()
      .then((result) => {
        if (result.ok) setSettings(result.value);
        else announce(`Settings could not be read: ${result.error.message}`, 'error');
      });
    refreshNotices();
  }, [announce, refreshNotices]);

  const openCompose = useCallback(
    (draft: { to?: string; from?: string; message?: string }) => {
      setTab('compose');
      compose.current?.fill(draft);
      setComposeFocusRequest((n) => n + 1);
    },
    [setTab],
  );

  // Runs after the commit that shows the Compose panel: focus() on a hidden element does nothing.
  useEffect(() => {
    if (composeFocusRequest > 0 && tab === 'compose') compose.current?.focusFirst();
  }, [composeFocusRequest, tab]);

  useEffect(
    () =>
      api().onPopupShown((event: PopupShownEvent) => {
        if (event.view === 'settings') {
          setTab('settings');
          tabButtons.current.get('settings')?.focus();
          return;
        }
        if (event.view === 'messages') {
          setTab('messages');
          setOpenThread((current) => ({ conversation: event.conversation ?? null, serial: (current?.serial ?? 0) + 1 }));
          if (!event.conversation) tabButtons.current.get('messages')?.focus();
          return;
        }
        setTab('compose');
        compose.current?.offerClipboardNumber(event.clipboardNumber);
        // An sms: or tel: link: fill To and Message for the user to check and send (never sent here).
        if (event.link && !event.link.refused) compose.current?.fill({ to: event.link.to, message: event.link.message });
        if (event.link?.note) announce(event.link.note, event.link.refused ? 'error' : 'info');
        setComposeFocusRequest((n) => n + 1);
      }),
    [announce, setTab],
  );

  const selectTab = useCallback(
    (id: TabId, focus: boolean) => {
      setTab(id);
      if (focus) tabButtons.current.get(id)?.focus();
      if (id === 'compose' && !focus) setComposeFocusRequest((n) => n + 1);
    },
    [setTab],
  );

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const shortcut = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      const digit = /^Digit([1-5])$/.exec(event.code)?.[1];
      if (shortcut && !event.altKey && !event.shiftKey && digit !== undefined) {
        const next = tabs[Number(digit) - 1];
        if (next !== undefined) {
          event.preventDefault();
          // Compose takes focus in its first field; another view's tab takes it, so the next Tab
          // goes into that view.
          selectTab(next.id, next.id !== 'compose');
        }
        return;
      }
      // A control that uses Esc itself (an open suggestion list) marks the event handled.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      void (async () => {
        await compose.current?.flushDraft();
        await api().hidePopup();
      })();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selectTab]);

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.findIndex((t) => t.id === tab);
    const last = tabs.length - 1;
    const target =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null) return;
    event.preventDefault();
    const next = tabs[target];
    if (next !== undefined) selectTab(next.id, true);
  };

  const dismissNotice = async (id: string) => {
    const result = await api().dismissNotice({ id });
    if (result.ok) setNotices((current) => current.filter((n) => n.id !== id));
    else announce(result.error.message, 'error');
  };

  return (
    <div className="app">
      <header className="tabs">
        <div className="tab-list" role="tablist" aria-label="Views">
          {tabs.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              ref={(element) => {
                if (element === null) tabButtons.current.delete(t.id);
                else tabButtons.current.set(t.id, element);
              }}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => selectTab(t.id, false)}
              onKeyDown={onTabKeyDown}
              {...(t.id === 'messages' ? { 'aria-label': messagesTabName(messages.status?.unreadMessages ?? 0) } : {})}
            >
              {t.label}
              {t.id === 'messages' && (messages.status?.unreadMessages ?? 0) > 0 && (
                <span className="tab-count" aria-hidden="true">
                  {' '}
                  {messages.status?.unreadMessages}
                </span>
              )}
            </button>
          ))}
        </div>
      </header>

      {/* The one region that scrolls: the tab bar above and the status bar below stay put. */}
      <main className="panels" data-scroll-region="">
        {notices.length > 0 && (
          <ul className="notices" aria-label="Notices">
            {notices.map((notice) => (
              <li key={notice.id}>
                <p id={`notice-${notice.id}`}>{notice.message}</p>
                <button type="button" aria-describedby={`notice-${notice.id}`} onClick={() => void dismissNotice(notice.id)}>
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        )}
        {/* Compose stays mounted so switching views never loses what is being typed. */}
        <section id="panel-compose" role="tabpanel" aria-labelledby="tab-compose" hidden={tab !== 'compose'}>
          <StatusScope view="compose">
            <h1 className="visually-hidden">Compose</h1>
            <ComposeView settings={settings} onOpenSettings={() => selectTab('settings', true)} onSent={refreshNotices} handleRef={compose} />
          </StatusScope>
        </section>
        {tab === 'messages' && (
          <section id="panel-messages" role="tabpanel" aria-labelledby="tab-messages">
            <StatusScope view="messages">
              <h1 className="visually-hidden">Messages</h1>
              <Suspense fallback={loading}>
                <MessagesView version={messages.status?.version ?? 0} openRequest={openThread} onStatus={messages.setStatus} onOpenInCompose={openCompose} />
              </Suspense>
            </StatusScope>
          </section>
        )}
        {tab === 'contacts' && (
          <section id="panel-contacts" role="tabpanel" aria-labelledby="tab-contacts">
            <StatusScope view="contacts">
              <h1 className="visually-hidden">Contacts</h1>
              <Suspense fallback={loading}>
                <ContactsView onCompose={(to) => openCompose({ to })} />
              </Suspense>
            </StatusScope>
          </section>
        )}
        {tab === 'history' && (
          <section id="panel-history" role="tabpanel" aria-labelledby="tab-history">
            <StatusScope view="history">
              <h1 className="visually-hidden">History</h1>
              <Suspense fallback={loading}>
                <HistoryView onOpenInCompose={openCompose} />
              </Suspense>
            </StatusScope>
          </section>
        )}
        {tab === 'settings' && (
          <section id="panel-settings" role="tabpanel" aria-labelledby="tab-settings">
            <StatusScope view="settings">
              <h1 className="visually-hidden">Settings</h1>
              <Suspense fallback={loading}>
                <SettingsView settings={settings} onSettingsChange={setSettings} />
              </Suspense>
            </StatusScope>
          </section>
        )}
      </main>
    </div>
  );
}
