// The body editor over every textarea[data-body-editor] (BodyEditor.astro): the toolbar (roving tabindex,
// ARIA toolbar pattern), Ctrl/Cmd+B, I, K, paste that keeps structure (the server converts the clipboard's
// HTML to Markdown), NFC for pasted text, the word count, and the unsaved-changes warning of its form.
// Every edit goes through execCommand('insertText') after setting the selection, so the browser's own
// undo stack keeps working and `input` fires. Nothing here rewrites the value on input or touches keys
// during an IME composition (Telex/VNI, Unikey's Backspace-and-replace): typing stays the browser's.
// Strings come from site/admin/strings.ts (BODY_EDITOR.client) in this script element's data-text.
(function () {
  'use strict';
  var script = document.currentScript;
  // BodyEditor.astro puts this script beside each body (the page form has two): run once.
  if (window.bientapBodyEditor) return;
  window.bientapBodyEditor = true;
  var T = JSON.parse((script && script.getAttribute('data-text')) || '{}');
  var CONVERT_URL = '/admin/chuyen-noi-dung-dan';
  var IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || '');

  var D = window.bientapEditorDom;
  var el = D.el, fill = D.fill;

  // Kept in step with functions/content/reading-time.ts (the same examples test both).
  function countWords(markdown) {
    var text = markdown.normalize('NFC')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+/gm, '');
    return text.split(/\s+/).filter(function (token) { return /[\p{L}\p{N}]/u.test(token); }).length;
  }
  function readingMinutes(words) { return Math.max(1, Math.ceil(words / 200)); }
  window.bientapCountWords = countWords;

  /** Replaces [start, end) with text as the user would (undoable, fires input), then selects [selStart, selEnd). */
  function replaceRange(ta, start, end, text, selStart, selEnd) {
    D.insertText(ta, start, end, text);
    if (typeof selStart === 'number') ta.setSelectionRange(selStart, typeof selEnd === 'number' ? selEnd : selStart);
  }

  // ---- inline marks: ** and * around the selection, toggled ----
  function starRun(text, from, step) {
    var n = 0;
    for (var i = from; i >= 0 && i < text.length && text[i] === '*'; i += step) n += 1;
    return n;
  }
  function toggleMark(ta, mark, placeholder) {
    var v = ta.value, s = ta.selectionStart, e = ta.selectionEnd, m = mark.length;
    var sel = v.slice(s, e);
    var before = starRun(v, s - 1, -1), after = starRun(v, e, 1);
    var wrapped = mark === '**' ? before >= 2 && after >= 2 : before % 2 === 1 && after % 2 === 1;
    if (wrapped) { // the marks sit just outside the selection: remove them
      replaceRange(ta, s - m, e + m, sel, s - m, e - m);
      return;
    }
    var inner = sel.length > 2 * m && sel.slice(0, m) === mark && sel.slice(-m) === mark &&
      (mark === '**' || (starRun(sel, 0, 1) % 2 === 1 && starRun(sel, sel.length - 1, -1) % 2 === 1));
    if (inner) { // the selection includes its marks
      replaceRange(ta, s, e, sel.slice(m, -m), s, e - 2 * m);
      return;
    }
    // Spaces at the selection's edges stay outside the marks (`** x**` is not bold in Markdown).
    var lead = /^\s*/.exec(sel)[0].length, trail = /\s*$/.exec(sel.slice(lead))[0].length;
    var core = sel.slice(lead, sel.length - trail) || placeholder;
    var text = sel.slice(0, lead) + mark + core + mark + sel.slice(sel.length - trail);
    replaceRange(ta, s, e, text, s + lead + m, s + lead + m + core.length);
  }

  // ---- line prefixes: headings, lists, quotes, toggled over the selected lines ----
  function lineBounds(v, s, e) {
    var start = v.lastIndexOf('\n', s - 1) + 1;
    var endAt = e > s && v[e - 1] === '\n' ? e - 1 : e;
    var end = v.indexOf('\n', endAt);
    return { start: start, end: end < 0 ? v.length : end };
  }
  var HEADING = /^#{1,6}[ \t]+/, BULLET = /^[-+*][ \t]+/, NUMBER = /^\d{1,9}[.)][ \t]+/, QUOTE = /^>[ \t]?/;
  function prefixLines(ta, kind, placeholder) {
    var v = ta.value, b = lineBounds(v, ta.selectionStart, ta.selectionEnd);
    var lines = v.slice(b.start, b.end).split('\n');
    var pattern = kind.heading ? HEADING : kind.pattern;
    var has = function (line) { return kind.heading ? line.indexOf(kind.heading + ' ') === 0 : pattern.test(line); };
    var all = lines.every(function (l) { return l.trim() === '' || has(l); });
    var n = 0;
    var out = lines.map(function (line) {
      if (line.trim() === '' && lines.length > 1) return line;
      if (all) return line.replace(pattern, '');
      // Another prefix of the same family is replaced (a bullet becomes a number, ## becomes ###).
      var bare = line.replace(kind.heading ? HEADING : (kind.list ? /^(?:[-+*]|\d{1,9}[.)])[ \t]+/ : pattern), '');
      n += 1;
      var prefix = kind.heading ? kind.heading + ' ' : kind.numbered ? n + '. ' : kind.prefix;
      return prefix + (bare === '' ? placeholder : bare);
    });
    var text = out.join('\n');
    if (lines.length === 1) {
      // One line: a new placeholder is selected; otherwise the caret stays on the same text.
      var shift = text.length - (b.end - b.start), s = ta.selectionStart, e = ta.selectionEnd;
      if (!all && lines[0].replace(pattern, '').trim() === '') replaceRange(ta, b.start, b.end, text, b.start + text.length - placeholder.length, b.start + text.length);
      else replaceRange(ta, b.start, b.end, text, Math.max(b.start, s + shift), Math.max(b.start, e + shift));
      return;
    }
    replaceRange(ta, b.start, b.end, text, b.start, b.start + text.length);
  }

  // ---- blocks (tables, pasted Markdown): a paragraph of their own ----
  function insertBlock(ta, start, end, block) {
    var v = ta.value;
    var before = v.slice(0, start), after = v.slice(end);
    var lead = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    var tail = after === '' ? '\n' : /^\s*$/.test(after) || /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    var text = lead + block + tail;
    replaceRange(ta, start, end, text, start + lead.length + block.length);
  }

  // ---- dialogs (link, table): native modal <dialog>, labelled, Esc closes ----
  var ids = 0;
  function field(label, input, hint) {
    ids += 1;
    input.id = 'soan-' + ids;
    var hintNode = hint ? el('p', { class: 'hint', id: input.id + '-goi-y', text: hint }) : null;
    if (hintNode) input.setAttribute('aria-describedby', hintNode.id);
    return el('div', { class: 'field' }, [el('label', { for: input.id, text: label }), hintNode, input]);
  }
  /**
   * Opens a modal dialog with the fields. onSubmit returns an error message (the dialog stays open) or the
   * edit to make once it is closed: while a modal dialog is open the textarea is inert and cannot take focus.
   */
  function openDialog(ta, title, fields, onSubmit) {
    ids += 1;
    var titleId = 'soan-hop-' + ids;
    var error = el('p', { class: 'field-error', role: 'alert', hidden: true });
    var form = el('form', { method: 'dialog', novalidate: true }, [el('h2', { id: titleId, text: title }), error].concat(fields).concat([
      el('div', { class: 'actions' }, [
        el('button', { type: 'submit', value: 'ok', text: T.insert }),
        el('button', { type: 'button', class: 'secondary', 'data-cancel': true, text: T.cancel }),
      ]),
    ]));
    var dialog = el('dialog', { class: 'editor-dialog', 'aria-labelledby': titleId }, [form]);
    document.body.appendChild(dialog);
    var close = function () { dialog.close(); };
    // Chromium may put the textarea's caret at its start when a modal dialog gives the focus back: put
    // back the selection of before the dialog (cancelled) or the one the edit left (inserted).
    var keep = [ta.selectionStart, ta.selectionEnd], after = null;
    form.querySelector('[data-cancel]').addEventListener('click', close);
    dialog.addEventListener('close', function () {
      dialog.remove();
      var sel = after || keep;
      ta.focus();
      ta.setSelectionRange(sel[0], sel[1]);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var result = onSubmit();
      if (typeof result === 'string') {
        error.textContent = result;
        error.hidden = false;
        return;
      }
      close();
      if (typeof result === 'function') {
        result();
        after = [ta.selectionStart, ta.selectionEnd];
      }
    });
    dialog.showModal();
    return dialog;
  }

  function safeUrl(raw) {
    var url = raw.trim();
    if (/^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i.test(url)) return url;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || /^\/\//.test(url)) return null; // javascript:, data:, vbscript:, //host …
    if (/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(\/|$)/u.test(url)) return 'https://' + url; // "thainguyen.gov.vn/…"
    return null;
  }
  function linkDialog(ta) {
    var s = ta.selectionStart, e = ta.selectionEnd, selected = ta.value.slice(s, e);
    var url = el('input', { type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', required: true });
    var text = selected.trim() === '' ? el('input', { type: 'text', required: true }) : null;
    var dialog = openDialog(ta, T.linkTitle, [field(T.linkUrl, url, T.linkUrlHint), text && field(T.linkText, text)], function () {
      if (url.value.trim() === '') { url.focus(); return T.linkUrlMissing; }
      var href = safeUrl(url.value);
      if (!href) { url.setAttribute('aria-invalid', 'true'); url.focus(); return T.linkUrlRefused; }
      var label = text ? text.value.trim() : selected;
      if (!label) { text.focus(); return T.linkTextMissing; }
      var markdown = '[' + label.replace(/([\\\[\]])/g, '\\$1') + '](' + href.replace(/[\s()<>]/g, encodeURIComponent) + ')';
      return function () { replaceRange(ta, s, e, markdown, s + markdown.length); };
    });
    url.focus();
    return dialog;
  }
  function tableDialog(ta) {
    var s = ta.selectionStart, e = ta.selectionEnd;
    var cols = el('input', { type: 'number', min: '1', max: '10', value: '3', required: true });
    var rows = el('input', { type: 'number', min: '1', max: '50', value: '3', required: true });
    var header = el('input', { type: 'checkbox', checked: true });
    ids += 1;
    header.id = 'soan-' + ids;
    var headerField = el('div', { class: 'field' }, [el('label', { class: 'check', for: header.id }, [header, document.createTextNode(' ' + T.tableHeader)])]);
    var dialog = openDialog(ta, T.tableTitle, [field(T.tableColumns, cols), field(T.tableRows, rows), headerField], function () {
      var c = Number(cols.value), r = Number(rows.value);
      if (!Number.isInteger(c) || !Number.isInteger(r) || c < 1 || c > 10 || r < 1 || r > 50) { cols.focus(); return T.tableBad; }
      var cells = function (f) { var out = []; for (var i = 1; i <= c; i++) out.push(f(i)); return '| ' + out.join(' | ') + ' |'; };
      // GFM needs a header row: without one it stays empty (the preview shows no header cells' text).
      var lines = [cells(function (i) { return header.checked ? fill(T.tableColumn, { n: i }) : ' '; }), cells(function () { return '---'; })];
      for (var j = 0; j < r; j++) lines.push(cells(function () { return ' '; }));
      return function () { insertBlock(ta, s, e, lines.join('\n')); };
    });
    cols.focus();
    return dialog;
  }

  // ---- the actions, by toolbar key ----
  var ACTIONS = {
    bold: function (ta) { toggleMark(ta, '**', T.boldPlaceholder); },
    italic: function (ta) { toggleMark(ta, '*', T.italicPlaceholder); },
    h2: function (ta) { prefixLines(ta, { heading: '##' }, T.headingPlaceholder); },
    h3: function (ta) { prefixLines(ta, { heading: '###' }, T.headingPlaceholder); },
    h4: function (ta) { prefixLines(ta, { heading: '####' }, T.headingPlaceholder); },
    bullets: function (ta) { prefixLines(ta, { pattern: BULLET, prefix: '- ', list: true }, T.listPlaceholder); },
    numbers: function (ta) { prefixLines(ta, { pattern: NUMBER, numbered: true, list: true }, T.listPlaceholder); },
    quote: function (ta) { prefixLines(ta, { pattern: QUOTE, prefix: '> ' }, T.quotePlaceholder); },
    link: linkDialog,
    table: tableDialog,
    undo: function (ta) { ta.focus(); document.execCommand('undo', false); },
    redo: function (ta) { ta.focus(); document.execCommand('redo', false); },
  };

  // ---- the toolbar: one Tab stop, arrows / Home / End move between buttons ----
  function setUpToolbar(toolbar, ta) {
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll('button'));
    if (!buttons.length) return;
    var current = 0;
    var focusAt = function (i) {
      buttons[current].setAttribute('tabindex', '-1');
      current = (i + buttons.length) % buttons.length;
      buttons[current].setAttribute('tabindex', '0');
      buttons[current].focus();
    };
    buttons.forEach(function (b, i) {
      b.setAttribute('tabindex', i === 0 ? '0' : '-1');
      b.addEventListener('focus', function () { if (current !== i) { buttons[current].setAttribute('tabindex', '-1'); current = i; b.setAttribute('tabindex', '0'); } });
      var action = ACTIONS[b.getAttribute('data-editor-action')];
      if (action) b.addEventListener('click', function () { if (!ta.readOnly) action(ta); });
    });
    toolbar.addEventListener('keydown', function (event) {
      var moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 };
      if (!(event.key in moves) || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      focusAt(moves[event.key]);
    });
    toolbar.hidden = false;
  }

  // ---- shortcuts on the textarea: never during a composition, never with a modifier that changes them ----
  var SHORTCUTS = { b: 'bold', i: 'italic', k: 'link' };
  function shortcutOf(event) {
    if (event.isComposing || event.keyCode === 229) return null;
    var primary = IS_MAC ? event.metaKey : event.ctrlKey, other = IS_MAC ? event.ctrlKey : event.metaKey;
    if (!primary || other || event.altKey || event.shiftKey) return null;
    var key = (event.key || '').toLowerCase();
    if (!/^[a-z]$/.test(key) && /^Key[A-Z]$/.test(event.code || '')) key = event.code.slice(3).toLowerCase(); // non-Latin layouts
    return SHORTCUTS[key] || null;
  }

  // ---- paste ----
  function setStatus(node, text) { if (node) node.textContent = text; }
  function pasteHtml(ta, html, plain, status) {
    var start = ta.selectionStart, end = ta.selectionEnd;
    var form = ta.form, csrf = form && form.querySelector('input[name="_csrf"]');
    ta.setAttribute('aria-busy', 'true');
    ta.readOnly = true;
    setStatus(status, T.converting);
    var done = function () { ta.removeAttribute('aria-busy'); ta.readOnly = false; };
    var fallback = function (reason) {
      done();
      replaceRange(ta, start, end, plain.normalize('NFC').replace(/\r\n?/g, '\n'));
      setStatus(status, fill(T.pasteFailed, { reason: reason }));
    };
    fetch(CONVERT_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'X-CSRF-Token': csrf ? csrf.value : '' },
      body: html,
    }).then(function (response) {
      var json = (response.headers.get('Content-Type') || '').indexOf('json') >= 0;
      return (json ? response.json() : Promise.resolve({})).then(function (data) {
        if (!response.ok || typeof data.markdown !== 'string') {
          fallback(typeof data.error === 'string' ? data.error : fill(T.pasteHttp, { status: response.status }));
          return;
        }
        done();
        var markdown = data.markdown.normalize('NFC').replace(/\s+$/, '');
        if (/\n/.test(markdown)) insertBlock(ta, start, end, markdown);
        else replaceRange(ta, start, end, markdown);
        setStatus(status, data.skippedImages > 0 ? fill(T.skippedImages, { n: data.skippedImages }) : T.pasted);
        ta.dispatchEvent(new CustomEvent('bientap:preview-now', { bubbles: true }));
      });
    }).catch(function () { fallback(T.pasteOffline); });
  }
  function onPaste(ta, status) {
    return function (event) {
      var data = event.clipboardData;
      if (!data || ta.readOnly) return;
      var types = Array.prototype.slice.call(data.types || []);
      var html = types.indexOf('text/html') >= 0 ? data.getData('text/html') : '';
      var plain = types.indexOf('text/plain') >= 0 ? data.getData('text/plain') : '';
      if (html.trim() !== '') {
        event.preventDefault();
        pasteHtml(ta, html, plain, status);
      } else if (plain !== '') {
        event.preventDefault();
        replaceRange(ta, ta.selectionStart, ta.selectionEnd, plain.normalize('NFC').replace(/\r\n?/g, '\n'));
      }
      // Image files without HTML: /admin/body-photos.js takes them (not prevented here).
    };
  }

  // ---- counts: read-only listeners, debounced, not a live region ----
  function setUpCount(ta) {
    var node = document.getElementById(ta.id + '-dem');
    if (!node) return;
    var timer = 0;
    ta.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = countWords(ta.value);
        node.textContent = fill(T.count, { words: words.toLocaleString('vi-VN'), minutes: readingMinutes(words).toLocaleString('vi-VN') });
      }, 300);
    });
  }

  // ---- unsaved changes: the whole form as loaded, against the form now ----
  function snapshot(form) {
    return Array.prototype.map.call(form.elements, function (f) {
      if (!f.name || f.type === 'submit' || f.type === 'button') return '';
      if (f.type === 'checkbox' || f.type === 'radio') return f.name + '=' + f.checked;
      if (f.type === 'file') return f.name + '=' + Array.prototype.map.call(f.files || [], function (x) { return x.name; }).join('/');
      if (f.multiple && f.options) return f.name + '=' + Array.prototype.filter.call(f.options, function (o) { return o.selected; }).map(function (o) { return o.value; }).join('/');
      return f.name + '=' + f.value;
    }).join('\n');
  }
  var watched = [];
  function watchForm(form) {
    if (!form || watched.indexOf(form) >= 0) return;
    watched.push(form);
    var loaded = snapshot(form), leaving = false;
    form.addEventListener('submit', function () { leaving = true; });
    window.addEventListener('beforeunload', function (event) {
      if (leaving || snapshot(form) === loaded) return;
      event.preventDefault();
      event.returnValue = '';
    });
  }

  function setUp(ta) {
    if (ta.readOnly || ta.hasAttribute('data-body-editor-ready')) return;
    ta.setAttribute('data-body-editor-ready', '');
    var wrap = ta.closest('.body-editor') || ta.parentElement;
    var toolbar = wrap.querySelector('[data-body-toolbar]');
    if (toolbar) setUpToolbar(toolbar, ta);
    var status = el('p', { class: 'hint body-status', role: 'status' });
    ta.insertAdjacentElement('afterend', status);
    ta.addEventListener('keydown', function (event) {
      var name = shortcutOf(event);
      if (!name) return;
      event.preventDefault();
      ACTIONS[name](ta);
    });
    ta.addEventListener('paste', onPaste(ta, status));
    setUpCount(ta);
    watchForm(ta.form);
  }

  var start = function () { Array.prototype.forEach.call(document.querySelectorAll('textarea[data-body-editor]'), setUp); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
