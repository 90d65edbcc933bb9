// The staff console. Served by the bot under a strict CSP (default-src 'self'): no inline script, no
// outside origin. Everything staff or enterprises wrote is put on the page with textContent, never as HTML.
'use strict';
(function () {
  // The tab's storage: sessionStorage, or this page's memory where the browser refuses storage to a framed
  // page of another site (a Teams tab, with third-party storage blocked) — reading it would throw.
  var kept = {};
  var store = (function () {
    try { window.sessionStorage.getItem('probe'); return window.sessionStorage; } catch {
      return { getItem: function (k) { return k in kept ? kept[k] : null; }, setItem: function (k, v) { kept[k] = String(v); }, removeItem: function (k) { delete kept[k]; } };
    }
  })();
  var TOKEN_KEY = 'staffToken';
  var LANG_KEY = 'staffLang';
  var lang = store.getItem(LANG_KEY) || 'zh-CN';
  var S = {};
  var me = null;

  function $(id) { return document.getElementById(id); }
  function t(key, params) {
    var s = S[key] || key;
    return s.replace(/\{(\w+)\}/g, function (w, n) { return params && n in params ? String(params[n]) : w; });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function token() { return store.getItem(TOKEN_KEY); }

  // How the current sign-in gets a fresh token when the server says the one it has expired (401): in the
  // Teams tab, TeamsJS getAuthToken (Teams renews it silently); elsewhere nothing, and the person is asked
  // to sign in again.
  var renew = null;
  var renewing = null;
  /** One renewal for all the calls refused at the same moment. */
  function renewOnce() {
    if (!renewing) renewing = renew().then(function () { renewing = null; }, function (err) { renewing = null; throw err; });
    return renewing;
  }
  function api(path, options, renewed) {
    options = options || {};
    var headers = Object.assign({}, options.headers || {});
    if (token()) headers.authorization = 'Bearer ' + token();
    var body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    return fetch(path, { method: options.method || 'GET', headers: headers, body: body }).then(function (res) {
      if (res.status === 401 && renew && !renewed) {
        // Once, silently: a fresh token, then the same request again.
        return renewOnce().then(function () { return api(path, options, true); }, function () { return failed(res, path); });
      }
      if (options.raw && res.ok) return res;
      return res.ok ? res.text().then(parsed) : failed(res, path);
    });
  }
  function parsed(text) {
    try { return text ? JSON.parse(text) : null; } catch { return null; }
  }
  function failed(res, path) {
    return res.text().then(function (text) {
      var body = parsed(text);
      var err = new Error(body && body.error ? body.error.message : res.status + ' ' + res.statusText);
      err.status = res.status; err.body = body;
      // The sign-in ran out (and could not be renewed): back to the sign-in, saying why.
      if (res.status === 401 && path !== '/staff/api/me' && me) { signOut(); showError('signin-error', new Error(t('console_sessionExpired'))); }
      throw err;
    });
  }
  function showError(id, err) { $(id).className = 'error'; $(id).textContent = err ? (err.message || String(err)) : ''; }
  /** A success line in the place errors go (read out by screen readers as well: role=alert). */
  function say(id, text) { $(id).className = 'ok'; $(id).textContent = text; }

  /** Downloads an export with the bearer token (a plain link could not carry it). */
  function download(path, filename) {
    return api(path, { raw: true }).then(function (res) { return res.blob(); }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob); a.download = filename;
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
  }

  // ---- language
  function loadStrings() {
    return fetch('/staff/strings.json?lang=' + encodeURIComponent(lang)).then(function (r) { return r.json(); }).then(function (strings) {
      S = strings;
      document.documentElement.lang = lang;
      document.querySelectorAll('[data-i18n]').forEach(function (node) { node.textContent = t(node.getAttribute('data-i18n')); });
      document.title = t('console_title');
      $('lang').textContent = lang === 'zh-CN' ? 'English' : '中文';
      $('lang').lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
      if (me) showMe();
      document.dispatchEvent(new Event('staff:lang'));
    });
  }
  $('lang').addEventListener('click', function () {
    lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
    store.setItem(LANG_KEY, lang);
    loadStrings();
  });

  // ---- tabs (arrow keys move between them, as the ARIA tabs pattern has it)
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role=tab]'));
  function selectTab(tab, quiet) {
    tabs.forEach(function (t2) {
      var on = t2 === tab;
      t2.setAttribute('aria-selected', String(on));
      t2.tabIndex = on ? 0 : -1;
      $(t2.getAttribute('aria-controls')).hidden = !on;
    });
    if (!quiet) tab.focus();
    document.dispatchEvent(new CustomEvent('staff:tab', { detail: tab.id }));
  }
  tabs.forEach(function (tab) {
    tab.addEventListener('click', function () { selectTab(tab); });
    tab.addEventListener('keydown', function (e) {
      var shown = tabs.filter(function (t2) { return !t2.hidden; });
      var i = shown.indexOf(tab);
      if (e.key === 'ArrowRight') selectTab(shown[(i + 1) % shown.length]);
      else if (e.key === 'ArrowLeft') selectTab(shown[(i + shown.length - 1) % shown.length]);
      else if (e.key === 'Home') selectTab(shown[0]);
      else if (e.key === 'End') selectTab(shown[shown.length - 1]);
    });
  });

  // ---- sign-in
  var allowed = [];
  /** Whether the signed-in person may do `action` (the server's own table, from /staff/api/me). */
  function can(action) { return allowed.indexOf(action) >= 0; }
  function showMe() {
    $('who').textContent = me.name + ' · ' + t('console_role_' + me.role) + ' · ' + (me.city ? t('console_scopeCity', { city: me.city }) : t('console_scopeProvince'));
  }
  // Only what the person may use is on the page: each tab or control names the action it needs (data-needs).
  function showAllowed() {
    document.querySelectorAll('[data-needs]').forEach(function (node) { node.hidden = !can(node.getAttribute('data-needs')); });
    var shown = tabs.filter(function (tab) { return !tab.hidden; });
    if (shown.indexOf(tabs.filter(function (tab) { return tab.getAttribute('aria-selected') === 'true'; })[0]) < 0) selectTab(shown[0], true);
    tabs.forEach(function (tab) { if (tab.hidden) $(tab.getAttribute('aria-controls')).hidden = true; });
  }
  function signedIn(body) {
    me = body.identity;
    allowed = body.allowed || [];
    showMe();
    showAllowed();
    $('signin').hidden = true; $('app').hidden = false; $('sign-out').hidden = false;
    document.body.setAttribute('data-role', me.role);
    document.body.setAttribute('data-scope', me.city || 'province');
    document.dispatchEvent(new Event('staff:signed-in'));
  }
  function signOut() {
    store.removeItem(TOKEN_KEY);
    me = null; allowed = []; renew = null;
    $('who').textContent = '';
    $('signin').hidden = false; $('app').hidden = true; $('sign-out').hidden = true;
  }
  function checkToken() {
    return api('/staff/api/me', { method: 'POST' }).then(signedIn, function (err) {
      store.removeItem(TOKEN_KEY);
      showError('signin-error', err);
    });
  }
  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    showError('signin-error', null);
    store.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    checkToken();
  });
  $('sign-out').addEventListener('click', signOut);

  // Microsoft Entra ID: the page navigates to the tenant's authorize endpoint and gets an ID token back in
  // the URL fragment (navigation, not fetch, so the CSP's connect-src 'self' holds); the server validates it.
  var config = null;
  $('oidc-signin').addEventListener('click', function () {
    var nonce = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return b.toString(16); }).join('');
    store.setItem('staffNonce', nonce);
    var q = new URLSearchParams({ client_id: config.oidc.clientId, response_type: 'id_token', response_mode: 'fragment', scope: 'openid profile', redirect_uri: location.origin + '/staff', nonce: nonce, state: nonce });
    location.assign(config.oidc.authorizeUrl + '?' + q.toString());
  });
  function fromFragment() {
    var hash = new URLSearchParams(location.hash.slice(1));
    var idToken = hash.get('id_token');
    if (!idToken) return false;
    history.replaceState(null, '', location.pathname);
    var nonce = store.getItem('staffNonce');
    store.removeItem('staffNonce');
    if (!nonce || hash.get('state') !== nonce) return false;
    // The token must answer this very sign-in (its nonce), not be one replayed from elsewhere.
    try {
      var bytes = atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'));
      var claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(bytes, function (c) { return c.charCodeAt(0); })));
      if (claims.nonce !== nonce) return false;
    } catch { return false; }
    store.setItem(TOKEN_KEY, idToken);
    return true;
  }

  window.staff = { api: api, t: t, el: el, clear: clear, $: $, download: download, showError: showError, say: say, can: can, me: function () { return me; }, lang: function () { return lang; } };

  // Inside Teams (the static tab is an iframe, opened as /staff?inTeams=1) the Entra sign-in page cannot be
  // framed: Teams' single sign-on hands the tab a token for our app instead (TeamsJS getAuthToken), which the
  // server validates like any other. TeamsJS is this server's copy, loaded only there. Anywhere else, or when
  // Teams does not answer, the ordinary sign-in stays.
  function inTeamsFrame() {
    return window.parent !== window && new URLSearchParams(location.search).get('inTeams') === '1';
  }
  function teamsSignIn() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = '/staff/assets/teams.js';
      script.onload = resolve; script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      var teams = window.microsoftTeams;
      var slow = new Promise(function (_, reject) { setTimeout(function () { reject(new Error('Teams did not answer')); }, 8000); });
      var fresh = function () {
        return teams.authentication.getAuthToken().then(function (teamsToken) { store.setItem(TOKEN_KEY, teamsToken); });
      };
      return Promise.race([teams.app.initialize(), slow]).then(function () {
        // Teams' language, unless the person chose one here.
        return store.getItem(LANG_KEY) ? null : teams.app.getContext().then(function (context) {
          var teamsLocale = String((context.app && context.app.locale) || '').toLowerCase();
          var wanted = /^zh/.test(teamsLocale) ? 'zh-CN' : teamsLocale ? 'en-US' : lang;
          if (wanted !== lang) { lang = wanted; return loadStrings(); }
        }, function () { return null; });
      }).then(fresh).then(function () {
        renew = fresh;
        document.body.setAttribute('data-signin', 'teams');
        return checkToken();
      });
    });
  }
  loadStrings().then(function () { return fetch('/staff/api/config').then(function (r) { return r.json(); }); }).then(function (c) {
    config = c;
    $('oidc-signin').hidden = !c.oidc;
    $('token-form').hidden = !c.token;
    // In the tab a fresh Teams token each time (Teams renews it; a kept one may have expired).
    if (c.teams && inTeamsFrame()) {
      return teamsSignIn().catch(function (err) { showError('signin-error', new Error(t('console_teamsSignInFailed') + ' ' + (err && err.message ? err.message : ''))); });
    }
    if (fromFragment() || token()) return checkToken();
  });
})();

