// /admin/menu: drag-and-drop reordering, a progressive enhancement over the no-JS buttons. Items (and a
// parent with its submenu) are dragged within the tree; an item without children can also go into a
// submenu (two levels, never deeper). Once the order differs, "Lưu thứ tự" appears and posts the whole
// order as JSON; the server checks it holds exactly the site's items, two levels.
(() => {
  const tree = document.getElementById('menu-items');
  const form = document.getElementById('menu-order-form');
  if (!tree || !form) return;
  const field = form.querySelector('input[name="order"]');
  let dragged = null;

  const shape = () => JSON.stringify([...tree.children].map((li) => ({
    id: Number(li.dataset.id),
    children: [...(li.querySelector(':scope > ol')?.children ?? [])].map((c) => Number(c.dataset.id)),
  })));
  const initial = shape();
  const hasChildren = (li) => (li.querySelector(':scope > ol')?.children.length ?? 0) > 0;

  for (const li of tree.querySelectorAll('li[data-id]')) {
    li.draggable = true;
    li.addEventListener('dragstart', (event) => {
      event.stopPropagation();
      dragged = li;
      li.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', li.dataset.id);
    });
    li.addEventListener('dragover', (event) => {
      if (!dragged || dragged === li || dragged.contains(li)) return;
      // An item with a submenu stays at the top level.
      if (li.parentElement !== tree && hasChildren(dragged)) return;
      event.stopPropagation();
      const box = li.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      li.parentElement.insertBefore(dragged, after ? li.nextSibling : li);
    });
  }
  // Anywhere in the tree accepts the drop (the item is already where it shows).
  tree.addEventListener('dragover', (event) => {
    if (dragged) event.preventDefault();
  }, true);
  tree.addEventListener('drop', (event) => event.preventDefault());
  document.addEventListener('dragend', () => {
    if (!dragged) return;
    dragged.classList.remove('dragging');
    dragged = null;
    field.value = shape();
    form.hidden = field.value === initial;
  });
  form.addEventListener('submit', () => {
    field.value = shape();
  });
})();
