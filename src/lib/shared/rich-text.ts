import * as Y from 'yjs';

/** A rich-text node for read-only display, rendered by components without any raw HTML. */
export type RichNode =
	| { type: 'text'; text: string; bold: boolean; italic: boolean }
	| { type: 'block'; tag: 'p' | 'h3' | 'h4' | 'ul' | 'ol' | 'li' | 'blockquote' | 'pre' | 'hr' | 'br'; children: RichNode[] };

const TAGS: Record<string, Extract<RichNode, { type: 'block' }>['tag']> = {
	paragraph: 'p',
	bulletList: 'ul',
	orderedList: 'ol',
	listItem: 'li',
	blockquote: 'blockquote',
	codeBlock: 'pre',
	horizontalRule: 'hr',
	hardBreak: 'br'
};

function convert(node: Y.XmlElement | Y.XmlText | Y.XmlHook): RichNode[] {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
			.filter((op) => typeof op.insert === 'string')
			.map((op) => ({ type: 'text', text: op.insert as string, bold: Boolean(op.attributes?.bold), italic: Boolean(op.attributes?.italic) }));
	}
	if (node instanceof Y.XmlElement) {
		const children = node.toArray().flatMap(convert);
		if (node.nodeName === 'heading') return [{ type: 'block', tag: Number(node.getAttribute('level')) === 4 ? 'h4' : 'h3', children }];
		const tag = TAGS[node.nodeName];
		// Unknown nodes keep their text, never their markup.
		return tag ? [{ type: 'block', tag, children }] : children;
	}
	return [];
}

/** The description of a document as display nodes. */
export function richTextNodes(fragment: Y.XmlFragment): RichNode[] {
	return fragment.toArray().flatMap(convert);
}

/** The text of display nodes without formatting: one line per block, for comparing versions. */
export function richPlainText(nodes: readonly RichNode[]): string {
	const lines: string[] = [];
	let line = '';
	const walk = (node: RichNode) => {
		if (node.type === 'text') line += node.text;
		else if (node.tag === 'br') line += '\n';
		else if (node.children.some((child) => child.type === 'block' && child.tag !== 'br')) node.children.forEach(walk);
		else {
			node.children.forEach(walk);
			lines.push(line);
			line = '';
		}
	};
	nodes.forEach(walk);
	if (line) lines.push(line);
	return lines.join('\n');
}
