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
<script src="/webchat/webchat.js"></script>
<script>
(function () {
  var TEXT = {
    'zh-CN': { title: ${JSON.stringify(zhAssistant)}, subtitle: ${JSON.stringify(zhName)}, problem: '无法连接到助手，请刷新页面重试。' },
    'en-US': { title: ${JSON.stringify(enAssistant)}, subtitle: ${JSON.stringify(enName)}, problem: 'Cannot reach the assistant. Please reload the page.' }
  };
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

  // One id per browser, so the bot recognises the same person across visits.
  var TOKEN_URL = ${JSON.stringify(options.tokenUrl ?? null)};
  function asJson(r) { if (!r.ok) throw new Error(r.status); return r.json(); }
  function connect() {
    if (TOKEN_URL) {
      var kept = JSON.parse(localStorage.getItem('pool.dlUser') || '{}');
      return fetch(TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: kept.userId, userSignature: kept.userSignature }) })
        .then(asJson)
        .then(function (g) {
          localStorage.setItem('pool.dlUser', JSON.stringify({ userId: g.userId, userSignature: g.userSignature }));
          return { userId: g.userId, directLine: { token: g.token, domain: g.domain } };
        });
    }
    var userId = localStorage.getItem('pool.userId');
    if (!userId) { userId = 'web-' + Math.random().toString(36).slice(2, 12); localStorage.setItem('pool.userId', userId); }
    return fetch('/v3/directline/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { id: userId } }) })
      .then(asJson)
      .then(function (g) { return { userId: userId, directLine: { token: g.token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 500 } }; });
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
</script>
</body>
</html>`;
}