// ---- imports: upload → the check (refused rows with row numbers) → import, all or nothing by default
(function () {
  var s = window.staff;
  var $ = s.$;
  var current = null;
  var XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  // Each reason by the column's Chinese header (the file's own words), said in the console's language.
  function reasons(r) {
    var en = s.lang() === 'en-US';
    return (r.reasons || []).map(function (x) { return (x.column ? x.column + ': ' : '') + (en ? x.en : x.zh); }).join(en ? '; ' : '；');
  }
  document.addEventListener('staff:lang', function () { if (current) showCheck(current); });
  function showCheck(job) {
    current = job;
    var body = $('imp-rejected').querySelector('tbody');
    s.clear(body);
    job.rejected.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.appendChild(s.el('td', (r.sheet ? r.sheet + ' · ' : '') + r.row));
      tr.appendChild(s.el('td', reasons(r)));
      body.appendChild(tr);
    });
    $('imp-rejected').hidden = job.rejected.length === 0;
    var text = s.t('console_importChecked', { total: job.total, valid: job.valid, rejected: job.rejected.length });
    if (job.state === 'refused') text = s.t('console_importRefused');
    if (job.state === 'done' && job.result) text = s.t('console_importDone', { imported: job.result.imported, rejected: job.result.rejected });
    $('imp-summary').textContent = text;
    $('imp-go').disabled = job.state !== 'checked' || job.valid === 0;
    $('imp-progress').hidden = job.state !== 'importing';
    $('imp-progress').max = Math.max(1, job.valid);
    $('imp-progress').value = job.written || 0;
  }

  $('import-form').addEventListener('submit', function (e) {
    e.preventDefault();
    s.showError('imp-error', null);
    var file = $('imp-file').files[0];
    if (!file) return;
    var type = /\.csv$/i.test(file.name) ? 'text/csv' : XLSX_TYPE;
    file.arrayBuffer().then(function (bytes) {
      return s.api('/staff/api/imports?kind=' + $('imp-kind').value + '&name=' + encodeURIComponent(file.name), { method: 'POST', headers: { 'content-type': type }, body: bytes });
    }).then(showCheck, function (err) { s.showError('imp-error', err); });
  });

  function poll(id) {
    s.api('/staff/api/imports/' + id).then(function (job) {
      showCheck(job);
      if (job.state === 'importing') setTimeout(function () { poll(id); }, 500);
    }, function (err) { s.showError('imp-error', err); });
  }
  $('imp-go').addEventListener('click', function () {
    if (!current) return;
    $('imp-go').disabled = true;
    s.api('/staff/api/imports/' + current.id + '/commit', { method: 'POST', json: { allOrNothing: $('imp-atomic').checked } }).then(function (job) {
      showCheck(job);
      if (job.state === 'importing') poll(job.id);
    }, function (err) { s.showError('imp-error', err); });
  });
})();

