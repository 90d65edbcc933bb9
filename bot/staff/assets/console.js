// The staff console. Served by the bot under a strict CSP (default-src 'self'): no inline script, no
// outside origin. Everything staff or enterprises wrote is put on the page with textContent, never as HTML.
'use strict';
(function () {
  var TOKEN_KEY = 'staffToken';
  var LANG_KEY = 'staffLang';
  var lang = sessionStorage.getItem(LANG_KEY) || 'zh-CN';
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
  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function api(path, options) {
    options = options || {};
    var headers = Object.assign({}, options.headers || {});
    if (token()) headers.authorization = 'Bearer ' + token();
    if (options.json !== undefined) { headers['content-type'] = 'application/json'; options.body = JSON.stringify(options.json); }
    return fetch(path, { method: options.method || 'GET', headers: headers, body: options.body }).then(function (res) {
      if (options.raw && res.ok) return res;
      return res.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch { body = null; }
        if (!res.ok) {
          var err = new Error(body && body.error ? body.error.message : res.status + ' ' + res.statusText);
          err.status = res.status; err.body = body;
          if (res.status === 401 && path !== '/staff/api/me') signOut();
          throw err;
        }
        return body;
      });
    });
  }
  function showError(id, err) { $(id).textContent = err ? (err.message || String(err)) : ''; }

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
    sessionStorage.setItem(LANG_KEY, lang);
    loadStrings();
  });

  // ---- tabs (arrow keys move between them, as the ARIA tabs pattern has it)
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role=tab]'));
  function selectTab(tab) {
    tabs.forEach(function (t2) {
      var on = t2 === tab;
      t2.setAttribute('aria-selected', String(on));
      t2.tabIndex = on ? 0 : -1;
      $(t2.getAttribute('aria-controls')).hidden = !on;
    });
    tab.focus();
    document.dispatchEvent(new CustomEvent('staff:tab', { detail: tab.id }));
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener('click', function () { selectTab(tab); });
    tab.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowRight') selectTab(tabs[(i + 1) % tabs.length]);
      else if (e.key === 'ArrowLeft') selectTab(tabs[(i + tabs.length - 1) % tabs.length]);
      else if (e.key === 'Home') selectTab(tabs[0]);
      else if (e.key === 'End') selectTab(tabs[tabs.length - 1]);
    });
  });

  // ---- sign-in
  function showMe() {
    $('who').textContent = me.name + ' · ' + t('console_role_' + me.role) + (me.city ? ' · ' + me.city : '');
  }
  function signedIn(identity) {
    me = identity;
    showMe();
    $('signin').hidden = true; $('app').hidden = false; $('sign-out').hidden = false;
    document.body.setAttribute('data-role', me.role);
    document.dispatchEvent(new Event('staff:signed-in'));
  }
  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    me = null;
    $('who').textContent = '';
    $('signin').hidden = false; $('app').hidden = true; $('sign-out').hidden = true;
  }
  function checkToken() {
    return api('/staff/api/me', { method: 'POST' }).then(function (body) { signedIn(body.identity); }, function (err) {
      sessionStorage.removeItem(TOKEN_KEY);
      showError('signin-error', err);
    });
  }
  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    showError('signin-error', null);
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    checkToken();
  });
  $('sign-out').addEventListener('click', signOut);

  // Microsoft Entra ID: the page navigates to the tenant's authorize endpoint and gets an ID token back in
  // the URL fragment (navigation, not fetch, so the CSP's connect-src 'self' holds); the server validates it.
  var config = null;
  $('oidc-signin').addEventListener('click', function () {
    var nonce = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return b.toString(16); }).join('');
    sessionStorage.setItem('staffNonce', nonce);
    var q = new URLSearchParams({ client_id: config.oidc.clientId, response_type: 'id_token', response_mode: 'fragment', scope: 'openid profile', redirect_uri: location.origin + '/staff', nonce: nonce, state: nonce });
    location.assign(config.oidc.authorizeUrl + '?' + q.toString());
  });
  function fromFragment() {
    var hash = new URLSearchParams(location.hash.slice(1));
    var idToken = hash.get('id_token');
    if (!idToken) return false;
    history.replaceState(null, '', location.pathname);
    if (hash.get('state') !== sessionStorage.getItem('staffNonce')) return false;
    sessionStorage.setItem(TOKEN_KEY, idToken);
    return true;
  }

  window.staff = { api: api, t: t, el: el, clear: clear, $: $, download: download, showError: showError, me: function () { return me; }, lang: function () { return lang; } };

  loadStrings().then(function () { return fetch('/staff/api/config').then(function (r) { return r.json(); }); }).then(function (c) {
    config = c;
    $('oidc-signin').hidden = !c.oidc;
    $('token-form').hidden = !c.token;
    if (fromFragment() || token()) checkToken();
  });
})();

// ---- imports: upload → the check (refused rows with row numbers) → import, all or nothing by default
(function () {
  var s = window.staff;
  var $ = s.$;
  var current = null;
  var XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  function showCheck(job) {
    current = job;
    var body = $('imp-rejected').querySelector('tbody');
    s.clear(body);
    job.rejected.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.appendChild(s.el('td', (r.sheet ? r.sheet + ' · ' : '') + r.row));
      tr.appendChild(s.el('td', r.errors.join('；')));
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
      dl.appendChild(s.el('dd', file.name + ' (' + file.contentType + ')'));
    });
    if (item.due) { dl.appendChild(s.el('dt', s.t('console_colStatus'))); dl.appendChild(s.el('dd', s.t(item.overdue ? 'console_overdue' : 'console_due', { due: when(item.due) }))); }
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
      if (done) $('sd-error').textContent = done(item);
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
  $('sub-csv').setAttribute('role', 'button'); $('sub-csv').tabIndex = 0;
  document.addEventListener('staff:tab', function (e) { if (e.detail === 'tab-submissions') load(); });
})();
