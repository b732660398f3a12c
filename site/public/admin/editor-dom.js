// DOM helpers shared by the admin editor scripts (body-editor.js, body-photos.js, library-picker.js, cover-library.js), loaded before them by
// BodyEditor.astro (and ArticleForm.astro's cover fieldset): building dialog elements, filling message templates, editing a textarea as typing does.
(function () {
  'use strict';
  // BodyEditor.astro puts the scripts beside each body (the page form has two): define once.
  if (window.bientapEditorDom) return;

  /** An element with attributes (`text` sets its text; null, false and undefined leave one out) and children. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (attrs[name] !== null && attrs[name] !== false && attrs[name] !== undefined) node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /** A message of strings.ts with its {name} places filled. */
  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
  }

  /**
   * Replaces [start, end) of the textarea with text as the user would: execCommand keeps the edit on the
   * browser's undo stack (Ctrl+Z, Hoàn tác) and fires `input`. A browser that refuses it still gets the
   * text, without undo for this step, and `input` is fired by hand.
   */
  function insertText(ta, start, end, text) {
    ta.focus();
    ta.setSelectionRange(start, end);
    var done = text === '' ? document.execCommand('delete', false) : document.execCommand('insertText', false, text);
    if (!done) {
      ta.setRangeText(text, start, end, 'end');
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  window.bientapEditorDom = { el: el, fill: fill, insertText: insertText };
})();