// ---- submissions: the queue (overdue first), one submission's fields, review, answer or reject
(function () {
  var s = window.staff;
  var $ = s.$;
  var open = null;
  var FIELD_ORDER = ['target', 'review', 'expert', 'kind', 'since', 'detail', 'reason', 'organisation', 'contact', 'phone', 'evidence'];

  function when(iso) { return iso ? new Date(iso).toLocaleString(s.lang(), { timeZone: 'Asia/Shanghai' }) : ''; }
  function query() {
    var q = new URLSearchParams();
    if ($('sub-type').value) q.set('type', $('sub-type').value);
    if ($('sub-state').value) q.set('state', $('sub-state').value);
    return q;
  }
  function load() {
    s.api('/staff/api/submissions?' + query().toString()).then(function (body) {
      var tbody = $('sub-table').querySelector('tbody');
      s.clear(tbody);
      if (!body.submissions.length) {
        var empty = document.createElement('tr');
        var td = s.el('td', s.t('console_noRows')); td.colSpan = 7;
        empty.appendChild(td); tbody.appendChild(empty);
      }
      body.submissions.forEach(function (item) {
        var tr = document.createElement('tr');
        if (item.overdue) tr.className = 'overdue';
        tr.appendChild(s.el('td', item.submission.receiptNo));
        tr.appendChild(s.el('td', s.t('console_type_' + item.submission.type)));
        tr.appendChild(s.el('td', item.city || '—'));
        tr.appendChild(s.el('td', when(item.submission.createdAt)));
        var state = s.el('td', s.t('console_state_' + item.state));
        if (item.overdue) { state.appendChild(document.createTextNode(' ')); state.appendChild(s.el('span', s.t('console_overdue', { due: when(item.due) }), 'badge overdue')); }
        tr.appendChild(state);
        tr.appendChild(s.el('td', item.assignee || ''));
        var cell = document.createElement('td');
        var button = s.el('button', s.t('console_open'));
        button.type = 'button';
        button.addEventListener('click', function () { show(item); });
        cell.appendChild(button); tr.appendChild(cell);
        tbody.appendChild(tr);
      });
    });
  }
  function show(item) {
    open = item;
    $('sub-detail').hidden = false;
    $('sd-title').textContent = s.t('console_type_' + item.submission.type) + ' ' + item.submission.receiptNo + ' · ' + s.t('console_state_' + item.state);
    var dl = $('sd-fields');
    s.clear(dl);
    var fields = item.submission.fields;
    FIELD_ORDER.concat(Object.keys(fields).filter(function (k) { return FIELD_ORDER.indexOf(k) < 0; })).forEach(function (key) {
      if (!fields[key]) return;
      dl.appendChild(s.el('dt', s.t('field_' + key)));
      dl.appendChild(s.el('dd', fields[key]));
    });
    (item.submission.evidence || []).forEach(function (file) {
      dl.appendChild(s.el('dt', s.t('field_evidence')));
      var dd = s.el('dd', file.name + ' (' + file.contentType + (typeof file.size === 'number' ? ', ' + Math.max(1, Math.round(file.size / 1024)) + ' KB' : '') + ')');
      if (file.download) {
        // Through the console's own route, with the sign-in (a plain link could not carry the token).
        var get = s.el('button', s.t('console_download'));
        get.type = 'button';
        get.addEventListener('click', function () { s.download(file.download, file.name).catch(function (err) { s.showError('sd-error', err); }); });
        dd.appendChild(document.createTextNode(' ')); dd.appendChild(get);
      }
      dl.appendChild(dd);
    });
    if (item.due) { dl.appendChild(s.el('dt', s.t('console_settleBy'))); dl.appendChild(s.el('dd', s.t(item.overdue ? 'console_overdue' : 'console_due', { due: when(item.due) }))); }
    $('sd-assignee').value = item.assignee || '';
    $('sd-reply').value = item.reply || '';
    var settled = item.state === 'answered' || item.state === 'rejected';
    ['sd-review', 'sd-answer', 'sd-reject'].forEach(function (id) { $(id).disabled = settled; });
    s.showError('sd-error', null);
    $('sd-reply').focus();
  }
  function act(path, body, done) {
    s.showError('sd-error', null);
    s.api('/staff/api/submissions/' + encodeURIComponent(open.submission.receiptNo) + path, { method: 'POST', json: body }).then(function (item) {
      show(item);
      if (done) s.say('sd-error', done(item));
      load();
    }, function (err) { s.showError('sd-error', err); });
  }
  function answered(item) { return item.delivered ? s.t('console_replySent', { id: item.replyNoticeId }) : s.t('console_replyNotSent'); }
  $('sd-review').addEventListener('click', function () { act('/review', { assignee: $('sd-assignee').value }); });
  $('sd-answer').addEventListener('click', function () { act('/answer', { outcome: 'answered', reply: $('sd-reply').value, assignee: $('sd-assignee').value }, answered); });
  $('sd-reject').addEventListener('click', function () { act('/answer', { outcome: 'rejected', reply: $('sd-reply').value, assignee: $('sd-assignee').value }, answered); });
  $('sub-refresh').addEventListener('click', load);
  $('sub-type').addEventListener('change', load);
  $('sub-state').addEventListener('change', load);
  $('sub-csv').addEventListener('click', function () { s.download('/staff/api/submissions?format=csv&' + query().toString(), 'submissions.csv'); });
  document.addEventListener('staff:tab', function (e) { if (e.detail === 'tab-submissions') load(); });
})();

