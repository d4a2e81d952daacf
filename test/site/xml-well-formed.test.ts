import { describe, expect, it } from 'vitest';
import { childElements, parseXml, textOf } from './xml-well-formed.ts';

describe('parseXml(text)', () => {
  it('returns the element tree with attributes and decoded text', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<a x="1 &amp; 2"><b>&lt;c&gt; &#230;&#x00F8;</b><!-- note --><b/></a>\n',
    );
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1 & 2' });
    expect(childElements(root, 'b')).toHaveLength(2);
    expect(textOf(childElements(root, 'b')[0])).toBe('<c> æø');
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a bare ampersand', '<a>AT&T</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a less-than sign in text', '<a>1 < 2</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['two root elements', '<a/><b/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['text after the root', '<a/>text'],
  ])('rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
