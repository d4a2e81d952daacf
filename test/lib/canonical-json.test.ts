import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/ingest/canonical-json.ts';

describe('canonicalJson(value)', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('writes equal content equally whatever the key order', () => {
    expect(canonicalJson(JSON.parse('{"x":"é","y":[{"q":1,"p":2}]}'))).toBe(
      canonicalJson(JSON.parse('{ "y": [ { "p": 2, "q": 1 } ], "x": "\\u00e9" }')),
    );
  });

  it('leaves out undefined properties as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});
