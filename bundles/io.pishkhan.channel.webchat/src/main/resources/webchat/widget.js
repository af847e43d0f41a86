/* Pishkhan web chat widget. Embed: <script src="https://HOST:PORT/webchat/widget.js" data-lang="fa" async></script>
   Plain JS, no build step. Protocol: PROTOCOL.md of io.pishkhan.channel.webchat. Message text is only ever set
   with textContent. */
(function () {
  'use strict';
  if (window.__pishkhanWebchat) { return; }
  window.__pishkhanWebchat = true;

  var script = document.currentScript ||
    Array.prototype.slice.call(document.querySelectorAll('script[src*="/webchat/widget.js"]')).pop();
  var base = new URL(script.src, location.href);
  var ORIGIN = base.origin;
  var WS_URL = ORIGIN.replace(/^http/, 'ws') + '/webchat/ws';
  var API = ORIGIN + '/webchat/api/';
  var nav = (navigator.language || 'en').toLowerCase();
  var LANG = (script.getAttribute('data-lang') || (nav.indexOf('fa') === 0 ? 'fa' : 'en')) === 'fa' ? 'fa' : 'en';

  var T = {
    fa: { open: 'گفتگو', close: 'بستن', placeholder: 'پیام خود را بنویسید…', send: 'ارسال', typing: 'در حال نوشتن…',
      name: 'نام', email: 'ایمیل', phone: 'تلفن همراه', start: 'شروع گفتگو', prechatIntro: 'لطفاً پیش از شروع، خود را معرفی کنید.',
      required: 'این مورد لازم است', tooLarge: 'پیام بیش از حد طولانی است (حداکثر {n} بایت).',
      rateLimited: 'پیام‌ها بیش از حد سریع ارسال شدند؛ پس از {n} ثانیه دوباره فرستاده می‌شود.',
      offline: 'اتصال برقرار نیست؛ پیام‌ها پس از اتصال فرستاده می‌شوند.', invalid: 'مقدار نامعتبر: {n}',
      tooMany: 'تعداد پنجره‌های باز گفتگو زیاد است.', failed: 'ارسال نشد', error: 'خطا: {n}',
      end: 'پایان گفتگو', ended: 'از صف انتظار خارج شدید. هر زمان خواستید، دوباره پیام دهید.',
      rateLow: 'ناراضی', rateHigh: 'کاملاً راضی', rateStar: 'امتیاز {n} از ۵', helpful: 'مفید بود', notHelpful: 'مفید نبود',
      thanksFeedback: 'از بازخورد شما سپاسگزاریم.' },
    en: { open: 'Chat', close: 'Close', placeholder: 'Type your message…', send: 'Send', typing: 'typing…',
      name: 'Name', email: 'Email', phone: 'Mobile phone', start: 'Start chat', prechatIntro: 'Please introduce yourself first.',
      required: 'Required', tooLarge: 'The message is too long (at most {n} bytes).',
      rateLimited: 'Too many messages; it will be resent in {n} s.',
      offline: 'Offline; messages will be sent once connected.', invalid: 'Invalid value: {n}',
      tooMany: 'Too many chat windows are open.', failed: 'not sent', error: 'Error: {n}',
      end: 'End chat', ended: 'You left the queue. Write to us again whenever you like.',
      rateLow: 'Not satisfied', rateHigh: 'Very satisfied', rateStar: 'Score {n} of 5', helpful: 'Helpful', notHelpful: 'Not helpful',
      thanksFeedback: 'Thank you for your feedback.' }
  }[LANG];
  function t(key, n) { return T[key].replace('{n}', n); }

  // ---------------------------------------------------------------- storage
  var KEY = 'pishkhan.webchat.' + ORIGIN + '.';
  function load(k, d) { try { var v = localStorage.getItem(KEY + k); return v === null ? d : JSON.parse(v); } catch (e) { return d; } }
  function save(k, v) { try { localStorage.setItem(KEY + k, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  function b64url(bytes) { return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''); }
  function randomId(n) { var b = new Uint8Array(n); crypto.getRandomValues(b); return b64url(b); }
  function uuid() { return crypto.randomUUID ? crypto.randomUUID() : randomId(16); }

  var token = load('token', null);
  if (!token || !/^[A-Za-z0-9_-]{22,64}$/.test(token)) { token = randomId(32); save('token', token); }
  var state = {
    conv: load('conv', null), lastSeq: load('lastSeq', 0), clientSeq: load('clientSeq', 0),
    outbox: load('outbox', []),            // unacknowledged visitor messages, in order
    history: load('history', []),          // what the window shows (last 100)
    prechat: load('prechat', null), prechatAckedFor: load('prechatAckedFor', null),
    config: load('config', null), sessionReady: false, open: false, agentTyping: null
  };
  function persist() {
    save('conv', state.conv); save('lastSeq', state.lastSeq); save('clientSeq', state.clientSeq);
    save('outbox', state.outbox); save('history', state.history.slice(-100)); save('prechat', state.prechat);
    save('prechatAckedFor', state.prechatAckedFor); save('config', state.config);
  }

  // ---------------------------------------------------------------- UI (Shadow DOM)
  var host = document.createElement('div');
  host.setAttribute('data-pishkhan-webchat', '');
  var root = host.attachShadow({ mode: 'open' });
  var style = document.createElement('style');
  style.textContent = [
    ':host{all:initial}',
    '*{box-sizing:border-box;font-family:Vazirmatn,"Noto Sans Arabic","Noto Sans",Tahoma,sans-serif}',
    '.launcher{position:fixed;bottom:20px;inset-inline-end:20px;width:56px;height:56px;border-radius:50%;border:0;color:#fff;background:var(--c);box-shadow:0 4px 12px rgba(0,0,0,.25);cursor:pointer;font-size:24px;z-index:2147483000;display:flex;align-items:center;justify-content:center}',
    '.panel{position:fixed;bottom:88px;inset-inline-end:20px;width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 120px);background:#fff;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.25);display:none;flex-direction:column;overflow:hidden;z-index:2147483000;color:#222;font-size:14px}',
    '.panel.open{display:flex}',
    '.head{background:var(--c);color:#fff;padding:12px 14px;display:flex;align-items:center;justify-content:space-between;font-weight:600}',
    '.head button{background:none;border:0;color:#fff;font-size:18px;cursor:pointer}',
    '.msgs{flex:1;overflow-y:auto;padding:10px;background:#f6f7f9;display:flex;flex-direction:column;gap:6px}',
    '.m{max-width:80%;padding:7px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word;line-height:1.5}',
    '.m.me{align-self:flex-end;background:var(--c);color:#fff}',
    '.m.them{align-self:flex-start;background:#fff;border:1px solid #e1e4e8}',
    '.m .st{display:block;font-size:11px;opacity:.8;text-align:end;margin-top:2px}',
    '.m.read .st{color:#9be7ff}',
    '.m.failed{background:#c92a2a}',
    '.typing{font-size:12px;color:#666;padding:0 12px 4px;min-height:16px}',
    '.err{display:none;background:#fff3bf;color:#5c3c00;font-size:12px;padding:6px 10px}',
    '.err.show{display:block}',
    '.comp{display:flex;border-top:1px solid #e1e4e8}',
    '.comp textarea{flex:1;border:0;resize:none;padding:10px;font-size:14px;height:52px;outline:none}',
    '.comp button{border:0;background:var(--c);color:#fff;padding:0 14px;cursor:pointer}',
    '.pre{padding:16px;display:flex;flex-direction:column;gap:8px;overflow-y:auto;flex:1}',
    '.pre input{padding:8px;border:1px solid #ccd;border-radius:6px;font-size:14px}',
    '.pre button{padding:9px;border:0;border-radius:6px;background:var(--c);color:#fff;cursor:pointer}',
    '.pre .fe{color:#c92a2a;font-size:12px;min-height:14px}',
    '.head .end{font-size:12px;border:1px solid rgba(255,255,255,.6);border-radius:6px;padding:2px 8px;margin-inline-start:auto;margin-inline-end:8px}',
    '.qr{align-self:flex-start;display:flex;flex-wrap:wrap;gap:4px;max-width:90%}',
    '.qr button{border:1px solid var(--c);background:#fff;color:var(--c);border-radius:14px;padding:3px 10px;cursor:pointer;font-size:13px}',
    '.rate{align-self:flex-start;display:flex;flex-direction:column;gap:2px}',
    '.rate .stars{display:flex;gap:4px}',
    '.rate .stars button{width:34px;height:34px;border-radius:50%;border:1px solid var(--c);background:#fff;color:var(--c);cursor:pointer;font-size:14px}',
    '.rate .stars button.on{background:var(--c);color:#fff}',
    '.rate .labels{display:flex;justify-content:space-between;font-size:11px;color:#666}',
    '.fb{align-self:flex-start;display:flex;gap:4px;margin-top:-2px}',
    '.fb button{border:0;background:none;cursor:pointer;font-size:14px;opacity:.55;padding:0 2px}',
    '.fb button.on{opacity:1}',
    '.note{align-self:center;font-size:12px;color:#555;background:#eef1f4;border-radius:8px;padding:4px 10px;text-align:center}'
  ].join('\n');
  root.appendChild(style);
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) { e.className = cls; } if (text !== undefined) { e.textContent = text; } return e; }
  var launcher = el('button', 'launcher');
  (function icon() { // a speech bubble drawn as SVG: emoji fonts are missing on many desktops
    var NS = 'http://www.w3.org/2000/svg', svg = document.createElementNS(NS, 'svg'), path = document.createElementNS(NS, 'path');
    svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('width', '26'); svg.setAttribute('height', '26');
    svg.setAttribute('aria-hidden', 'true');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
    svg.appendChild(path); launcher.appendChild(svg);
  })();
  launcher.setAttribute('aria-label', T.open);
  var panel = el('div', 'panel');
  panel.setAttribute('dir', LANG === 'fa' ? 'rtl' : 'ltr');
  panel.setAttribute('lang', LANG);
  panel.setAttribute('role', 'dialog');
  var head = el('div', 'head');
  var title = el('span', '', LANG === 'fa' ? 'گفتگو با پشتیبانی' : 'Chat with us');
  var closeBtn = el('button', '', '×');
  closeBtn.setAttribute('aria-label', T.close);
  var endBtn = el('button', 'end', T.end);
  endBtn.title = T.end;
  head.appendChild(title); head.appendChild(endBtn); head.appendChild(closeBtn);
  var pre = el('form', 'pre');
  var msgs = el('div', 'msgs');
  msgs.setAttribute('aria-live', 'polite');
  var typingEl = el('div', 'typing');
  var errEl = el('div', 'err');
  var comp = el('div', 'comp');
  var input = el('textarea');
  input.setAttribute('dir', 'auto');
  input.placeholder = T.placeholder;
  var sendBtn = el('button', '', T.send);
  comp.appendChild(input); comp.appendChild(sendBtn);
  panel.appendChild(head); panel.appendChild(pre); panel.appendChild(msgs); panel.appendChild(typingEl);
  panel.appendChild(errEl); panel.appendChild(comp);
  root.appendChild(launcher); root.appendChild(panel);
  function mount() { document.body.appendChild(host); }
  if (document.body) { mount(); } else { document.addEventListener('DOMContentLoaded', mount); }

  function applyConfig() {
    var c = state.config || {};
    host.style.setProperty('--c', c.color || '#0b7285');
    if (c.title) { title.textContent = c.title; }
    var needPrechat = c.prechat && c.prechat.enabled && !state.prechat && state.history.length === 0;
    pre.style.display = needPrechat ? 'flex' : 'none';
    msgs.style.display = comp.style.display = needPrechat ? 'none' : '';
    if (needPrechat) { buildPrechat(c.prechat); }
  }
  function buildPrechat(p) {
    if (pre.childNodes.length) { return; }
    pre.appendChild(el('div', '', T.prechatIntro));
    var inputs = {};
    p.fields.forEach(function (f) {
      var i = el('input');
      i.name = f; i.placeholder = T[f] + (p.required.indexOf(f) >= 0 ? ' *' : '');
      i.type = f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text';
      i.setAttribute('dir', 'auto'); i.maxLength = 200;
      inputs[f] = i; pre.appendChild(i);
      var fe = el('div', 'fe'); fe.setAttribute('data-for', f); pre.appendChild(fe);
    });
    var go = el('button', '', T.start);
    go.type = 'submit';
    pre.appendChild(go);
    pre.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var data = {}, ok = true;
      p.fields.forEach(function (f) {
        var v = inputs[f].value.trim();
        pre.querySelector('[data-for="' + f + '"]').textContent = '';
        if (!v && p.required.indexOf(f) >= 0) { pre.querySelector('[data-for="' + f + '"]').textContent = T.required; ok = false; }
        if (v) { data[f] = v; }
      });
      if (!ok) { return; }
      state.prechat = data; state.prechatAckedFor = null; persist();
      applyConfig(); sendPrechat();
      input.focus();
    });
  }

  var shownIds = {};
  function render() {
    msgs.textContent = '';
    shownIds = {};
    state.history.forEach(addBubble);
    msgs.scrollTop = msgs.scrollHeight;
  }
  var STATE_MARK = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };
  function addBubble(h) {
    var b = el('div', 'm ' + (h.mine ? 'me' : 'them') + (h.state === 'read' ? ' read' : '') + (h.state === 'failed' ? ' failed' : ''));
    b.setAttribute('dir', 'auto');
    b.appendChild(document.createTextNode(h.text));
    if (h.mine) { b.appendChild(el('span', 'st', h.state === 'failed' ? T.failed : STATE_MARK[h.state] || '')); }
    b.setAttribute('data-key', h.key);
    if (h.note) { b.className = 'note'; }
    msgs.appendChild(b);
    shownIds[h.key] = b;
    addExtras(h);
  }
  // the satisfaction survey as a 1-5 row, other quick replies as buttons, thumbs under bot answers
  function addExtras(h) {
    if (h.mine || h.note) { return; }
    if (h.kind === 'survey' && !h.answered) {
      var rate = el('div', 'rate'), stars = el('div', 'stars'), labels = el('div', 'labels');
      [1, 2, 3, 4, 5].forEach(function (n) {
        var s = el('button', '', (LANG === 'fa' ? '۰۱۲۳۴۵'.charAt(n) : String(n)) + '★');
        s.type = 'button'; s.title = t('rateStar', LANG === 'fa' ? '۰۱۲۳۴۵'.charAt(n) : n); s.setAttribute('aria-label', s.title);
        s.addEventListener('click', function () { h.answered = true; persist(); rate.remove(); sendText(String(n)); });
        s.addEventListener('mouseenter', function () { Array.prototype.forEach.call(stars.childNodes, function (x, i) { x.className = i < n ? 'on' : ''; }); });
        stars.appendChild(s);
      });
      stars.addEventListener('mouseleave', function () { Array.prototype.forEach.call(stars.childNodes, function (x) { x.className = ''; }); });
      labels.appendChild(el('span', '', T.rateLow)); labels.appendChild(el('span', '', T.rateHigh));
      rate.appendChild(stars); rate.appendChild(labels);
      msgs.appendChild(rate);
    } else if (h.quickReplies && h.quickReplies.length && !h.answered) {
      var qr = el('div', 'qr');
      h.quickReplies.forEach(function (q) {
        var b = el('button', '', q);
        b.type = 'button'; b.setAttribute('dir', 'auto');
        b.addEventListener('click', function () { h.answered = true; persist(); qr.remove(); sendText(q); });
        qr.appendChild(b);
      });
      msgs.appendChild(qr);
    }
    if (h.from === 'bot' && h.id && h.conv) {
      var fb = el('div', 'fb');
      [[true, '👍', T.helpful], [false, '👎', T.notHelpful]].forEach(function (o) {
        var b = el('button', h.fb === o[0] ? 'on' : '', o[1]);
        b.type = 'button'; b.title = o[2]; b.setAttribute('aria-label', o[2]);
        b.addEventListener('click', function () {
          if (h.fb === o[0]) { return; }
          if (sendFrame({ type: 'feedback', conversationId: h.conv, messageId: h.id, helpful: o[0] })) {
            h.fb = o[0]; persist();
            Array.prototype.forEach.call(fb.childNodes, function (x) { x.className = x === b ? 'on' : ''; });
          }
        });
        fb.appendChild(b);
      });
      msgs.appendChild(fb);
    }
  }
  function updateBubble(h) {
    var b = shownIds[h.key];
    if (!b) { addBubble(h); return; }
    b.className = 'm ' + (h.mine ? 'me' : 'them') + (h.state === 'read' ? ' read' : '') + (h.state === 'failed' ? ' failed' : '');
    var st = b.querySelector('.st');
    if (st) { st.textContent = h.state === 'failed' ? T.failed : STATE_MARK[h.state] || ''; }
  }
  function push(h) { state.history.push(h); if (state.history.length > 150) { state.history.splice(0, 50); render(); } else { addBubble(h); } msgs.scrollTop = msgs.scrollHeight; persist(); }
  function byKey(k) { for (var i = state.history.length - 1; i >= 0; i--) { if (state.history[i].key === k) { return state.history[i]; } } return null; }
  var errTimer;
  function showError(text) { errEl.textContent = text; errEl.className = 'err show'; clearTimeout(errTimer); errTimer = setTimeout(function () { errEl.className = 'err'; }, 8000); }

  launcher.addEventListener('click', function () { setOpen(!state.open); });
  closeBtn.addEventListener('click', function () { setOpen(false); });
  // while the visitor waits for an agent this abandons the conversation (server answers "ended")
  endBtn.addEventListener('click', function () { sendFrame({ type: 'end', conversationId: state.conv }); });
  function setOpen(o) { state.open = o; panel.className = 'panel' + (o ? ' open' : ''); if (o) { applyConfig(); render(); sendRead(); input.focus(); } }

  // ---------------------------------------------------------------- sending
  function bytes(s) { return new TextEncoder().encode(s).length; }
  function submit() {
    var text = input.value;
    if (!text.trim()) { return; }
    var max = (state.config && state.config.maxMessageBytes) || 4096;
    if (bytes(text) > max) { showError(t('tooLarge', max)); return; }
    input.value = '';
    stopTyping();
    sendText(text);
  }
  function sendText(text) {
    state.clientSeq += 1;
    var m = { clientId: uuid(), clientSeq: state.clientSeq, text: text };
    state.outbox.push(m);
    push({ key: 'c:' + m.clientId, mine: true, text: text, state: 'pending' });
    transmit(m);
  }
  sendBtn.addEventListener('click', submit);
  input.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); } });

  var typingSentAt = 0, typingStopTimer = null, typingOn = false;
  input.addEventListener('input', function () {
    var now = Date.now();
    if (!typingOn || now - typingSentAt > 3000) { sendFrame({ type: 'typing', state: 'start' }); typingSentAt = now; typingOn = true; }
    clearTimeout(typingStopTimer);
    typingStopTimer = setTimeout(stopTyping, 3000);
  });
  function stopTyping() { clearTimeout(typingStopTimer); if (typingOn) { typingOn = false; sendFrame({ type: 'typing', state: 'stop' }); } }

  function transmit(m) {
    if (!state.sessionReady) { return; }   // sent after the next welcome
    var ok = sendFrame({ type: 'message', clientId: m.clientId, clientSeq: m.clientSeq, text: m.text });
    var h = byKey('c:' + m.clientId);
    if (ok && h && h.state === 'pending') { h.state = 'sent'; updateBubble(h); persist(); }
  }
  function flushOutbox() { state.outbox.slice().forEach(transmit); }
  function sendPrechat() {
    if (state.prechat && state.sessionReady) {
      sendFrame({ type: 'prechat', name: state.prechat.name || null, email: state.prechat.email || null, phone: state.prechat.phone || null });
    }
  }
  var lastReadSent = null;
  function sendRead() {
    if (!state.open || document.hidden || !state.conv) { return; }
    for (var i = state.history.length - 1; i >= 0; i--) {
      var h = state.history[i];
      if (!h.mine && h.id && h.conv === state.conv) {
        if (lastReadSent !== h.id) { lastReadSent = h.id; sendFrame({ type: 'read', conversationId: h.conv, upToMessageId: h.id }); }
        return;
      }
    }
  }
  document.addEventListener('visibilitychange', sendRead);

  // ---------------------------------------------------------------- frames from the server
  var retryTimers = {};
  function onFrame(f) {
    switch (f.type) {
      case 'welcome':
        state.config = f.config; state.sessionReady = true;
        if (f.conversationId && !state.conv) { state.conv = f.conversationId; }
        persist(); applyConfig();
        errEl.className = 'err';
        if (state.prechat && state.prechatAckedFor !== (state.conv || '-')) { sendPrechat(); }
        flushOutbox();
        sendRead();
        break;
      case 'ack': {
        state.outbox = state.outbox.filter(function (m) { return m.clientId !== f.clientId; });
        var h = byKey('c:' + f.clientId);
        if (h) { if (h.state !== 'read') { h.state = 'delivered'; } h.id = f.messageId; h.conv = f.conversationId; updateBubble(h); }
        if (f.conversationId !== state.conv) {
          state.conv = f.conversationId; state.lastSeq = 0;
        }
        persist();
        if (state.prechat && state.prechatAckedFor !== f.conversationId) { sendPrechat(); }
        break;
      }
      case 'message': {
        if (f.conversationId !== state.conv) { state.conv = f.conversationId; state.lastSeq = 0; }
        if (f.seq > state.lastSeq) { state.lastSeq = f.seq; }
        if (!byKey('s:' + f.id)) {
          push({ key: 's:' + f.id, id: f.id, conv: f.conversationId, mine: false, text: String(f.text), from: f.from,
            kind: f.kind === 'survey' ? 'survey' : null,
            quickReplies: Array.isArray(f.quickReplies) ? f.quickReplies.map(String).slice(0, 10) : [] });
          hideTyping();
          if (!state.open) { launcher.textContent = '💬•'; }
        }
        persist();
        sendRead();
        break;
      }
      case 'prechat-ack':
        state.prechatAckedFor = f.conversationId || null; persist();
        break;
      case 'typing':
        if (f.state === 'start') { typingEl.textContent = T.typing; clearTimeout(state.agentTyping); state.agentTyping = setTimeout(hideTyping, 8000); } else { hideTyping(); }
        break;
      case 'read': {
        var idx = -1, i;
        for (i = 0; i < state.history.length; i++) { if (state.history[i].id === f.upToMessageId) { idx = i; } }
        for (i = 0; i < state.history.length && (idx < 0 || i <= idx); i++) {
          var r = state.history[i];
          if (r.mine && (r.state === 'delivered' || r.state === 'sent') && (idx >= 0 || r.conv === f.conversationId)) { r.state = 'read'; updateBubble(r); }
        }
        persist();
        break;
      }
      case 'ended':
        if (f.abandoned) { push({ key: 'n:' + Date.now(), mine: false, note: true, text: T.ended }); }
        else { setOpen(false); }
        break;
      case 'feedback-ack': break;
      case 'pong': break;
      case 'error': onError(f); break;
      default: break;
    }
  }
  function hideTyping() { typingEl.textContent = ''; clearTimeout(state.agentTyping); }
  function onError(f) {
    var m = f.ref && state.outbox.filter(function (x) { return x.clientId === f.ref; })[0];
    if (f.code === 'rate-limited' || f.code === 'unavailable' || f.code === 'internal') {
      var secs = f.retryAfter || 5;
      if (f.code === 'rate-limited') { showError(t('rateLimited', secs)); }
      if (m && !retryTimers[m.clientId]) {
        retryTimers[m.clientId] = setTimeout(function () { delete retryTimers[m.clientId]; if (state.outbox.indexOf(m) >= 0) { transmit(m); } }, secs * 1000);
      }
      return;
    }
    if (m) {   // the server will never accept it: drop it and mark it
      state.outbox = state.outbox.filter(function (x) { return x !== m; });
      var h = byKey('c:' + m.clientId);
      if (h) { h.state = 'failed'; updateBubble(h); }
      persist();
    }
    if (f.code === 'too-large') { showError(t('tooLarge', f.limit || '')); }
    else if (f.code === 'invalid-prechat') { showError(t('invalid', T[f.field] || f.field)); state.prechat = null; persist(); applyConfig(); }
    else if (f.code === 'too-many-sessions') { showError(T.tooMany); transport.giveUp = true; }
    else if (f.code === 'bad-token') { token = randomId(32); save('token', token); }
    else { showError(t('error', f.code)); }
  }

  // ---------------------------------------------------------------- transports: WebSocket, else long polling
  var transport = { ws: null, mode: 'ws', wsFailures: 0, backoff: 1000, sid: null, giveUp: false };
  function hello() {
    return { type: 'hello', protocol: 1, token: token, lang: LANG, conversationId: state.conv, lastSeq: state.lastSeq };
  }
  function sendFrame(f) {
    if (transport.mode === 'ws') {
      if (transport.ws && transport.ws.readyState === 1) { transport.ws.send(JSON.stringify(f)); return true; }
      return false;
    }
    if (!transport.sid) { return false; }
    post('send?sid=' + encodeURIComponent(transport.sid), f).then(handleFrames, function () { });
    return true;
  }
  function disconnected() {
    state.sessionReady = false;
    if (state.outbox.length) { showError(T.offline); }
    state.outbox.forEach(function (m) { var h = byKey('c:' + m.clientId); if (h && h.state === 'sent') { h.state = 'pending'; updateBubble(h); } });
    if (transport.giveUp) { return; }
    var d = transport.backoff;
    transport.backoff = Math.min(30000, transport.backoff * 2);
    setTimeout(connect, d + Math.floor(Math.random() * 500));
  }
  function connect() {
    if (transport.mode === 'ws') { connectWs(); } else { connectPoll(); }
  }
  var pingTimer;
  function connectWs() {
    var opened = false, ws;
    try { ws = new WebSocket(WS_URL); } catch (e) { transport.mode = 'poll'; connectPoll(); return; }
    transport.ws = ws;
    ws.onopen = function () { opened = true; transport.wsFailures = 0; transport.backoff = 1000; ws.send(JSON.stringify(hello()));
      clearInterval(pingTimer); pingTimer = setInterval(function () { if (ws.readyState === 1) { ws.send('{"type":"ping"}'); } }, 25000); };
    ws.onmessage = function (ev) { var f; try { f = JSON.parse(ev.data); } catch (e) { return; } onFrame(f); };
    ws.onclose = function () {
      clearInterval(pingTimer);
      if (transport.ws !== ws) { return; }
      transport.ws = null;
      if (!opened && ++transport.wsFailures >= 2) { transport.mode = 'poll'; transport.backoff = 1000; }
      disconnected();
    };
    ws.onerror = function () { /* onclose follows */ };
  }
  function post(path, body) {
    return fetch(API + path, { method: 'POST', mode: 'cors', credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: body === undefined ? '' : JSON.stringify(body) }).then(function (r) { if (r.status === 410) { throw new Error('gone'); } if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
  }
  function handleFrames(res) { (res.frames || []).forEach(onFrame); }
  function connectPoll() {
    transport.sid = null;
    post('hello', hello()).then(function (res) {
      var w = (res.frames || []).filter(function (f) { return f.type === 'welcome'; })[0];
      if (w) { transport.sid = w.sessionId; transport.backoff = 1000; }
      handleFrames(res);
      if (w) { pollLoop(w.sessionId); } else { disconnected(); }
    }, disconnected);
  }
  function pollLoop(sid) {
    if (transport.sid !== sid) { return; }
    fetch(API + 'poll?wait=25&sid=' + encodeURIComponent(sid), { mode: 'cors', credentials: 'omit', cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (res) { handleFrames(res); pollLoop(sid); },
        function () { if (transport.sid === sid) { transport.sid = null; disconnected(); } });
  }
  window.addEventListener('pagehide', function () {
    if (transport.mode === 'poll' && transport.sid && navigator.sendBeacon) { navigator.sendBeacon(API + 'bye?sid=' + encodeURIComponent(transport.sid), ''); }
  });
  window.addEventListener('online', function () { transport.backoff = 1000; });

  applyConfig();
  connect();
})();
