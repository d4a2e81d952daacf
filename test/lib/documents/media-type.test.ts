import { describe, expect, it } from 'vitest';
import {
  checkDocumentBytes,
  DEFAULT_DOCUMENT_MEDIA_TYPES,
  mediaTypeExtension,
  sniffMediaType,
} from '../../../src/lib/documents/media-type.ts';

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const PDF = bytes('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n');
const SVG = bytes(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n',
);
const HTML = bytes(
  '<!DOCTYPE html>\n<html><body><svg xmlns="http://www.w3.org/2000/svg"></svg></body></html>\n',
);
const ALLOWED = Object.keys(DEFAULT_DOCUMENT_MEDIA_TYPES);

describe('DEFAULT_DOCUMENT_MEDIA_TYPES', () => {
  it('allows SVG, PNG, JPEG, WebP and PDF, each with its extension', () => {
    expect(DEFAULT_DOCUMENT_MEDIA_TYPES).toEqual({
      'image/svg+xml': 'svg',
      'image/png': 'png',
      'image/jpeg': 'jpg',
      'image/webp': 'webp',
      'application/pdf': 'pdf',
    });
  });

  it('cannot be changed', () => {
    expect(Object.isFrozen(DEFAULT_DOCUMENT_MEDIA_TYPES)).toBe(true);
  });
});

describe('mediaTypeExtension(mediaType)', () => {
  it('gives the extension a document of each default type is published under', () => {
    expect(ALLOWED.map(mediaTypeExtension)).toEqual(['svg', 'png', 'jpg', 'webp', 'pdf']);
  });

  it('throws for a media type it does not know, rather than publishing under a made-up name', () => {
    expect(() => mediaTypeExtension('text/html')).toThrow('text/html');
    expect(() => mediaTypeExtension('toString')).toThrow('toString');
  });
});

describe('sniffMediaType(bytes)', () => {
  it.each([
    ['a PNG signature', PNG, 'image/png'],
    ['a JPEG start of image', JPEG, 'image/jpeg'],
    ['a RIFF file of WebP', WEBP, 'image/webp'],
    ['a PDF header', PDF, 'application/pdf'],
    ['an SVG root', SVG, 'image/svg+xml'],
  ])('recognizes %s', (_kind, content, expected) => {
    expect(sniffMediaType(content)).toBe(expected);
  });

  it.each([
    ['a byte order mark and whitespace', bytes([0xef, 0xbb, 0xbf], ' \n\t\r\n', SVG)],
    [
      'an XML declaration and comments',
      bytes('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- by hand -->\n<!--x-->', SVG),
    ],
    [
      'a DOCTYPE, which sanitizing then refuses by name',
      bytes('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd" [<!ENTITY a "b">]>\n', SVG),
    ],
    ['a single-quoted namespace', bytes("<svg width='1' xmlns='http://www.w3.org/2000/svg'/>")],
    [
      'a ">" in an attribute value before the namespace',
      bytes('<svg aria-label="a > b" xmlns="http://www.w3.org/2000/svg"></svg>'),
    ],
  ])('recognizes an SVG after %s', (_kind, content) => {
    expect(sniffMediaType(content)).toBe('image/svg+xml');
  });

  it.each([
    ['an empty file', bytes('')],
    ['whitespace', bytes(' \n')],
    ['an HTML page', HTML],
    ['an HTML page that begins with an <svg> element', bytes('<svg><script>alert(1)</script></svg>')],
    ['an <svg> root without the SVG namespace', bytes('<svg width="10"><rect/></svg>')],
    [
      'an <svg> root in another namespace',
      bytes('<svg xmlns="http://www.w3.org/1999/xhtml" xmlns:s="http://www.w3.org/2000/svg"/>'),
    ],
    [
      'an XML document of another kind',
      bytes('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>'),
    ],
    ['an SVG in UTF-16', Buffer.from(`\ufeff${SVG.toString()}`, 'utf16le')],
    ['an SVG with bytes that are not UTF-8', bytes(SVG.subarray(0, 60), [0xff, 0xfe], SVG.subarray(60))],
    ['a RIFF file of another kind', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a PNG cut short', PNG.subarray(0, 4)],
    ['plain text', bytes('svg xmlns="http://www.w3.org/2000/svg"')],
    ['a GIF', bytes('GIF89a')],
  ])('finds no type in %s', (_kind, content) => {
    expect(sniffMediaType(content)).toBeNull();
  });
});

describe('checkDocumentBytes(bytes, declaredMediaType, allowed)', () => {
  it.each([
    ['image/svg+xml', SVG],
    ['image/png', PNG],
    ['image/jpeg', JPEG],
    ['image/webp', WEBP],
    ['application/pdf', PDF],
  ])('accepts %s bytes declared as what they are', (mediaType, content) => {
    expect(checkDocumentBytes(content, mediaType, ALLOWED)).toEqual({ ok: true });
  });

  it('refuses a declared media type that is not allowed, whatever the bytes', () => {
    expect(checkDocumentBytes(HTML, 'text/html', ALLOWED)).toEqual({
      ok: false,
      expected: 'one of image/svg+xml, image/png, image/jpeg, image/webp, application/pdf',
      found: '"text/html"',
    });
  });

  it('refuses a type that is allowed by default but not by the list given', () => {
    expect(checkDocumentBytes(PDF, 'application/pdf', ['image/png'])).toEqual({
      ok: false,
      expected: 'one of image/png',
      found: '"application/pdf"',
    });
  });

  it('refuses a PNG declared as a JPEG', () => {
    expect(checkDocumentBytes(PNG, 'image/jpeg', ALLOWED)).toEqual({
      ok: false,
      expected: 'bytes of an image/jpeg',
      found: 'bytes of an image/png',
    });
  });

  it('refuses an HTML page declared as an SVG image', () => {
    expect(checkDocumentBytes(HTML, 'image/svg+xml', ALLOWED)).toEqual({
      ok: false,
      expected: 'bytes of an image/svg+xml',
      found: 'bytes of no allowed type',
    });
  });

  it('refuses a PDF declared as a PNG, and WebP declared as a PDF', () => {
    expect(checkDocumentBytes(PDF, 'image/png', ALLOWED)).toMatchObject({
      ok: false,
      found: 'bytes of an application/pdf',
    });
    expect(checkDocumentBytes(WEBP, 'application/pdf', ALLOWED)).toEqual({
      ok: false,
      expected: 'bytes of an application/pdf',
      found: 'bytes of an image/webp',
    });
  });

  it('refuses an empty file and says it is empty', () => {
    expect(checkDocumentBytes(bytes(''), 'image/png', ALLOWED)).toEqual({
      ok: false,
      expected: 'bytes of an image/png',
      found: 'an empty file',
    });
  });

  it('compares media types exactly, so parameters and other spellings are not allowed', () => {
    expect(checkDocumentBytes(SVG, 'image/svg+xml; charset=utf-8', ALLOWED).ok).toBe(false);
    expect(checkDocumentBytes(PNG, 'IMAGE/PNG', ALLOWED).ok).toBe(false);
  });
});
