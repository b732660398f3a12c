// Photos in a body (textarea[data-body-editor]): "Chèn ảnh", drag and drop and pasted image files open a
// dialog asking for the alt text (required) and a caption, upload to the media library, then insert
// `![alt](/media/<key> "caption")` as its own paragraph; "Ảnh từ thư viện" picks an item already there
// (the dialog of library-picker.js, loaded before this script with editor-dom.js).
// Inserted with execCommand('insertText') so the browser's undo keeps working and `input` fires.
// Strings come from site/admin/strings.ts (BODY_PHOTOS.client) in this script element's data-text.
(function () {
  'use strict';
  var script = document.currentScript;
  // One copy per page: a form with two bodies (a page's Vietnamese and English) loads the script twice.
  if (!script || typeof HTMLDialogElement !== 'function' || !window.bientapLibraryPicker || window.bientapBodyPhotos) return;
  window.bientapBodyPhotos = true;
  var T = JSON.parse(script.getAttribute('data-text') || '{}');
  var UPLOAD_URL = '/admin/thu-vien/tai-len';

  var D = window.bientapEditorDom;
  var el = D.el, fill = D.fill;

  var ids = 0;
  function uid(name) { ids += 1; return 'anh-' + name + '-' + ids; }

  function editable(textarea) {
    return textarea && !textarea.readOnly && !textarea.disabled;
  }

  /** The body textarea a toolbar button works on: the nearest one in its surroundings. */
  function textareaOf(button) {
    for (var node = button.parentElement; node; node = node.parentElement) {
      var found = node.querySelector('textarea[data-body-editor]');
      if (found) return found;
    }
    return null;
  }

  function csrfOf(textarea) {
    var input = textarea.form && textarea.form.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  }

  // Markdown of the photo: the alt loses brackets' meaning, the caption its quotes' (the renderer
  // makes the title a <figcaption>); a URL with spaces or parentheses goes in <…>.
  function markdownOf(photo) {
    var alt = photo.alt.replace(/\s+/g, ' ').trim().replace(/([\\\[\]])/g, '\\$1');
    var caption = photo.caption.replace(/\s+/g, ' ').trim().replace(/([\\"])/g, '\\$1');
    var url = /[\s()<>]/.test(photo.url) ? '<' + photo.url.replace(/[<>]/g, encodeURIComponent) + '>' : photo.url;
    return '![' + alt + '](' + url + (caption ? ' "' + caption + '"' : '') + ')';
  }

  // Where a photo goes, read before a dialog opens: Chromium puts the caret at the start of the textarea
  // when closing a modal dialog gives it the focus back, so the selection is kept here and put back.
  function caretOf(textarea) {
    return { start: textarea.selectionStart, end: textarea.selectionEnd };
  }
  // The focus stays where the dialog gave it back (the textarea, or the toolbar button that opened it).
  function restoreCaret(textarea, caret) {
    textarea.setSelectionRange(caret.start, caret.end);
  }

  /** Inserts the photo as its own paragraph at the caret (a blank line on each side where text is); the caret then follows it. */
  function insertPhoto(textarea, photo, caret) {
    var start = Math.min(caret.start, textarea.value.length);
    var end = Math.min(caret.end, textarea.value.length);
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    var lead = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    var trail = after === '' || /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    D.insertText(textarea, start, end, lead + markdownOf(photo) + trail);
    caret.start = caret.end = textarea.selectionEnd;
    textarea.dispatchEvent(new CustomEvent('bientap:preview-now', { bubbles: true }));
  }

  // ---- The photo dialog: alt (required) and caption, then upload (a new file) or insert (a library item).

  function fieldBlock(name, label, hint, multiline) {
    var id = uid(name);
    var hintId = id + '-goi-y';
    var errorId = id + '-loi';
    var input = el(multiline ? 'textarea' : 'input', multiline ? { id: id, name: name, rows: '2', 'aria-describedby': hintId } : { id: id, name: name, type: 'text', 'aria-describedby': hintId });
    var error = el('p', { id: errorId, class: 'field-error', hidden: true });
    var block = el('div', { class: 'field' }, [el('label', { for: id, text: label }), el('p', { class: 'hint', id: hintId, text: hint }), error, input]);
    return { block: block, input: input, error: error, errorId: errorId, hintId: hintId };
  }

  /**
   * Asks for the alt text and caption of one photo; resolves with the inserted photo or null (cancelled).
   * photo: { file?, src?, alt, caption, url? }: with a file, submitting uploads it first (its preview is
   * drawn on a canvas: the CSP's img-src has no blob:); a library item shows its src.
   */
  function askPhoto(textarea, caret, photo, heading) {
    return new Promise(function (resolve) {
      var titleId = uid('tieu-de');
      var alt = fieldBlock('alt', T.altLabel, T.altHint, false);
      var caption = fieldBlock('caption', T.captionLabel, T.captionHint, true);
      alt.input.setAttribute('required', '');
      alt.input.setAttribute('aria-required', 'true');
      alt.input.value = photo.alt || '';
      caption.input.value = photo.caption || '';
      var picture = photo.src ? el('img', { src: photo.src, alt: '', class: 'photo-dialog-image' })
        : photo.file ? el('canvas', { class: 'photo-dialog-image', 'aria-hidden': 'true', width: '0', height: '0' }) : null;
      if (picture && photo.file) drawPreview(picture, photo.file);
      var fileName = photo.file ? el('p', { class: 'photo-dialog-file', text: photo.file.name }) : null;
      var status = el('p', { class: 'photo-dialog-status', role: 'status' });
      var problem = el('p', { class: 'field-error', role: 'alert', hidden: true });
      var progress = el('progress', { max: '100', hidden: true, 'aria-label': T.uploading });
      var submit = el('button', { type: 'submit', text: photo.file ? T.uploadAndInsert : T.insert });
      var cancel = el('button', { type: 'button', class: 'secondary', text: T.cancel });
      var form = el('form', { novalidate: true }, [picture, fileName, alt.block, caption.block, progress, status, problem,
        el('div', { class: 'actions' }, [submit, cancel])]);
      var dialog = el('dialog', { class: 'editor-dialog photo-dialog', 'aria-labelledby': titleId }, [el('h2', { id: titleId, text: heading }), form]);
      var request = null;
      var finished = false;

      function finish(result) {
        if (finished) return;
        finished = true;
        if (request) request.abort();
        if (dialog.open) dialog.close();
        dialog.remove();
        if (!result) restoreCaret(textarea, caret);
        resolve(result);
      }

      function setAltError(message) {
        alt.error.textContent = message || '';
        alt.error.hidden = !message;
        if (message) {
          alt.input.setAttribute('aria-invalid', 'true');
          alt.input.setAttribute('aria-describedby', alt.errorId + ' ' + alt.hintId);
        } else {
          alt.input.removeAttribute('aria-invalid');
          alt.input.setAttribute('aria-describedby', alt.hintId);
        }
      }

      function showProblem(message) {
        problem.textContent = message;
        problem.hidden = false;
        status.textContent = '';
        progress.hidden = true;
        submit.disabled = false;
      }

      function done(url) {
        var chosen = { url: url, alt: alt.input.value, caption: caption.input.value };
        finish(chosen);
        insertPhoto(textarea, chosen, caret);
      }

      function upload(file) {
        var data = new FormData();
        data.append('file', file, file.name);
        data.append('alt', alt.input.value.trim());
        data.append('caption', caption.input.value.trim());
        var xhr = new XMLHttpRequest();
        request = xhr;
        xhr.open('POST', UPLOAD_URL);
        xhr.setRequestHeader('X-CSRF-Token', csrfOf(textarea));
        xhr.responseType = 'json';
        progress.hidden = false;
        progress.removeAttribute('value');
        status.textContent = T.uploading;
        xhr.upload.onprogress = function (event) {
          if (!event.lengthComputable) return;
          var percent = Math.round((event.loaded / event.total) * 100);
          progress.value = percent;
          status.textContent = fill(T.uploadingPercent, { percent: percent });
        };
        xhr.onload = function () {
          request = null;
          var answer = xhr.response;
          if (xhr.status === 201 && answer && typeof answer.url === 'string') done(answer.url);
          else showProblem(answer && typeof answer.error === 'string' ? answer.error : T.uploadFailed);
        };
        xhr.onerror = function () { request = null; showProblem(T.uploadFailed); };
        xhr.send(data);
      }

      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (submit.disabled) return;
        problem.hidden = true;
        if (alt.input.value.trim() === '') {
          setAltError(T.altRequired);
          alt.input.focus();
          return;
        }
        setAltError('');
        if (!photo.file) return done(photo.url);
        submit.disabled = true;
        var shrink = window.bientapShrinkPhoto;
        if (typeof shrink !== 'function') return upload(photo.file);
        status.textContent = T.shrinking;
        shrink(photo.file).then(function (file) { if (!finished) upload(file); });
      });
      alt.input.addEventListener('input', function () { if (alt.input.value.trim() !== '') setAltError(''); });
      cancel.addEventListener('click', function () { finish(null); });
      // Esc: the browser fires cancel and closes the dialog; the upload under way is dropped.
      dialog.addEventListener('close', function () { finish(null); });

      document.body.appendChild(dialog);
      dialog.showModal();
      alt.input.focus();
    });
  }

  /** One dialog per file, in order; each photo is inserted after the one before it. */
  function askFiles(textarea, files) {
    var list = Array.prototype.slice.call(files);
    var caret = caretOf(textarea);
    return list.reduce(function (previous, file, i) {
      return previous.then(function () {
        var heading = list.length > 1 ? fill(T.titleOfMany, { n: i + 1, total: list.length }) : T.title;
        return askPhoto(textarea, caret, { file: file, alt: '', caption: '' }, heading);
      });
    }, Promise.resolve());
  }

  var PREVIEW_WIDTH = 560;
  /** The photo drawn at most PREVIEW_WIDTH wide; a file the browser cannot decode shows no preview (the server judges it). */
  function drawPreview(canvas, file) {
    if (typeof createImageBitmap !== 'function') return;
    createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
      var scale = Math.min(1, PREVIEW_WIDTH / bitmap.width);
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
    }).catch(function () { canvas.hidden = true; });
  }

  // ---- The library: the shared picker (library-picker.js), then the photo dialog with the item's alt and caption.

  function pickFromLibrary(textarea) {
    var caret = caretOf(textarea);
    window.bientapLibraryPicker({
      text: T,
      onPick: function (item) {
        askPhoto(textarea, caret, { src: item.thumbUrl || item.url, url: item.url, alt: item.alt || '', caption: item.caption || '' }, T.title);
      },
      onCancel: function () { restoreCaret(textarea, caret); },
    });
  }

  // ---- Wiring: toolbar buttons (delegated: toolbars may be built after this script), drop and paste.

  var picker = el('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
  var pickerFor = null;
  picker.addEventListener('change', function () {
    var files = picker.files ? Array.prototype.slice.call(picker.files) : [];
    var textarea = pickerFor;
    picker.value = '';
    if (textarea && files.length > 0) askFiles(textarea, files);
  });
  document.body.appendChild(picker);

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-editor-image], [data-editor-library]') : null;
    if (!button) return;
    var textarea = textareaOf(button);
    if (!editable(textarea)) return;
    event.preventDefault();
    if (button.hasAttribute('data-editor-library')) return pickFromLibrary(textarea);
    pickerFor = textarea;
    picker.click();
  });

  function filesOf(transfer) {
    return transfer && transfer.files ? Array.prototype.slice.call(transfer.files) : [];
  }
  function carriesFiles(transfer) {
    return !!transfer && Array.prototype.indexOf.call(transfer.types || [], 'Files') >= 0;
  }

  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-body-editor]'), function (textarea) {
    if (!editable(textarea)) return;
    textarea.addEventListener('dragover', function (event) {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault(); // allows the drop (otherwise the browser would open the file)
      event.dataTransfer.dropEffect = 'copy';
    });
    textarea.addEventListener('drop', function (event) {
      var files = filesOf(event.dataTransfer);
      if (files.length === 0) return;
      event.preventDefault();
      askFiles(textarea, files);
    });
    textarea.addEventListener('paste', function (event) {
      var data = event.clipboardData;
      // A paste with HTML (or one the body editor already took, as text) is not a photo paste.
      if (event.defaultPrevented || !data || Array.prototype.indexOf.call(data.types || [], 'text/html') >= 0) return;
      var images = filesOf(data).filter(function (f) { return /^image\//.test(f.type); });
      if (images.length === 0) return;
      event.preventDefault();
      askFiles(textarea, images);
    });
  });
})();
