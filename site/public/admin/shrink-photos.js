// Shrinks photos over 6 megapixels in the browser before an admin form sends them (inputs marked
// data-shrink-photos: the gallery, the article cover, the site logo). The Worker cannot decode such a
// photo for its phone-sized copies (a 12 MP JPEG needs about 161 MB, over its 128 MB), so without this
// script it keeps the photo as uploaded, without copies. The chosen files are replaced in the input
// (DataTransfer) and the form is sent as it would be without JavaScript: the server path is the same.
// window.bientapShrinkPhoto(file) -> Promise<File> is the same shrinking for body photos (body-photos.js).
(function () {
  'use strict';
  if (window.bientapShrinkPhoto) return; // loaded twice on one page: the listeners are there already
  var MAX_PIXELS = 6000000; // functions/media/copy-keys.ts MAX_COPY_PIXELS
  var QUALITY = 0.9;
  var TYPES = ['image/jpeg', 'image/png', 'image/webp']; // the formats the server makes copies of
  if (typeof createImageBitmap !== 'function' || typeof DataTransfer !== 'function') return;

  /** The largest size with the same proportions and at most MAX_PIXELS (floors keep w*h under it). */
  function fitted(width, height) {
    var scale = Math.sqrt(MAX_PIXELS / (width * height));
    return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
  }

  function jpegName(name) {
    var base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    return (base || 'anh') + '.jpg';
  }

  function canvasOf(width, height) {
    if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
    var canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  }

  function jpegOf(canvas) {
    if (canvas.convertToBlob) return canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
    return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', QUALITY); });
  }

  /** The file itself when it is small enough, not a photo we shrink, or cannot be decoded here (the server judges it). */
  function shrink(file) {
    if (TYPES.indexOf(file.type) < 0) return Promise.resolve(file);
    // 'from-image': the camera's EXIF orientation is applied, so the pixels drawn are upright (the JPEG made has no EXIF).
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
      if (bitmap.width * bitmap.height <= MAX_PIXELS) {
        bitmap.close();
        return file;
      }
      var size = fitted(bitmap.width, bitmap.height);
      var canvas = canvasOf(size.width, size.height);
      var context = canvas.getContext('2d');
      // JPEG has no transparency: a transparent PNG's background becomes white, not black.
      context.fillStyle = '#fff';
      context.fillRect(0, 0, size.width, size.height);
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, size.width, size.height);
      bitmap.close();
      return jpegOf(canvas).then(function (blob) {
        return blob ? new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified }) : file;
      });
    }).catch(function () { return file; });
  }

  /** One photo at a time: several 12 MP bitmaps at once would take hundreds of MB on a phone. */
  function shrinkAll(files) {
    var out = [];
    return files.reduce(function (done, file) {
      return done.then(function () { return shrink(file); }).then(function (f) { out.push(f); });
    }, Promise.resolve()).then(function () { return out; });
  }

  window.bientapShrinkPhoto = shrink;

  // Per form, the work not yet finished: a submit waits for it.
  var pending = new WeakMap();

  Array.prototype.forEach.call(document.querySelectorAll('input[type="file"][data-shrink-photos]'), function (input) {
    var chosen = 0;
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      var form = input.form;
      if (files.length === 0 || !form) return;
      var mine = ++chosen;
      input.setAttribute('aria-busy', 'true');
      var job = shrinkAll(files).then(function (out) {
        // A newer choice replaces this one; files left as they were need no replacing.
        if (mine !== chosen || out.every(function (f, i) { return f === files[i]; })) return;
        var transfer = new DataTransfer();
        out.forEach(function (f) { transfer.items.add(f); });
        input.files = transfer.files;
      }).then(function () {
        if (mine === chosen) input.removeAttribute('aria-busy');
      });
      var all = Promise.all([pending.get(form), job]);
      pending.set(form, all);
      all.then(function () { if (pending.get(form) === all) pending.delete(form); });
    });
  });

  // A submit while photos are being shrunk waits for them, then the same button sends the form.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var job = pending.get(form);
    if (!job) return;
    event.preventDefault();
    event.stopPropagation();
    var submitter = event.submitter;
    var send = function () {
      var now = pending.get(form);
      if (now) return now.then(send); // a newer choice came in meanwhile
      if (submitter && submitter.form === form) form.requestSubmit(submitter);
      else form.requestSubmit();
    };
    job.then(send);
  }, true);
})();
