// The few SVG pieces every picture uses: escaped text, elements, and the document frame. Plain
// strings, so pictures work in the CLI, over LSP and in a web worker alike.

/** Text for an SVG/XML text node or attribute: markup characters escaped, control characters dropped. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : xmlText(v as string)}"`)
    .join('');
}

const round = (n: number) => String(Math.round(n * 10) / 10);

export function el(name: string, a: Attrs, children = ''): string {
  return children === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, ...a }, xmlText(content));
}

/** A whole SVG document with a white background and the house font. */
export function svgDocument(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}" viewBox="0 0 ${round(width)} ${round(height)}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">\n` +
    `<title>${xmlText(title)}</title>\n` +
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }) +
    '\n' +
    body +
    '\n</svg>\n'
  );
}
