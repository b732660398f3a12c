// The reader's tools (a file: the pages' CSP allows no inline script). Loaded in <head> without defer,
// so the remembered text size is on <html> before the body is painted (no jump); the buttons are wired
// once the page is parsed. The choice is kept in localStorage, never a cookie (no consent banner), and
// the HTML stays the same for every reader (edge-cached). Without JavaScript the tools stay hidden.
(function () {
  var KEY = 'co-chu';
  var MIN = -1;
  var MAX = 3;
  var PERCENT = { '-1': 90, 0: 100, 1: 115, 2: 130, 3: 150 };
  var root = document.documentElement;

  function stored() {
    try {
      var n = Number(window.localStorage.getItem(KEY));
      return Number.isInteger(n) && n >= MIN && n <= MAX ? n : 0;
    } catch (e) {
      return 0; // storage blocked: the default size, still adjustable on this page
    }
  }

  function apply(level) {
    if (level === 0) root.removeAttribute('data-co-chu');
    else root.setAttribute('data-co-chu', String(level));
  }

  var level = stored();
  apply(level);

  function wire() {
    var status = document.querySelector('[data-text-size-status]');
    var buttons = document.querySelectorAll('[data-text-size]');
    function show(announce) {
      for (var i = 0; i < buttons.length; i++) {
        var step = buttons[i].getAttribute('data-text-size');
        var off = (step === '-1' && level <= MIN) || (step === '1' && level >= MAX);
        buttons[i].setAttribute('aria-disabled', off ? 'true' : 'false');
        if (step === '0') buttons[i].setAttribute('aria-pressed', level === 0 ? 'true' : 'false');
      }
      // The words come from the page (Vietnamese or English), the number from here.
      if (status && announce) status.textContent = (status.getAttribute('data-text-size-status') || '{n}%').replace('{n}', String(PERCENT[level]));
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        var step = Number(event.currentTarget.getAttribute('data-text-size'));
        var next = step === 0 ? 0 : Math.min(MAX, Math.max(MIN, level + step));
        level = next;
        apply(level);
        try {
          if (level === 0) window.localStorage.removeItem(KEY);
          else window.localStorage.setItem(KEY, String(level));
        } catch (e) {
          // not remembered, but applied on this page
        }
        show(true);
      });
    }
    var prints = document.querySelectorAll('[data-print]');
    for (var j = 0; j < prints.length; j++) prints[j].addEventListener('click', function () { window.print(); });
    var tools = document.querySelectorAll('[data-reader-tools]');
    for (var k = 0; k < tools.length; k++) tools[k].hidden = false;
    show(false);
  }

  // The printed date is the day of printing (a page may stay open past midnight): refreshed before print.
  window.addEventListener('beforeprint', function () {
    var day = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    var dates = document.querySelectorAll('[data-print-date]');
    for (var i = 0; i < dates.length; i++) dates[i].textContent = day;
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