// ---- notices: compose with a live card preview, count the audience, send or schedule; watch one notice
(function () {
  var s = window.staff;
  var $ = s.$;
  var form = $('notice-form');
  var previews = null;
  var previewLang = 'zh-CN';
  var watching = null;
  var samples = [];
  var cursor = { stack: [], after: '' };

  // datetime-local is Beijing time whatever the browser's zone: staff schedule in Asia/Shanghai.
  function beijing(value) { return value ? value + ':00+08:00' : undefined; }
  function text(zh, en) { return en ? { zh: zh, en: en } : zh; }
  function lines(v) { return v.split('\n').map(function (l) { return l.trim(); }).filter(Boolean); }

  function input() {
    var kind = $('n-kind').value;
    var audienceType = $('n-audience').value;
    var n = { kind: kind, title: text($('n-title-zh').value.trim(), $('n-title-en').value.trim()), text: text($('n-text-zh').value.trim(), $('n-text-en').value.trim()) };
    if (kind === 'call') n.deadline = beijing($('n-deadline').value);
    if (kind === 'event') n.event = { at: beijing($('n-event-at').value), place: $('n-event-place').value.trim() };
    if (kind === 'publicity') {
      n.period = { start: beijing($('n-period-start').value), end: beijing($('n-period-end').value) };
      n.list = lines($('n-list').value).map(function (l) { var p = l.split(/[,，]/); return { creditCode: (p[0] || '').trim(), name: (p[1] || '').trim(), process: (p[2] || 'recognition').trim() }; });
    }
    if ($('n-link').value.trim()) n.link = $('n-link').value.trim();
    var audience = { type: audienceType };
    if (audienceType === 'enterprises') {
      audience.filter = {};
      if ($('n-city').value.trim()) audience.filter.city = $('n-city').value.trim().replace(/市$/, '');
      if ($('n-rating').value) audience.filter.rating = $('n-rating').value;
      if ($('n-process').value) audience.filter.process = $('n-process').value;
    }
    if (audienceType === 'conversations') audience.ids = lines($('n-ids').value);
    n.audience = audience;
    if ($('n-send-at').value) n.sendAt = beijing($('n-send-at').value);
    return n;
  }
  function problems(err) { return err.body && err.body.error && err.body.error.details ? err.message + '\n' + err.body.error.details.join('\n') : err.message; }

  function sync() {
    form.setAttribute('data-kind', $('n-kind').value);
    form.setAttribute('data-audience', $('n-audience').value);
  }
  $('n-kind').addEventListener('change', sync);
  $('n-audience').addEventListener('change', function () { sync(); $('n-count-out').textContent = ''; });
  sync();

  // A readable rendering of the Adaptive Card the sender will send: TextBlock, FactSet, ActionSet/actions.
  function renderCard(card, into) {
    s.clear(into);
    if (!card) { into.appendChild(s.el('p', s.t('console_previewEmpty'), 'tb-subtle')); return; }
    (card.body || []).forEach(function (item) { renderElement(item, into); });
    var actions = (card.actions || []);
    if (actions.length) {
      var row = s.el('div', null, 'actions');
      actions.forEach(function (a) { var b = s.el('button', a.title); b.type = 'button'; b.disabled = true; if (a.url) b.title = a.url; row.appendChild(b); });
      into.appendChild(row);
    }
  }
  function renderElement(item, into) {
    if (item.type === 'TextBlock') {
      var cls = [item.size === 'Medium' || item.size === 'Large' ? 'tb-large' : '', item.weight === 'Bolder' ? 'tb-bolder' : '', item.isSubtle ? 'tb-subtle' : ''].join(' ').trim();
      var p = s.el('p', item.text, cls);
      p.style.whiteSpace = 'pre-wrap';
      into.appendChild(p);
    } else if (item.type === 'FactSet') {
      var dl = document.createElement('dl');
      (item.facts || []).forEach(function (f) { dl.appendChild(s.el('dt', f.title)); dl.appendChild(s.el('dd', f.value)); });
      into.appendChild(dl);
    } else if (item.type === 'ActionSet') {
      renderCard({ actions: item.actions }, into);
    } else if (item.type === 'Container' || item.type === 'Column') {
      (item.items || []).forEach(function (i) { renderElement(i, into); });
    } else if (item.type === 'ColumnSet') {
      (item.columns || []).forEach(function (c) { renderElement(c, into); });
    }
  }
  function showPreview() { renderCard(previews ? previews[previewLang].card : null, $('preview')); }
  function preview() {
    s.showError('n-error', null);
    return s.api('/staff/api/notices/preview', { method: 'POST', json: input() }).then(function (body) { previews = body; showPreview(); }, function (err) { s.showError('n-error', { message: problems(err) }); });
  }
  $('n-preview').addEventListener('click', preview);
  // Live: the preview follows the typing (debounced), once it has been asked for once.
  var typing = null;
  form.addEventListener('input', function () { if (!previews) return; clearTimeout(typing); typing = setTimeout(preview, 400); });
  ['pv-zh', 'pv-en'].forEach(function (id) {
    $(id).addEventListener('click', function () {
      previewLang = id === 'pv-zh' ? 'zh-CN' : 'en-US';
      $('pv-zh').setAttribute('aria-pressed', String(previewLang === 'zh-CN'));
      $('pv-en').setAttribute('aria-pressed', String(previewLang === 'en-US'));
      showPreview();
    });
  });
  showPreview();

  $('n-count').addEventListener('click', function () {
    s.showError('n-error', null);
    s.api('/staff/api/notices/count', { method: 'POST', json: input() }).then(function (body) {
      var narrowed = body.audience && body.audience.filter && body.audience.filter.city;
      $('n-count-out').textContent = s.t('console_countResult', { count: body.conversations }) + (narrowed ? ' ' + s.t('console_countNarrowed', { city: narrowed }) : '');
    }, function (err) { s.showError('n-error', { message: problems(err) }); });
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    s.showError('n-error', null);
    var body = input();
    body.sendNow = !body.sendAt;
    s.api('/staff/api/notices', { method: 'POST', json: body }).then(function (created) {
      s.say('n-error', s.t('console_created', { id: created.id }));
      loadList();
      watch(created.id);
    }, function (err) { s.showError('n-error', { message: problems(err) }); });
  });

  function when(iso) { return iso ? new Date(iso).toLocaleString(s.lang(), { timeZone: 'Asia/Shanghai' }) : ''; }
  function loadList() {
    s.api('/staff/api/notices').then(function (body) {
      var tbody = $('notices-table').querySelector('tbody');
      s.clear(tbody);
      body.notices.forEach(function (n) {
        var tr = document.createElement('tr');
        tr.appendChild(s.el('td', n.title.zh));
        tr.appendChild(s.el('td', s.t('console_kind_' + n.kind)));
        tr.appendChild(s.el('td', s.t('console_status_' + ((n.rounds && n.rounds.main && n.rounds.main.status) || 'draft'))));
        tr.appendChild(s.el('td', when(n.sendAt)));
        var td = document.createElement('td');
        var b = s.el('button', s.t('console_open')); b.type = 'button';
        b.addEventListener('click', function () { watch(n.id); });
        td.appendChild(b); tr.appendChild(td);
        tbody.appendChild(tr);
      });
    });
  }
  $('notices-refresh').addEventListener('click', loadList);

  // ---- one notice: bars, rate over time, ETA; polled while it is being sent
  var BARS = ['sent', 'failed', 'undeliverable', 'pending', 'cancelled'];
  function watch(id) {
    watching = id; samples = []; cursor = { stack: [], after: '' };
    $('notice-detail').hidden = false;
    poll(id);
    loadPage();
  }
  function poll(id) {
    if (watching !== id) return;
    s.api('/staff/api/notices/' + encodeURIComponent(id)).then(function (report) {
      if (watching !== id) return;
      showReport(report);
      var live = report.status === 'preparing' || report.status === 'sending' || report.status === 'scheduled';
      if (live) setTimeout(function () { poll(id); }, report.status === 'scheduled' ? 5000 : 1000);
      else { loadPage(); loadList(); }
    }, function (err) { s.showError('nd-error', err); });
  }
  function showReport(r) {
    $('nd-title').textContent = r.title + ' · ' + r.id;
    $('nd-status').textContent = s.t('console_status_' + r.status);
    var c = r.counts;
    var bars = $('nd-bars');
    s.clear(bars);
    BARS.forEach(function (key) {
      var value = c[key] || 0;
      var pct = c.total ? Math.round((value / c.total) * 1000) / 10 : 0;
      var bar = s.el('div', null, 'bar ' + key);
      bar.appendChild(s.el('span', s.t('console_bar_' + key) + ' ' + value + ' / ' + c.total + ' (' + pct + '%)'));
      var track = s.el('div', null, 'track');
      track.setAttribute('role', 'progressbar');
      track.setAttribute('aria-label', s.t('console_bar_' + key));
      track.setAttribute('aria-valuemin', '0'); track.setAttribute('aria-valuemax', String(c.total)); track.setAttribute('aria-valuenow', String(value));
      var fill = s.el('div', null, 'fill');
      fill.style.width = pct + '%';
      track.appendChild(fill); bar.appendChild(track); bars.appendChild(bar);
    });
    var settled = c.sent + c.failed + c.undeliverable;
    samples.push({ at: Date.parse(r.at), settled: settled, sent: c.sent, failed: c.failed, undeliverable: c.undeliverable, pending: c.pending, total: c.total });
    if (samples.length > 120) samples.shift();
    var first = samples[Math.max(0, samples.length - 10)];
    var last = samples[samples.length - 1];
    var rate = last.at > first.at ? (last.settled - first.settled) / ((last.at - first.at) / 1000) : 0;
    var eta = rate > 0 && c.pending > 0 ? Math.ceil(c.pending / rate) : 0;
    $('nd-eta').textContent = (rate > 0 ? s.t('console_rate', { rate: rate.toFixed(1) }) : '') + (eta ? ' · ' + s.t('console_eta', { time: eta >= 60 ? Math.floor(eta / 60) + ' min ' + (eta % 60) + ' s' : eta + ' s' }) : '');
    showThrottling(r.throttling);
    drawChart();
    $('nd-send').disabled = r.status !== 'draft' && r.status !== 'scheduled';
    $('nd-cancel').disabled = ['scheduled', 'preparing', 'sending'].indexOf(r.status) < 0;
    $('nd-retry').disabled = !c.failed;
  }
  // The channel's 429s (none, or an engine that does not count them: nothing is shown), and the sends
  // waiting out a Retry-After now.
  function showThrottling(th) {
    var parts = [];
    if (th && typeof th.throttled === 'number' && th.throttled > 0) parts.push(s.t('console_throttled', { count: th.throttled }));
    if (th && th.waiting > 0) parts.push(s.t('console_throttleWaiting', { count: th.waiting, time: th.until ? when(th.until) : '' }));
    $('nd-throttle').textContent = parts.join(' · ');
    $('nd-throttle').hidden = parts.length === 0;
  }
  // Per second between polls, over the last two minutes: sent, failed and undeliverable as rates (one scale),
  // pending as the share still to go (dashed, its own scale). The same figures are the canvas's text.
  var SERIES = [['sent', '#2e7d32'], ['failed', '#b4261a'], ['undeliverable', '#8a6d00']];
  function drawChart() {
    var canvas = $('nd-chart');
    var ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (samples.length < 2) { canvas.setAttribute('aria-label', ''); return; }
    var rates = { sent: [], failed: [], undeliverable: [] };
    for (var i = 1; i < samples.length; i++) {
      var dt = (samples[i].at - samples[i - 1].at) / 1000;
      SERIES.forEach(function (sr) { rates[sr[0]].push(dt > 0 ? Math.max(0, samples[i][sr[0]] - samples[i - 1][sr[0]]) / dt : 0); });
    }
    var n = samples.length - 1;
    var max = Math.max.apply(null, rates.sent.concat(rates.failed, rates.undeliverable, [1]));
    var x = function (j) { return (j / Math.max(1, n - 1)) * (canvas.width - 10) + 5; };
    var y = function (share) { return canvas.height - 5 - share * (canvas.height - 20); };
    ctx.lineWidth = 2;
    SERIES.forEach(function (sr) {
      ctx.strokeStyle = sr[1]; ctx.beginPath();
      rates[sr[0]].forEach(function (v, j) { if (j === 0) ctx.moveTo(x(j), y(v / max)); else ctx.lineTo(x(j), y(v / max)); });
      ctx.stroke();
    });
    ctx.strokeStyle = '#6b7785'; ctx.setLineDash([4, 3]); ctx.beginPath();
    samples.slice(1).forEach(function (sm, j) { var share = sm.total ? sm.pending / sm.total : 0; if (j === 0) ctx.moveTo(x(j), y(share)); else ctx.lineTo(x(j), y(share)); });
    ctx.stroke(); ctx.setLineDash([]);
    ctx.fillStyle = '#6b7785'; ctx.font = '12px sans-serif';
    ctx.fillText(s.t('console_rate', { rate: max.toFixed(1) }), 5, 12);
    var lastRate = function (key) { return rates[key][n - 1].toFixed(1); };
    canvas.setAttribute('aria-label', s.t('console_chartSummary', { sent: lastRate('sent'), failed: lastRate('failed'), undeliverable: lastRate('undeliverable'), pending: samples[n].pending }));
    canvas.setAttribute('data-peak', max.toFixed(1));
  }

  function loadPage() {
    if (!watching) return;
    var q = new URLSearchParams({ size: '50' });
    if ($('nd-filter').value) q.set('status', $('nd-filter').value);
    if (cursor.after) q.set('after', cursor.after);
    s.api('/staff/api/notices/' + encodeURIComponent(watching) + '/deliveries?' + q.toString()).then(function (page) {
      var tbody = $('nd-table').querySelector('tbody');
      s.clear(tbody);
      page.deliveries.forEach(function (d) {
        var tr = document.createElement('tr');
        tr.appendChild(s.el('td', d.channelId + ' · ' + d.conversationId));
        tr.appendChild(s.el('td', s.t('console_bar_' + d.status)));
        tr.appendChild(s.el('td', d.attempts));
        tr.appendChild(s.el('td', when(d.sentAt)));
        tr.appendChild(s.el('td', d.reason));
        tbody.appendChild(tr);
      });
      cursor.next = page.next || '';
      $('nd-next').disabled = !page.next;
      $('nd-prev').disabled = cursor.stack.length === 0;
      $('nd-page').textContent = s.t('console_pageOf', { page: cursor.stack.length + 1, total: page.deliveries.length });
    }, function (err) { s.showError('nd-error', err); });
  }
  $('nd-next').addEventListener('click', function () { cursor.stack.push(cursor.after); cursor.after = cursor.next; loadPage(); });
  $('nd-prev').addEventListener('click', function () { cursor.after = cursor.stack.pop() || ''; loadPage(); });
  $('nd-filter').addEventListener('change', function () { cursor = { stack: [], after: '' }; loadPage(); });

  function action(path, done) {
    s.showError('nd-error', null);
    s.api('/staff/api/notices/' + encodeURIComponent(watching) + path, { method: 'POST', json: {} }).then(function (body) {
      if (done) done(body);
      poll(watching);
    }, function (err) { s.showError('nd-error', err); });
  }
  $('nd-send').addEventListener('click', function () { action('/send'); });
  $('nd-cancel').addEventListener('click', function () { if (confirm(s.t('console_confirmCancel'))) action('/cancel'); });
  $('nd-retry').addEventListener('click', function () { action('/retry', function (body) { s.say('nd-error', s.t('console_retried', { count: body.conversations })); watch(body.id); }); });
  function exportAs(format) { s.download('/staff/api/notices/' + encodeURIComponent(watching) + '/deliveries?format=' + format + ($('nd-filter').value ? '&status=' + $('nd-filter').value : ''), 'deliveries-' + watching + '.' + format); }
  ['nd-csv', 'nd-xlsx', 'sub-csv', 'au-csv'].forEach(function (id) { $(id).setAttribute('role', 'button'); $(id).tabIndex = 0; $(id).addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $(id).click(); } }); });
  $('nd-csv').addEventListener('click', function () { exportAs('csv'); });
  $('nd-xlsx').addEventListener('click', function () { exportAs('xlsx'); });

  // A city department sends to its own city's enterprises only (the server narrows or refuses anything
  // else): the audience is fixed to that.
  function scopeAudience() {
    var city = s.me() && s.me().city;
    Array.prototype.forEach.call($('n-audience').options, function (o) { o.hidden = Boolean(city) && o.value !== 'enterprises'; o.disabled = o.hidden; });
    if (city) { $('n-audience').value = 'enterprises'; $('n-city').value = city.replace(/市$/, ''); }
    $('n-city').readOnly = Boolean(city);
    sync();
  }
  document.addEventListener('staff:signed-in', function () { scopeAudience(); loadList(); });
  document.addEventListener('staff:lang', function () { showPreview(); });
})();

