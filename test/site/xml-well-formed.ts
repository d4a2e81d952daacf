/**
 * A small strict XML 1.0 parser for tests: it checks that feeds and sitemaps are well-formed
 * (one root, balanced and properly nested tags, quoted and unique attributes, valid references,
 * only characters XML allows) and returns the element tree for structure checks. No DTDs.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
const ILLEGAL_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Thrown for XML that is not well-formed, with the offset and line of the problem. */
export class XmlError extends Error {}

/** Parses `text`, throwing XmlError for the first well-formedness error found. */
export function parseXml(text: string): XmlElement {
  let pos = 0;
  const fail = (message: string): never => {
    const line = text.slice(0, pos).split('\n').length;
    throw new XmlError(`${message} at line ${line} (offset ${pos})`);
  };
  const illegal = ILLEGAL_CHAR.exec(text);
  if (illegal) {
    pos = illegal.index;
    fail(`character U+${(illegal[0].codePointAt(0) ?? 0).toString(16).toUpperCase()} is not allowed in XML`);
  }

  const decode = (raw: string): string =>
    raw.replace(/&([^;&]*);?/g, (match, ref: string) => {
      if (!match.endsWith(';')) fail(`"&" must start a reference like &amp; (found "${match}")`);
      const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (numeric) {
        const code = numeric[1] ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
        const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
        if (!char || ILLEGAL_CHAR.test(char)) fail(`reference &${ref}; is not an allowed character`);
        return char;
      }
      const named = PREDEFINED[ref];
      if (named === undefined) fail(`unknown entity &${ref};`);
      return named as string;
    });

  const name = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (!match) fail('expected a name');
    pos += (match as RegExpExecArray)[0].length;
    return (match as RegExpExecArray)[0];
  };
  const spaces = () => {
    while (pos < text.length && /\s/.test(text.charAt(pos))) pos++;
  };
  const expect = (literal: string) => {
    if (!text.startsWith(literal, pos)) fail(`expected "${literal}"`);
    pos += literal.length;
  };
  const until = (end: string, what: string): string => {
    const close = text.indexOf(end, pos);
    if (close < 0) fail(`unterminated ${what}`);
    const body = text.slice(pos, close);
    pos = close + end.length;
    return body;
  };
  /** Comments and processing instructions, allowed between elements and in content. */
  const misc = (): boolean => {
    if (text.startsWith('<!--', pos)) {
      pos += 4;
      if (until('-->', 'comment').includes('--')) fail('"--" inside a comment');
      return true;
    }
    if (text.startsWith('<?', pos)) {
      pos += 2;
      if (name().toLowerCase() === 'xml') fail('XML declaration only at the very start');
      until('?>', 'processing instruction');
      return true;
    }
    return false;
  };

  const element = (): XmlElement => {
    expect('<');
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      spaces();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return { name: tag, attributes, children: [] };
      }
      if (text.startsWith('>', pos)) {
        pos += 1;
        break;
      }
      if (pos === before) fail(`expected a space, ">" or "/>" in <${tag}>`);
      const attribute = name();
      if (Object.hasOwn(attributes, attribute)) fail(`attribute ${attribute} twice in <${tag}>`);
      spaces();
      expect('=');
      spaces();
      const quote = text.charAt(pos);
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} must be quoted`);
      pos++;
      const raw = until(quote, `attribute ${attribute}`);
      if (raw.includes('<')) fail(`"<" in attribute ${attribute}`);
      attributes[attribute] = decode(raw);
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (pos >= text.length) fail(`<${tag}> is not closed`);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        spaces();
        expect('>');
        return { name: tag, attributes, children };
      }
      if (text.startsWith('<![CDATA[', pos)) {
        pos += 9;
        children.push(until(']]>', 'CDATA section'));
      } else if (misc()) {
        // skipped
      } else if (text.startsWith('<!', pos)) {
        fail('declarations (<!DOCTYPE, <!ENTITY) are not allowed here');
      } else if (text.startsWith('<', pos)) {
        children.push(element());
      } else {
        const next = text.indexOf('<', pos);
        const raw = text.slice(pos, next < 0 ? text.length : next);
        if (raw.includes(']]>')) fail('"]]>" in text');
        children.push(decode(raw));
        pos += raw.length;
      }
    }
  };

  if (text.startsWith('\uFEFF')) pos = 1;
  if (text.startsWith('<?xml', pos)) {
    pos += 5;
    const declaration = until('?>', 'XML declaration');
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(declaration)) fail('XML declaration without version');
  }
  for (;;) {
    spaces();
    if (!misc()) break;
  }
  if (text.startsWith('<!', pos)) fail('DOCTYPE declarations are not supported');
  const root = element();
  for (;;) {
    spaces();
    if (pos >= text.length) return root;
    if (!misc()) fail('content after the root element');
  }
}

/** The child elements of an element named `name` (all children when no name is given). */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name),
  );
}

/** The text content of an element. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
