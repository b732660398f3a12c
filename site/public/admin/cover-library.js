// An article's cover from the media library (WordPress' featured image): shows the cover fieldset's
// "Chọn ảnh từ thư viện" button, opens the shared picker (library-picker.js) and puts the chosen item's
// key in the form's hidden cover_key, which the server checks names an image of the working site and
// saves with the article. Without JavaScript the button stays hidden and the upload field works as before.
// Strings: BODY_PHOTOS.client and BODY_PHOTOS.cover.client (site/admin/strings.ts) in data-text.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.bientapLibraryPicker) return;
  var T = JSON.parse(script.getAttribute('data-text') || '{}');
  var D = window.bientapEditorDom;

  /** The admin's URL of a working-site image (the admin host's /media is the first site's): media-admin.ts adminMediaUrl. */
  function adminMediaUrl(key) { return '/admin/thu-vien/anh/' + key; }

  Array.prototype.forEach.call(document.querySelectorAll('button[data-cover-library]'), function (button) {
    var form = button.form;
    var field = function (name) { return form && form.querySelector('[name="' + name + '"]'); };
    var key = field('cover_key');
    var alt = field('cover_alt');
    var caption = field('cover_caption');
    var file = field('cover_file');
    var fieldset = button.closest('fieldset');
    var status = fieldset && fieldset.querySelector('[data-cover-status]');
    if (!key || !alt || !caption || !fieldset || !status) return;

    function pick(item) {
      key.value = item.key;
      if (alt.value.trim() === '') alt.value = item.alt || '';
      if (caption.value.trim() === '') caption.value = item.caption || '';
      // The file would win over the picked item at the server: the pick is the editor's last word.
      if (file) file.value = '';
      // The picked image takes the current cover's place (with it goes "remove the cover", which would drop the pick).
      var shown = D.el('div', { class: 'cover-now', 'data-cover-now': true }, [
        D.el('p', { text: T.picked + ':' }),
        D.el('img', { src: adminMediaUrl(item.key), alt: item.alt || '' }),
      ]);
      var now = fieldset.querySelector('[data-cover-now]');
      if (now) now.replaceWith(shown);
      else button.before(shown);
      status.textContent = D.fill(T.pickedStatus, { alt: item.alt || item.filename || item.key });
    }

    button.addEventListener('click', function () {
      window.bientapLibraryPicker({ text: T, onPick: pick });
    });
    button.hidden = false;
  });
})();
