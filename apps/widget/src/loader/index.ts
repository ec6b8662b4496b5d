// The loader (`/widget.js`): installs `window.Parley`, boots the visitor, draws the launcher in a shadow
// root, records page views and loads the chat bundle only when it is needed. It must stay under 3 KB
// gzipped, so it has no framework and draws a single button.
import {
  CHAT_GLOBAL,
  type ChatBridge,
  type ChatHandle,
  type ChatModule,
  type SdkEvent,
} from '../shared/bridge.ts';
import { textOn, themeColor } from '../shared/color.ts';
import type { ApiError, BootResponse, IdentifyInput, IdentifyResponse } from '../shared/types.ts';

declare const __LOADER_CSS__: string;

type BootOptions = { widgetKey: string; hideLauncher?: boolean };
type Listener = (payload?: unknown) => void;
type Call = [string, ...unknown[]];

const w = window as unknown as Window & Record<string, unknown>;
const doc = document;
// Only the loader's own <script> decides the server: any other element of the host page (a comment
// rendered with data-* attributes, say) could otherwise point the widget, its key and the visitor's
// token at another server. The chat bundle comes from the same origin.
const script = (doc.currentScript || [...doc.scripts].find((s) => /\/widget\.js([?#]|$)/.test(s.src))) as
  | HTMLScriptElement
  | undefined;
const host = new URL(script ? script.src : location.href).origin;
const api = `${host}/api/widget/v1`;

let key = '';
let session: BootResponse | undefined;
let whenBooted: Promise<void> | undefined;
let onFirstBoot: () => void;
// Resolves when boot is first called, so `identify` called even before that waits for it.
const firstBoot = new Promise<void>((resolve) => {
  onFirstBoot = resolve;
});
let isOpen = false;
let isOpenWanted = false;
let isHidden = false;
let unread = 0;
let lastFocus: Element | null = null;
let chat: Promise<ChatHandle> | undefined;
let handle: ChatHandle | undefined;
let pageView: { id: string; at: number } | undefined;
let lastPath = '';
const listeners: Record<string, Listener[]> = {};

const warn = (err: unknown) => console.warn('[Parley]', err);
const tokenKey = () => `parley:${key}:visitor`;

function storage(name: string, value?: string | null): string | null {
  try {
    if (value === undefined) {
      return localStorage.getItem(name);
    }
    value === null ? localStorage.removeItem(name) : localStorage.setItem(name, value);
  } catch {
    // Storage blocked (private mode, sandboxed frame): the visitor is anonymous for this page only.
  }
  return null;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = session ? { 'x-parley-visitor': session.visitorToken } : {};
  // FormData (uploads) sets its own multipart content type.
  const isJson = body !== undefined && !(body instanceof FormData);
  if (isJson) {
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(api + path, {
    method,
    headers,
    body: isJson ? JSON.stringify(body) : (body as FormData),
  });
  if (res.status === 204) {
    return undefined as T;
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const detail = json.error || {};
    throw Object.assign(new Error(detail.message || `HTTP ${res.status}`), {
      status: res.status,
      code: detail.code,
    }) as ApiError;
  }
  return json as T;
}

// Listeners run on their own task: one that throws cannot break the widget or the other listeners.
function emit(event: SdkEvent, payload?: unknown) {
  for (const fn of listeners[event] || []) {
    setTimeout(fn, 0, payload);
  }
}

// Launcher: a fixed host element whose inline `all: initial !important` beats any page rule, with
// everything else inside an open shadow root.
const el = doc.createElement('parley-widget');
el.style.cssText = 'all:initial!important;position:fixed!important;z-index:2147483000!important';
const root = el.attachShadow({ mode: 'open' });
const style = doc.createElement('style');
style.textContent = __LOADER_CSS__;
const launcher = doc.createElement('button');
launcher.type = 'button';
launcher.className = 'l';
launcher.setAttribute('aria-describedby', 'pb');
const badge = doc.createElement('span');
badge.id = 'pb';
badge.className = 'b';
for (const [cls, d] of [
  ['i1', 'M7.9 20A9 9 0 1 0 4 16.1L2 22Z'],
  ['i2', 'M18 6 6 18M6 6l12 12'],
]) {
  const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls!);
  path.setAttribute('d', d!);
  svg.appendChild(path);
  launcher.appendChild(svg);
}
launcher.appendChild(badge);
launcher.onclick = () => setOpen(!isOpen);
root.append(style, launcher);

function draw() {
  const inbox = session!.inbox;
  const color = themeColor(inbox.color);
  launcher.style.cssText = `background:${color};color:${textOn(color)};${inbox.position === 'left' ? 'left' : 'right'}:20px`;
  launcher.hidden = isHidden;
  launcher.classList.toggle('o', isOpen);
  launcher.setAttribute('aria-label', isOpen ? 'Close chat' : 'Open chat');
  launcher.setAttribute('aria-expanded', String(isOpen));
  badge.hidden = !unread;
  badge.textContent = unread > 9 ? '9+' : String(unread);
  badge.setAttribute('aria-label', unread ? `${unread} unread` : '');
  if (!el.isConnected) {
    (doc.body || doc.documentElement).appendChild(el);
  }
}

function setUnread(count: number) {
  if (count !== unread) {
    unread = count;
    emit('unread', count);
  }
  session && draw();
}

function loadChat(): Promise<ChatHandle> {
  chat ||= new Promise<ChatHandle>((resolve, reject) => {
    const s = doc.createElement('script');
    s.src = `${host}/widget/chat.js`;
    s.async = true;
    s.nonce = script?.nonce || '';
    s.onload = () => {
      const mod = w[CHAT_GLOBAL] as ChatModule | undefined;
      handle = mod?.mount(bridge);
      handle ? resolve(handle) : reject(s.src);
    };
    s.onerror = reject;
    doc.head.appendChild(s);
  }).catch((err) => {
    chat = undefined;
    throw err;
  });
  return chat;
}

// A visitor who has chatted gets the chat (and its socket) in the background, so a reply shows on the
// badge and in a preview while the window is closed; one who never chatted loads nothing more.
function sessionChanged() {
  handle ? handle.sessionChanged() : session!.conversations.length && loadChat().catch(warn);
}

function setOpen(open: boolean) {
  isOpenWanted = open;
  if (!session || open === isOpen) {
    return;
  }
  isOpen = open;
  draw();
  if (open) {
    lastFocus = doc.activeElement;
    loadChat()
      .then((h) => h.setOpen(isOpen))
      .catch(warn);
  } else {
    handle?.setOpen(false);
    // Focus goes back where the visitor was: the launcher, or the page element that opened the chat.
    if (root.activeElement || doc.activeElement === doc.body) {
      const target = (launcher.hidden ? lastFocus : launcher) as HTMLElement | null;
      target?.focus();
    }
  }
  emit(open ? 'open' : 'close');
}

// Page views: the boot records the first one; SPA navigations record the next; durations go by beacon
// (a plain-text JSON body, so no preflight) when the page is hidden or left.
function sendDuration() {
  if (pageView && session) {
    navigator.sendBeacon(
      `${api}/page-views/${pageView.id}/duration?token=${encodeURIComponent(session.visitorToken)}`,
      JSON.stringify({ durationMs: Date.now() - pageView.at }),
    );
  }
}

function navigated() {
  const path = location.pathname + location.search;
  if (!session || path === lastPath) {
    return;
  }
  const referrer = location.origin + lastPath;
  lastPath = path;
  sendDuration();
  pageView = undefined;
  // Frameworks set the new title just after pushState; wait a moment for it.
  setTimeout(() => {
    request<{ id: string }>('POST', '/page-views', page(referrer))
      .then((r) => {
        pageView = { id: r.id, at: Date.now() };
      })
      .catch(warn);
  }, 300);
}

for (const method of ['pushState', 'replaceState'] as const) {
  const original = history[method];
  history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
    original.apply(this, args);
    navigated();
  };
}
addEventListener('popstate', navigated);
addEventListener('pagehide', sendDuration);
doc.addEventListener('visibilitychange', () => doc.visibilityState === 'hidden' && sendDuration());

// Within the API's limits: a page with a huge URL or title must still boot.
const page = (referrer: string) => ({
  url: location.href.slice(0, 2000),
  title: doc.title.slice(0, 500),
  referrer: referrer.slice(0, 2000),
});

async function start(): Promise<void> {
  const r = await request<BootResponse>('POST', '/boot', {
    widgetKey: key,
    visitorToken: storage(tokenKey()) || undefined,
    page: page(doc.referrer),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    language: navigator.language,
  });
  session = r;
  storage(tokenKey(), r.visitorToken);
  pageView = { id: r.pageViewId, at: Date.now() };
  lastPath = location.pathname + location.search;
  emit('ready');
  setUnread(r.conversations.reduce((n, c) => n + c.unread, 0));
  sessionChanged();
  // `Parley.open()` called before the boot finished.
  isOpenWanted && setOpen(true);
}

const bridge: ChatBridge = {
  host,
  get widgetKey() {
    return key;
  },
  root,
  session: () => session!,
  request,
  setOpen,
  setUnread,
  emit,
};

const sdk = {
  boot(opts: BootOptions) {
    isHidden = !!opts.hideLauncher;
    if (opts.widgetKey !== key || !whenBooted) {
      key = opts.widgetKey;
      whenBooted = start();
      whenBooted.catch(warn);
      onFirstBoot();
    }
    session && draw();
  },
  identify: (input: IdentifyInput) =>
    firstBoot
      .then(() => whenBooted)
      .then(() => request<IdentifyResponse>('POST', '/identify', input))
      .then((r) => {
        // A refusal (identity verification) rejects the returned promise, which the browser reports.
        Object.assign(session!, r);
        sessionChanged();
      }),
  open: () => setOpen(true),
  close: () => setOpen(false),
  toggle: () => setOpen(!isOpen),
  show() {
    isHidden = false;
    session && draw();
  },
  hide() {
    setOpen(false);
    isHidden = true;
    session && draw();
  },
  on(event: string, fn: Listener) {
    listeners[event] = [...(listeners[event] || []), fn];
    if (event === 'ready' && session) {
      setTimeout(fn);
    }
    return () => {
      listeners[event] = listeners[event]!.filter((f) => f !== fn);
    };
  },
  reset() {
    setOpen(false);
    sendDuration();
    const previous = whenBooted;
    whenBooted = (previous || Promise.resolve())
      .then(() => session && request('POST', '/reset'))
      .catch(warn)
      .then(() => {
        storage(tokenKey(), null);
        session = undefined;
        pageView = undefined;
        return start();
      });
    whenBooted.catch(warn);
  },
  // Calls queued as `Parley.push(['open'])` keep working after the loader has replaced the stub.
  push: (call: Call) => run(call),
};

// Queued calls have no caller to catch a refusal (e.g. a wrong userHash): report it, never throw.
function run([method, ...args]: Call) {
  const fn = (sdk as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>)[method];
  (fn?.(...args) as Promise<unknown> | undefined)?.catch?.(warn);
}

// Boot from the script tag first unless the page queued its own boot, then run the queued calls.
const queued: Call[] = Array.isArray(w.Parley) ? w.Parley : [];
const dataKey = script?.getAttribute('data-parley');
w.Parley = sdk;
if (dataKey && !queued.some((call) => call[0] === 'boot')) {
  sdk.boot({ widgetKey: dataKey });
}
queued.forEach(run);