// ---- audit log (admins)
(function () {
  var s = window.staff;
  var $ = s.$;
  function day() { return $('au-day').value || new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }); }
  function load() {
    s.api('/staff/api/audit?from=' + day()).then(function (body) {
      var tbody = $('au-table').querySelector('tbody');
      s.clear(tbody);
      body.entries.forEach(function (e) {
        var tr = document.createElement('tr');
        tr.appendChild(s.el('td', new Date(e.at).toLocaleString(s.lang(), { timeZone: 'Asia/Shanghai' })));
        tr.appendChild(s.el('td', e.whoName + ' (' + e.role + (e.city ? ' · ' + e.city : '') + ')'));
        tr.appendChild(s.el('td', e.action));
        tr.appendChild(s.el('td', (e.target || '') + (e.details ? ' ' + e.details : '')));
        tbody.appendChild(tr);
      });
    }, function (err) {
      var tbody = $('au-table').querySelector('tbody');
      s.clear(tbody);
      var tr = document.createElement('tr'); var td = s.el('td', err.message); td.colSpan = 4; tr.appendChild(td); tbody.appendChild(tr);
    });
  }
  $('au-refresh').addEventListener('click', load);
  $('au-csv').addEventListener('click', function () { s.download('/staff/api/audit?format=csv&from=' + day(), 'audit-' + day() + '.csv'); });
  document.addEventListener('staff:tab', function (e) { if (e.detail === 'tab-audit') load(); });
})();

