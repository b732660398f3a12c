// /admin/menu: drag-and-drop reordering, a progressive enhancement over the no-JS buttons. Items (and
// whole submenus with their parent) are dragged within the tree; an item without children can also be
// dropped into a submenu (two levels, never deeper). Dropping reveals "Lưu thứ tự", which posts the whole
// order as JSON; the server checks it holds exactly the site's items, two levels.
(() => {
  const tree = document.getElementById('menu-items');
  const form = document.getElementById('menu-order-form');
  if (!tree || !form) return;
  let dragged = null;

  const shape = () => [...tree.children].map((li) => ({
    id: Number(li.dataset.id),
    children: [...(li.querySelector(':scope > ol')?.children ?? [])].map((c) => Number(c.dataset.id)),
  }));

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
    li.addEventListener('dragend', () => {
      li.classList.remove('dragging');
      dragged = null;
    });
    li.addEventListener('dragover', (event) => {
      if (!dragged || dragged === li || dragged.contains(li)) return;
      const intoSub = li.parentElement !== tree;
      // An item with a submenu stays at the top level.
      if (intoSub && hasChildren(dragged)) return;
      event.preventDefault();
      event.stopPropagation();
      const box = li.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      li.parentElement.insertBefore(dragged, after ? li.nextSibling : li);
    });
  }
  tree.addEventListener('drop', (event) => {
    event.preventDefault();
    form.hidden = false;
    form.querySelector('input[name="order"]').value = JSON.stringify(shape());
  });
  form.addEventListener('submit', () => {
    form.querySelector('input[name="order"]').value = JSON.stringify(shape());
  });
})();
