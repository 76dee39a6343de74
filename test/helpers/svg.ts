// Reads an SVG the way a browser's XML parser would (sax in strict mode): a test fails on a
// picture that is not well-formed, and can look at its elements.
import sax from 'sax';

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  /** Text directly inside the element. */
  text: string;
}

/** Every element of a well-formed SVG document, in document order; throws on malformed XML. */
export function parseSvg(svg: string): SvgElement[] {
  const parser = sax.parser(true, {});
  const out: SvgElement[] = [];
  const stack: SvgElement[] = [];
  parser.onopentag = (node) => {
    const e = { name: node.name, attributes: node.attributes as Record<string, string>, text: '' };
    out.push(e);
    stack.push(e);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  };
  parser.onerror = (err) => {
    throw err;
  };
  parser.write(svg).close();
  if (out[0]?.name !== 'svg') throw new Error('the document is not an <svg>');
  return out;
}
