import { t } from '../../services/i18n';

/**
 * The Web Chat page. Everything it loads comes from this server: the page itself, Web Chat's bundle
 * (fetched and hash-checked at install), and the local Direct Line channel. No CDN at run time.
 * Language: ?lang=en-US|zh-CN, else the last choice, else the browser's language, else Chinese.
 * With `tokenUrl` (production: DIRECT_LINE_SECRET set) it talks to Azure's Direct Line with a token from that
 * route instead (the user id comes from the server, signed, and is kept for the next visit).
 */
export function webChatPage(options: { tokenUrl?: string } = {}): string {
  const zhName = t('zh-CN', 'poolName');
  const enName = t('en-US', 'poolName');
  const zhAssistant = t('zh-CN', 'assistantName');
  const enAssistant = t('en-US', 'assistantName');
  // The page's words as data (a JSON block runs nothing): the Content-Security-Policy allows no inline script.
  const text = JSON.stringify({
    'zh-CN': { title: zhAssistant, subtitle: zhName, problem: '无法连接到助手，请刷新页面重试。' },
    'en-US': { title: enAssistant, subtitle: enName, problem: 'Cannot reach the assistant. Please reload the page.' },
    tokenUrl: options.tokenUrl ?? null,
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${zhAssistant} · ${zhName}</title>
<style>
  html, body { height: 100%; margin: 0; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: #f3f5f8; }
  body { display: flex; flex-direction: column; }
  header { display: flex; align-items: center; justify-content: space-between; padding: 10px 18px; background: #b4261a; color: #fff; }
  header h1 { font-size: 17px; margin: 0; font-weight: 600; }
  header small { display: block; font-size: 12px; opacity: .85; }
  nav button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 4px; padding: 4px 10px; cursor: pointer; margin-left: 6px; }
  nav button[aria-pressed="true"] { background: #fff; color: #b4261a; }
  main { flex: 1; min-height: 0; max-width: 900px; width: 100%; margin: 0 auto; background: #fff; }
  #webchat { height: 100%; }
  #problem { padding: 24px; color: #b4261a; }
</style>
</head>
<body>
<header>
  <div><h1 id="title">${zhAssistant}</h1><small id="subtitle">${zhName}</small></div>
  <nav><button id="lang-zh" type="button">中文</button><button id="lang-en" type="button">English</button></nav>
</header>
<main><div id="webchat" role="main"></div></main>
<script id="page-text" type="application/json">${text}</script>
<script src="/webchat/webchat.js"></script>
<script src="/webchat/page.js"></script>
</body>
</html>`;
}

/** The page's own script, served from this origin (/webchat/page.js) so the CSP can forbid inline script. */
export const WEB_CHAT_PAGE_SCRIPT = `"use strict";
(function () {
  var TEXT = JSON.parse(document.getElementById('page-text').textContent);
  function pickLocale() {
    var asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'en-US' || asked === 'zh-CN') { localStorage.setItem('pool.lang', asked); return asked; }
    var saved = localStorage.getItem('pool.lang');
    if (saved === 'en-US' || saved === 'zh-CN') return saved;
    return /^en/i.test(navigator.language || '') ? 'en-US' : 'zh-CN';
  }
  var locale = pickLocale();
  var text = TEXT[locale];
  document.documentElement.lang = locale;
  document.title = text.title + ' · ' + text.subtitle;
  document.getElementById('title').textContent = text.title;
  document.getElementById('subtitle').textContent = text.subtitle;
  ['zh-CN', 'en-US'].forEach(function (l) {
    var button = document.getElementById(l === 'zh-CN' ? 'lang-zh' : 'lang-en');
    button.setAttribute('aria-pressed', String(l === locale));
    button.onclick = function () { location.search = '?lang=' + l; };
  });
  function fail() { document.getElementById('webchat').innerHTML = '<p id="problem"></p>'; document.getElementById('problem').textContent = text.problem; }
  if (!window.WebChat) { fail(); return; }

  // One identity per browser, so the bot recognises the same person across visits.
  // Production (DIRECT_LINE_SECRET set): Azure's Direct Line, with a token and a signed user id from our server.
  // Local: the channel hands out a secret the first time and derives the user id from it; the page keeps the
  // secret and never chooses an id.
  function asJson(r) { if (!r.ok) throw new Error(r.status); return r.json(); }
  function connect() {
    if (TEXT.tokenUrl) {
      var kept = JSON.parse(localStorage.getItem('pool.dlUser') || '{}');
      return fetch(TEXT.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: kept.userId, userSignature: kept.userSignature }) })
        .then(asJson)
        .then(function (g) {
          localStorage.setItem('pool.dlUser', JSON.stringify({ userId: g.userId, userSignature: g.userSignature }));
          return { userId: g.userId, directLine: { token: g.token, domain: g.domain } };
        });
    }
    var secret = localStorage.getItem('pool.userSecret');
    return fetch('/v3/directline/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(secret ? { userSecret: secret } : {}) })
      .then(function (r) { if (!r.ok) { localStorage.removeItem('pool.userSecret'); throw new Error(r.status); } return r.json(); })
      .then(function (g) {
        localStorage.setItem('pool.userSecret', g.userSecret);
        return { userId: g.user.id, directLine: { token: g.token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 500 } };
      });
  }

  connect()
    .then(function (grant) {
      var store = window.WebChat.createStore({}, function (api) { return function (next) { return function (action) {
        // Tell the bot a person joined, with the page's language, so it greets them at once.
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: locale } } });
        }
        return next(action);
      }; }; });
      window.WebChat.renderWebChat({
        directLine: window.WebChat.createDirectLine(grant.directLine),
        store: store,
        userID: grant.userId,
        locale: locale,
        styleOptions: { botAvatarInitials: locale === 'en-US' ? 'PA' : '助', userAvatarInitials: locale === 'en-US' ? 'Me' : '我', accent: '#b4261a' }
      }, document.getElementById('webchat'));
      document.querySelector('#webchat').focus();
    })
    .catch(fail);
})();
`;

/**
 * The page's security headers (finding 9): scripts only from this origin and none inline; styles inline too
 * (Web Chat injects its own); images from here or data: URLs (remote images in notices are not fetched);
 * framed only by this site and Teams; no sniffing; no referrer sent elsewhere.
 */
export function webChatPageHeaders(directLineEndpoint?: string): Record<string, string> {
  return {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Attachments (uploaded images, the bot's pictures) are shown from Direct Line's own links in production.
    directLineEndpoint ? `img-src 'self' data: blob: ${new URL(directLineEndpoint).origin}` : "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Production Web Chat talks to Azure's Direct Line (its REST endpoint and its WebSocket stream).
    directLineEndpoint ? `connect-src 'self' ${new URL(directLineEndpoint).origin} wss://${new URL(directLineEndpoint).host}` : "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  };
}
