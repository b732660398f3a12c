// The edit form's small progressive enhancements (the form works without them):
//  - the body preview follows the typing (POST to the server's sanitizing renderer, CSRF header);
//  - the slug field shows the slug the title would give when left empty.
(function () {
  'use strict';
  var form = document.getElementById('bai-viet');
  if (!form || form.getAttribute('data-readonly') === 'true') return;

  var body = document.getElementById('f-body');
  var pane = form.querySelector('[data-preview-pane]');
  var box = document.getElementById('xem-truoc-noi-dung');
  var editor = form.querySelector('[data-editor]');
  var csrf = form.querySelector('input[name="_csrf"]');
  if (body && pane && box && csrf) {
    var timer = 0;
    var sent = 0;
    var last = null;
    var refresh = function () {
      var text = body.value;
      if (text === last) return;
      last = text;
      var mine = ++sent;
      fetch(box.getAttribute('data-preview-url'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-CSRF-Token': csrf.value },
        body: text,
      }).then(function (r) { return r.headers.get('Content-Type') && r.headers.get('Content-Type').indexOf('json') >= 0 ? r.json() : null; }).then(function (data) {
        // Only the newest answer counts; the HTML is already sanitized by the server (rehype-sanitize).
        if (mine === sent && data && typeof data.html === 'string') box.innerHTML = data.html;
        // A refused body (too long, or over the rendering bounds): say why, as text.
        else if (mine === sent && data && typeof data.error === 'string') box.textContent = data.error;
      }).catch(function () { /* offline: keep the last preview */ });
    };
    pane.hidden = false;
    if (editor) editor.classList.add('with-preview');
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
  }

  var title = document.getElementById('f-title');
  var slug = document.getElementById('f-slug');
  if (title && slug) {
    // Close to the server's slugify (which decides): Vietnamese letters lose their marks, đ -> d.
    var derive = function (s) {
      return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
        .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
    };
    var update = function () { slug.placeholder = derive(title.value); };
    update();
    title.addEventListener('input', update);
  }
})();
