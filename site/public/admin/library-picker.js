// The media library picker, one dialog for every use: a photo in a body (body-photos.js) and an article's
// cover (cover-library.js). Searches /admin/thu-vien/tim (folded, newest first, pages of 20), shows the
// items as buttons and hands the chosen one to the caller's onPick; the caller says what a pick does.
// Needs editor-dom.js (loaded before it). Strings come from the caller (strings.ts).
(function () {
  'use strict';
  // Loaded by the body editor and the cover fieldset: define once.
  if (window.bientapLibraryPicker || typeof HTMLDialogElement !== 'function') return;
  var SEARCH_URL = '/admin/thu-vien/tim';
  var D = window.bientapEditorDom;
  var el = D.el, fill = D.fill;
  var ids = 0;

  /**
   * Opens the picker. options.text: libraryTitle, searchLabel, libraryResults, searching, noResults,
   * resultCount ({n}), libraryFailed, loadMore, close. options.onPick(item) runs after the dialog closed
   * (item as the search endpoint gives it: key, url, thumbUrl, alt, caption, …); options.onCancel() when
   * it closed without a pick. The browser gives the focus back to what opened it.
   */
  function openLibraryPicker(options) {
    var T = options.text;
    var picked = null;
    ids += 1;
    var titleId = 'thu-vien-chon-' + ids;
    var searchId = 'thu-vien-tim-' + ids;
    var search = el('input', { id: searchId, type: 'search', name: 'q', autocomplete: 'off' });
    var status = el('p', { class: 'photo-dialog-status', role: 'status' });
    var list = el('ul', { class: 'library-items', 'aria-label': T.libraryResults });
    var more = el('button', { type: 'button', class: 'secondary', hidden: true, text: T.loadMore });
    var close = el('button', { type: 'button', class: 'secondary', text: T.close });
    var form = el('form', { role: 'search', class: 'library-search' }, [el('label', { for: searchId, text: T.searchLabel }), search]);
    var dialog = el('dialog', { class: 'editor-dialog photo-dialog library-dialog', 'aria-labelledby': titleId }, [
      el('h2', { id: titleId, text: T.libraryTitle }), form, status, list,
      el('div', { class: 'actions' }, [more, close]),
    ]);
    var asked = 0;
    var next = null;
    var timer = 0;
    var settled = false;

    function itemButton(item) {
      var name = item.alt || item.filename || item.key;
      var button = el('button', { type: 'button', class: 'library-item' }, [
        el('img', { src: item.thumbUrl || item.url, alt: '', width: '120', height: '90', loading: 'lazy' }),
        el('span', { text: name }),
      ]);
      if (item.caption) button.appendChild(el('span', { class: 'library-caption', text: item.caption }));
      button.addEventListener('click', function () {
        picked = item;
        settle();
      });
      return el('li', {}, [button]);
    }

    function load(cursor) {
      var mine = ++asked;
      var url = SEARCH_URL + '?q=' + encodeURIComponent(search.value.trim()) + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      status.textContent = T.searching;
      list.setAttribute('aria-busy', 'true');
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }).then(function (data) {
        if (mine !== asked) return;
        list.removeAttribute('aria-busy');
        if (!cursor) list.textContent = '';
        var firstNew = null;
        (data.items || []).forEach(function (item) {
          var li = itemButton(item);
          if (!firstNew) firstNew = li.firstChild;
          list.appendChild(li);
        });
        next = data.next || null;
        more.hidden = !next;
        var count = list.children.length;
        status.textContent = count === 0 ? T.noResults : fill(T.resultCount, { n: count });
        // "Tải thêm" leaves the focus on the first photo it brought, not on a button that may vanish.
        if (cursor && firstNew) firstNew.focus();
      }).catch(function () {
        if (mine !== asked) return;
        list.removeAttribute('aria-busy');
        status.textContent = T.libraryFailed;
      });
    }

    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(null); }, 300);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      load(null);
    });
    more.addEventListener('click', function () { if (next) load(next); });
    // Esc, Đóng or a pick: the dialog goes, then the caller hears which. A pick settles at once, in the
    // click's own task: the 'close' event comes a task later, and the caller's form must not lag behind
    // the dialog's disappearance (a save pressed right after would miss the pick).
    function settle() {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      asked += 1;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (picked) options.onPick(picked);
      else if (options.onCancel) options.onCancel();
    }
    close.addEventListener('click', settle);
    dialog.addEventListener('close', settle);
    document.body.appendChild(dialog);
    dialog.showModal();
    search.focus();
    load(null);
  }

  window.bientapLibraryPicker = openLibraryPicker;
})();
