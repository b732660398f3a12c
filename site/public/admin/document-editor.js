// The document form's small progressive enhancements (the form works without them):
//  - Enter in the related-documents search box searches (without the script it saves, the form's default);
//  - the body preview follows the typing (POST to the server's sanitizing renderer, CSRF header), as on
//    the article form.
(function () {
  'use strict';
  var form = document.getElementById('van-ban');
  if (!form || form.getAttribute('data-readonly') === 'true') return;

  var search = document.getElementById('d-relations');
  var find = form.querySelector('button[value="find-related"]');
  if (search && find) {
    search.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      find.click();
    });
  }

  var body = document.getElementById('d-body');
  var pane = form.querySelector('[data-preview-pane]');
  var box = document.getElementById('xem-truoc-noi-dung');
  var editor = form.querySelector('[data-editor]');
  var csrf = form.querySelector('input[name="_csrf"]');
  if (!body || !pane || !box || !csrf) return;
  var timer = 0;
  var sent = 0;
  var last = null;
  var refresh = function () {
    var text = body.value;
    if (text === last) return;
    last = text;
    if (text.trim() === '') {
      pane.hidden = true;
      if (editor) editor.classList.remove('with-preview');
      return;
    }
    var mine = ++sent;
    fetch(box.getAttribute('data-preview-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-CSRF-Token': csrf.value },
      body: text,
    }).then(function (r) { return r.headers.get('Content-Type') && r.headers.get('Content-Type').indexOf('json') >= 0 ? r.json() : null; }).then(function (data) {
      if (mine !== sent || !data) return;
      pane.hidden = false;
      if (editor) editor.classList.add('with-preview');
      // The HTML is already sanitized by the server (rehype-sanitize); a refusal is shown as text.
      if (typeof data.html === 'string') box.innerHTML = data.html;
      else if (typeof data.error === 'string') box.textContent = data.error;
    }).catch(function () { /* offline: keep the last preview */ });
  };
  refresh();
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  });
  // A photo or a pasted block inserted by the body editor's scripts shows at once.
  body.addEventListener('bientap:preview-now', function () {
    clearTimeout(timer);
    refresh();
  });
})();
