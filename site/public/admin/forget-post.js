// On an answer to a form that showed a secret once (a webhook added or its secret rotated): the history entry
// becomes a plain GET of this URL, so a reload shows the page again instead of sending the form a second time.
history.replaceState(null, '', location.href);
