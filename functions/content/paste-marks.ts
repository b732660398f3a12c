// Spaces at the edges of bold, italic and struck-through text moved outside the marks, so pasted text reads `**a** b`, not `**a&#x20;**b`.
import type { Nodes as MdastNodes, Root as MdastRoot, PhrasingContent } from 'mdast';

type Mark = Extract<PhrasingContent, { type: 'strong' | 'emphasis' | 'delete' }>;
const isMark = (node: MdastNodes | undefined): node is Mark => !!node && (node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete');

/** The text at a mark's start (at = 0) or end (at = -1), through nested marks: `<b><i> x</i></b>`. */
function edgeText(mark: Mark, at: 0 | -1): { value: string } | undefined {
  let node: MdastNodes | undefined = mark;
  while (isMark(node)) node = node.children.at(at);
  return node?.type === 'text' ? node : undefined;
}

/**
 * Google Docs and Word end bold runs with the space before the next word (`<span style="font-weight:700">chi tiết </span>`);
 * CommonMark cannot close `**` after a space, so remark writes it as `&#x20;`. The space goes outside the mark;
 * a mark left with only spaces becomes those spaces.
 */
export function spacesOutsideMarks(root: MdastRoot): void {
  const stack: MdastNodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!('children' in node)) continue;
    const children = node.children as MdastNodes[];
    for (let i = 0; i < children.length; i++) {
      const mark = children[i];
      if (!isMark(mark)) continue;
      const first = edgeText(mark, 0);
      const lead = first ? /^\s+/.exec(first.value)?.[0] ?? '' : '';
      if (first && lead) first.value = first.value.slice(lead.length);
      const last = edgeText(mark, -1);
      const trail = last ? /\s+$/.exec(last.value)?.[0] ?? '' : '';
      if (last && trail) last.value = last.value.slice(0, -trail.length);
      if (!lead && !trail) continue;
      const empty = first === last && first?.value === '';
      const around: MdastNodes[] = empty ? [{ type: 'text', value: lead || trail }] : [
        ...(lead ? [{ type: 'text', value: lead } as const] : []), mark, ...(trail ? [{ type: 'text', value: trail } as const] : []),
      ];
      children.splice(i, 1, ...around);
      i += around.length - 1;
    }
    // One push per child: spreading a list of 400,000 paragraphs as arguments overflows the stack.
    for (const child of children) stack.push(child);
  }
}