// ---- leads (对接) and customer feedback per supplier and year, from the admin API (same sign-in)
(function () {
  var s = window.staff;
  var $ = s.$;
  function when(iso) { return iso ? new Date(iso).toLocaleString(s.lang(), { timeZone: 'Asia/Shanghai' }) : ''; }
  function fill(tableId, rows, cells) {
    var tbody = $(tableId).querySelector('tbody');
    s.clear(tbody);
    if (!rows.length) { var tr0 = document.createElement('tr'); var td = s.el('td', s.t('console_noRows')); td.colSpan = 6; tr0.appendChild(td); tbody.appendChild(tr0); }
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      cells(row).forEach(function (c) { tr.appendChild(s.el('td', c)); });
      tbody.appendChild(tr);
    });
  }
  function feedbackQuery() {
    var q = new URLSearchParams();
    if ($('fb-supplier').value.trim()) q.set('supplier', $('fb-supplier').value.trim());
    if ($('fb-year').value.trim()) q.set('year', $('fb-year').value.trim());
    return q;
  }
  function load() {
    s.showError('ld-error', null); s.showError('fb-error', null);
    s.api('/api/admin/leads').then(function (body) {
      fill('ld-table', body.leads, function (l) { return [l.leadNo, when(l.createdAt), l.supplier, l.company + ' · ' + l.contact, l.need, when(l.feedbackAt)]; });
    }, function (err) { s.showError('ld-error', err); });
    s.api('/api/admin/feedback?' + feedbackQuery().toString()).then(function (body) {
      fill('fb-table', body.feedback, function (f) { return [f.supplierName, f.year, f.leadNo, f.rating, f.comment, when(f.at)]; });
    }, function (err) { s.showError('fb-error', err); });
  }
  $('ld-refresh').addEventListener('click', load);
  $('fb-refresh').addEventListener('click', load);
  $('ld-csv').addEventListener('click', function () { s.download('/api/admin/leads?format=csv', 'leads.csv'); });
  $('fb-csv').addEventListener('click', function () { var q = feedbackQuery(); q.set('format', 'csv'); s.download('/api/admin/feedback?' + q.toString(), 'feedback.csv'); });
  ['ld-csv', 'fb-csv'].forEach(function (id) { $(id).setAttribute('role', 'button'); $(id).tabIndex = 0; $(id).addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $(id).click(); } }); });
  document.addEventListener('staff:tab', function (e) { if (e.detail === 'tab-leads') load(); });
})();
