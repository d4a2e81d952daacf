import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../../src/lib/documents/sanitize-svg.ts';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

/** An SVG of `inner`, with a benign circle that must survive. */
const svg = (inner: string, rootAttributes = '') =>
  `<svg ${NS} ${XLINK}${rootAttributes} viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#c62828"/>${inner}</svg>`;

/** Sanitizes text that must be accepted, and gives the result as text. */
function clean(text: string | Uint8Array): string {
  const result = sanitizeSvg(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.bytes.toString('utf8');
}

/** Sanitizes text that must be refused, and gives the reason. */
function refusal(text: string | Uint8Array): string {
  const result = sanitizeSvg(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  if (result.ok) throw new Error(`accepted: ${result.bytes.toString('utf8')}`);
  return result.reason;
}

const SAMPLE_DIR = join(import.meta.dirname, '../../fixtures/sample-small/documents');

/** The first few sample SVGs of a kind of right, as the sample generator writes them. */
function samples(kind: string, count: number): string[] {
  return readdirSync(join(SAMPLE_DIR, kind), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.svg'))
    .sort()
    .slice(0, count)
    .map((path) => join(kind, path));
}

const RICH = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by hand -->
<svg ${NS} ${XLINK} viewBox="0 0 200 120" width="200" height="120" version="1.1">
  <title>Nordic Harvest &amp; Co</title>
  <desc>A wheat sheaf in a circle</desc>
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="1" gradientUnits="objectBoundingBox">
      <stop offset="0" stop-color="#1f4e79"/><stop offset="1" stop-color="#2e7d32" stop-opacity="0.5"/>
    </linearGradient>
    <radialGradient id="r" href="#g"/>
    <clipPath id="clip"><rect width="100" height="100" rx="8"/></clipPath>
    <filter id="blur"><feGaussianBlur in="SourceGraphic" stdDeviation="2"/><feOffset dx="1" dy="1"/></filter>
    <marker id="arrow" markerWidth="4" markerHeight="4" refX="2" refY="2" orient="auto"><path d="M0 0L4 2L0 4z"/></marker>
    <symbol id="leaf" viewBox="0 0 10 10"><path d="M0 10Q5 0 10 10z"/></symbol>
    <path id="curve" d="M10 80 Q100 10 190 80"/>
  </defs>
  <g transform="translate(10 10) rotate(5)" clip-path="url(#clip)" filter="url(#blur)">
    <circle cx="50" cy="50" r="40" fill="url(#g)" stroke="#222" stroke-width="2"/>
    <ellipse cx="50" cy="50" rx="20" ry="10" style="fill:url('#r');opacity:0.8"/>
    <polygon points="10,10 30,10 20,30" fill="#ef6c00"/>
    <polyline points="0,0 5,5 10,0" fill="none" stroke="#000" marker-end="url(#arrow)"/>
    <line x1="0" y1="90" x2="100" y2="90" stroke="#000" stroke-dasharray="4 2"/>
    <use href="#leaf" x="60" y="60" width="20" height="20"/>
    <use xlink:href="#leaf" x="70" y="60" width="20" height="20"/>
  </g>
  <text x="100" y="110" font-family="sans-serif" font-size="12" text-anchor="middle" fill="#fff">N<tspan font-weight="700">H</tspan> 3 &lt; 4</text>
  <text><textPath href="#curve">along the curve</textPath></text>
</svg>
`;

/** The drawing in RICH that must survive sanitizing, as it is written there. */
const RICH_DRAWING = [
  'viewBox="0 0 200 120"',
  'width="200"',
  'height="120"',
  '<title>Nordic Harvest &amp; Co</title>',
  '<desc>A wheat sheaf in a circle</desc>',
  '<linearGradient id="g" x1="0" y1="0" x2="1" y2="1" gradientUnits="objectBoundingBox">',
  '<stop offset="1" stop-color="#2e7d32" stop-opacity="0.5"/>',
  '<radialGradient id="r" href="#g"/>',
  '<clipPath id="clip"><rect width="100" height="100" rx="8"/></clipPath>',
  '<feGaussianBlur in="SourceGraphic" stdDeviation="2"/>',
  '<marker id="arrow" markerWidth="4" markerHeight="4" refX="2" refY="2" orient="auto">',
  '<symbol id="leaf" viewBox="0 0 10 10"><path d="M0 10Q5 0 10 10z"/></symbol>',
  '<g transform="translate(10 10) rotate(5)" clip-path="url(#clip)" filter="url(#blur)">',
  '<circle cx="50" cy="50" r="40" fill="url(#g)" stroke="#222" stroke-width="2"/>',
  `style="fill:url('#r');opacity:0.8"`,
  'marker-end="url(#arrow)"',
  'stroke-dasharray="4 2"',
  '<use href="#leaf" x="60" y="60" width="20" height="20"/>',
  '<use xlink:href="#leaf" x="70" y="60" width="20" height="20"/>',
  'N<tspan font-weight="700">H</tspan> 3 &lt; 4</text>',
  '<textPath href="#curve">along the curve</textPath>',
];

// [what, kept: must still be in the output, input, forbidden: must not be in the output]
const ATTACKS: [string, string, string, string[]][] = [
  ['a <script> element', '<circle', svg('<script>alert(1)</script>'), ['script', 'alert']],
  [
    'a <script> element with CDATA and an xlink:href',
    '<circle',
    svg('<script xlink:href="https://evil.example/x.js"><![CDATA[alert(1)]]></script>'),
    ['script', 'alert', 'evil'],
  ],
  ['an onload attribute on the root', '<circle', svg('', ' onload="alert(1)"'), ['onload', 'alert']],
  [
    'event handler attributes on shapes',
    '<rect width="10" height="10"/>',
    svg('<rect width="10" height="10" onclick="alert(1)" onmouseover="alert(2)" onfocusin="alert(3)"/>'),
    ['onclick', 'onmouseover', 'onfocusin', 'alert'],
  ],
  [
    'an <animate onbegin> element',
    '<circle',
    svg('<animate onbegin="alert(1)" attributeName="r" from="1" to="9" dur="1s"/>'),
    ['animate', 'onbegin', 'alert'],
  ],
  [
    'a <set> that turns a link into javascript:',
    '<text>click</text>',
    svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>click</text></a>'),
    ['<set', 'javascript:', 'alert'],
  ],
  [
    'an <animateTransform> with javascript: in its values',
    '<circle',
    svg('<animateTransform attributeName="transform" type="rotate" values="javascript:alert(1)"/>'),
    ['javascript:', 'alert'],
  ],
  [
    'an <a href="javascript:…"> link',
    '<text>click</text>',
    svg('<a href="javascript:alert(1)"><text>click</text></a>'),
    ['javascript:', 'href', 'alert'],
  ],
  [
    'a javascript: link split by a tab and an entity',
    '<text>click</text>',
    svg('<a xlink:href="java&#9;script:alert(1)"><text>click</text></a>'),
    ['script:', 'href', 'alert'],
  ],
  [
    'an <a xlink:href="https://…"> link',
    '<text>visit</text>',
    svg('<a xlink:href="https://evil.example/" target="_top"><text>visit</text></a>'),
    ['evil', 'href', 'http', 'target'],
  ],
  [
    'a <foreignObject> with an <iframe>',
    '<circle',
    svg(
      '<foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>',
    ),
    ['foreignObject', 'iframe', 'evil', 'http', '<p', 'hi'],
  ],
  [
    'an HTML element inside the SVG',
    '<circle',
    svg('<div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div>'),
    ['div', 'img', 'onerror', 'alert', 'xhtml'],
  ],
  [
    'a <use> of another file',
    '<use x="5"/>',
    svg('<use href="https://evil.example/x.svg#a" x="5"/>'),
    ['evil', 'http', 'href'],
  ],
  [
    'a <use> of a data: URL',
    '<use/>',
    svg('<use xlink:href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/>'),
    ['data:', 'href', 'base64'],
  ],
  [
    'an <image> of a local file',
    '<image width="10" height="10"/>',
    svg('<image href="file:///etc/passwd" width="10" height="10"/>'),
    ['file:', 'passwd', 'href'],
  ],
  [
    'an <image> of a data: URL',
    '<image width="10"/>',
    svg('<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="10"/>'),
    ['data:', 'base64', 'href'],
  ],
  ['an <image> of a relative path', '<image/>', svg('<image href="../../secret.png"/>'), ['secret', 'href']],
  [
    'a <feImage> of another file',
    '<feFlood',
    svg('<filter id="f"><feImage href="https://evil.example/a.png"/><feFlood flood-color="red"/></filter>'),
    ['evil', 'http', 'href'],
  ],
  [
    'a style attribute that loads a URL',
    '<rect fill="red"/>',
    svg('<rect fill="red" style="background:url(https://evil.example/a.png)"/>'),
    ['evil', 'http', 'url(', 'style'],
  ],
  [
    'a style attribute that hides url( behind a CSS escape',
    '<rect fill="red"/>',
    svg('<rect fill="red" style="fill:u\\72l(https://evil.example/a.png)"/>'),
    ['evil', 'http', 'style'],
  ],
  [
    'a style attribute that loads a URL through image-set()',
    '<rect fill="red"/>',
    svg('<rect fill="red" style="fill:image-set(\'https://evil.example/a.png\' 1x)"/>'),
    ['evil', 'http', 'style'],
  ],
  [
    'presentation attributes that load URLs',
    '<rect width="1"/>',
    svg(
      '<rect width="1" fill="url(https://evil.example/p.svg#g)" filter="url(&quot;//evil.example/f.svg#f&quot;)" mask="URL(data:image/svg+xml,x)"/>',
    ),
    ['evil', 'http', 'data:', 'url(', 'filter=', 'mask='],
  ],
  [
    'a <style> element that imports a style sheet',
    '<circle',
    svg('<style>@import url(https://evil.example/a.css); circle { fill: url(#g) }</style>'),
    ['style', '@import', 'evil', 'http', 'fill: url'],
  ],
  [
    'a style sheet processing instruction before the root',
    '<circle',
    `<?xml version="1.0"?><?xml-stylesheet type="text/css" href="https://evil.example/a.css"?>${svg('')}`,
    ['xml-stylesheet', 'evil', 'http', '<?'],
  ],
  [
    'a processing instruction inside the root',
    '<circle',
    svg('<?php echo 1; ?><?xml-stylesheet href="a.css"?>'),
    ['<?', 'php', 'stylesheet'],
  ],
  [
    'a comment that holds markup',
    '<circle',
    svg('<!--<script>alert(1)</script>--><g><!-- --><rect/></g>'),
    ['<!--', 'script', 'alert'],
  ],
  [
    'an element in an unknown namespace',
    '<circle',
    svg('<x:payload xmlns:x="urn:x" x:attr="1"><x:script>alert(1)</x:script></x:payload>'),
    ['payload', 'urn:x', 'x:attr', 'script'],
  ],
  [
    'an xml:base that moves same-document references elsewhere',
    '<use href="#a"/>',
    svg('<g xml:base="https://evil.example/"><use href="#a"/></g>'),
    ['xml:base', 'evil'],
  ],
  [
    'an xlink:href under another prefix',
    '<use/>',
    svg('<use xmlns:l="http://www.w3.org/1999/xlink" l:href="https://evil.example/x.svg#a"/>'),
    ['evil', 'l:href'],
  ],
];

describe('sanitizeSvg(bytes)', () => {
  describe('keeps the drawing', () => {
    it.each([...samples('trademark', 4), ...samples('design', 3)])(
      'publishes the sample image %s byte for byte',
      (path) => {
        const original = readFileSync(join(SAMPLE_DIR, path));
        const result = sanitizeSvg(original);
        expect(result).toMatchObject({ ok: true, removed: 0 });
        expect(result.ok && result.bytes.equals(original)).toBe(true);
      },
    );

    it('keeps shapes, paths, text, gradients, filters, markers, transforms and same-document references', () => {
      const output = clean(RICH);
      for (const drawing of RICH_DRAWING) expect(output).toContain(drawing);
      expect(output.startsWith(`<svg ${NS} ${XLINK} viewBox=`)).toBe(true);
    });

    it('drops comments, the XML declaration and what follows the root, and ends with a newline', () => {
      const output = clean(`\ufeff<?xml version="1.0"?>\n<!-- a -->${svg('<!-- b -->')}<!-- c -->\n\n`);
      expect(output).toBe(`${svg('')}\n`);
      expect(sanitizeSvg(Buffer.from(svg('')))).toMatchObject({ ok: true, removed: 0 });
    });

    it('keeps the text of a CDATA section, escaped', () => {
      expect(clean(svg('<text><![CDATA[<b> & co]]></text>'))).toContain('<text>&lt;b&gt; &amp; co</text>');
    });

    it('gives the same bytes for the same input, and the same bytes again when sanitizing its output', () => {
      for (const input of [RICH, ...ATTACKS.map(([, , text]) => text)]) {
        const once = clean(input);
        expect(clean(input)).toBe(once);
        expect(clean(once)).toBe(once);
      }
    });
  });

  describe('makes the SVG inert', () => {
    it.each(ATTACKS)('removes %s and keeps the rest', (_what, kept, input, forbidden) => {
      const result = sanitizeSvg(Buffer.from(input, 'utf8'));
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      const output = result.bytes.toString('utf8');
      // The namespace declarations hold "http"; anything else that does is a reference.
      const namespaces = [...output.matchAll(/\sxmlns(?::\w+)?="([^"]*)"/g)].map(([, uri]) => uri);
      expect(
        namespaces.every((uri) => /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(uri ?? '')),
      ).toBe(true);
      const body = output.replace(/\sxmlns(?::\w+)?="[^"]*"/g, '');
      for (const text of forbidden) expect(body).not.toContain(text);
      expect(output).not.toMatch(/\son[a-z]+\s*=/i);
      expect(output).toContain(kept);
      expect(output).toContain('<circle cx="50" cy="50" r="40" fill="#c62828"/>');
      expect(output.startsWith(`<svg ${NS}`)).toBe(true);
    });

    it('counts the elements and attributes it removed', () => {
      const result = sanitizeSvg(
        Buffer.from(svg('<script>alert(1)</script><rect onclick="x" style="fill:url(https://e)"/>')),
      );
      expect(result).toMatchObject({ ok: true, removed: 3 });
    });

    it('leaves no href but same-document ones, and no url() but url(#…)', () => {
      const output = ATTACKS.map(([, , input]) => clean(input)).join('\n');
      for (const [, value] of output.matchAll(/href="([^"]*)"/g)) expect(value).toMatch(/^#/);
      for (const [, value] of output.matchAll(/url\(([^)]*)\)/gi)) expect(value).toMatch(/^['"]?#/);
    });
  });

  describe('refuses what it cannot make safe', () => {
    it('refuses a DOCTYPE with entities, billion laughs, without expanding them', () => {
      let entities = '<!ENTITY lol0 "lol">';
      for (let i = 1; i <= 10; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
      const input = `<?xml version="1.0"?><!DOCTYPE svg [${entities}]><svg ${NS}><text>&lol10;</text></svg>`;
      expect(refusal(input)).toMatch(/DOCTYPE/);
    });

    it('refuses a DOCTYPE before parsing, so that a large entity used many times never expands', () => {
      const entity = `<!ENTITY a "${'A'.repeat(100_000)}">`;
      const input = `<!DOCTYPE svg [${entity}]><svg ${NS}><text>${'&a;'.repeat(20_000)}</text></svg>`;
      expect(refusal(input)).toMatch(/DOCTYPE/);
    });

    it('refuses a DOCTYPE in any letter case', () => {
      expect(refusal(`<!doctype svg>${svg('')}`)).toMatch(/DOCTYPE/);
    });

    it('refuses an external entity that would read a file', () => {
      const input = `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${NS}><text>&x;</text></svg>`;
      expect(refusal(input)).not.toContain('root:');
    });

    it('drops the plain SVG 1.1 DOCTYPE that drawing programs write, which declares no entity', () => {
      const input = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: a drawing program -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n${svg('<rect width="1" height="1"/>')}`;
      const result = sanitizeSvg(Buffer.from(input));
      expect(result.ok).toBe(true);
      expect(String(result.ok && result.bytes)).not.toContain('DOCTYPE');
      expect(String(result.ok && result.bytes)).toContain('<rect');
    });

    it('refuses that DOCTYPE with an internal subset, or a second DOCTYPE after it', () => {
      const plain =
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"';
      expect(refusal(`${plain} [<!ENTITY a "b">]>${svg('')}`)).toBe(
        'a DOCTYPE declaration (DTDs and entities are not accepted)',
      );
      expect(refusal(`${plain}><!DOCTYPE svg [<!ENTITY a "b">]>${svg('')}`)).toBe(
        'a DOCTYPE declaration (DTDs and entities are not accepted)',
      );
    });

    it('refuses an HTML page disguised as an SVG', () => {
      expect(refusal(`<html><body><svg ${NS}/><script>alert(1)</script></body></html>`)).toBe(
        'a root element <html> in no namespace, not <svg> in the SVG namespace',
      );
      expect(refusal(`<html xmlns="http://www.w3.org/1999/xhtml"><svg ${NS}/></html>`)).toMatch(
        /^a root element <html> in the namespace http:\/\/www.w3.org\/1999\/xhtml/,
      );
    });

    it('refuses an <svg> root without the SVG namespace', () => {
      expect(refusal('<svg viewBox="0 0 1 1"><rect/></svg>')).toMatch(/<svg> in no namespace/);
    });

    it('refuses an <svg> root in another namespace, and a prefixed root it cannot keep', () => {
      expect(refusal('<svg xmlns="urn:not-svg"/>')).toMatch(/namespace urn:not-svg/);
      expect(refusal('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:rect/></s:svg>')).toBe(
        'an SVG with no drawing left once made safe',
      );
    });

    it.each([
      ['an unclosed element', `<svg ${NS}><g></svg>`],
      ['an HTML-style attribute', `<svg ${NS}><rect hidden/></svg>`],
      ['an undeclared entity', `<svg ${NS}><text>&nbsp;</text></svg>`],
      ['text that is not XML', 'GIF89a not xml at all'],
      ['an empty file', ''],
      ['two roots', `<svg ${NS}/><svg ${NS}/>`],
    ])('refuses %s as not well-formed XML', (_what, input) => {
      expect(refusal(input)).toMatch(/^text that is not well-formed XML \(.+\)$/);
    });

    it('refuses elements nested too deep to copy without overflowing the stack', () => {
      // The root, `depth` groups and a rectangle: depth + 2 levels.
      const deep = (depth: number) => `<svg ${NS}>${'<g>'.repeat(depth)}<rect/>${'</g>'.repeat(depth)}</svg>`;
      expect(refusal(deep(20_000))).toBe('elements nested more than 256 deep');
      expect(clean(deep(254))).toContain('<g><rect/></g>');
      expect(refusal(deep(255))).toBe('elements nested more than 256 deep');
    });

    it('counts nesting by elements only, not by markup in comments, CDATA or attribute values', () => {
      const lookalikes = `<!-- ${'<g>'.repeat(300)} --><text><![CDATA[${'<g>'.repeat(300)}]]></text>`;
      expect(clean(svg(lookalikes))).toContain('<circle');
      const quoted = `<svg ${NS}>${'<g class="a>b">'.repeat(300)}${'</g>'.repeat(300)}</svg>`;
      expect(refusal(quoted)).toBe('elements nested more than 256 deep');
      const stray = `<svg ${NS}>${'</g>'.repeat(300)}${'<g>'.repeat(300)}${'</g>'.repeat(300)}</svg>`;
      expect(refusal(stray)).toBe('elements nested more than 256 deep');
    });

    it('refuses unclosed markup, however much of it there is, as not well-formed XML', () => {
      for (const unclosed of ['<!--', '<![CDATA[', '<?x ', '<g a="', '<g', '<'])
        expect(refusal(`<svg ${NS}>${unclosed.repeat(50_000)}`)).toMatch(/^text that is not well-formed XML/);
    });

    it('refuses bytes that are not UTF-8', () => {
      const latin1 = Buffer.from(svg('<title>Bl\u00e5b\u00e6r</title>'), 'latin1');
      expect(refusal(latin1)).toBe('bytes that are not valid UTF-8');
      expect(refusal(Buffer.from(`\ufeff${svg('')}`, 'utf16le'))).toBe('bytes that are not valid UTF-8');
      expect(refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]))).toBe(
        'bytes that are not valid UTF-8',
      );
    });

    it('refuses an XML declaration of another encoding, which would change what the text says', () => {
      expect(refusal(`<?xml version="1.0" encoding="ISO-8859-1"?>${svg('')}`)).toBe(
        'an XML declaration of the encoding ISO-8859-1 (only UTF-8 is accepted)',
      );
      expect(clean(`<?xml version='1.0' encoding='utf-8'?>${svg('')}`)).toBe(`${svg('')}\n`);
    });
  });
});
