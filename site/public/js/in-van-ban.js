// The print view's "In văn bản" button (a file: the pages' CSP allows no inline script). Without
// JavaScript the button stays hidden and the browser's own Print command does the same.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
