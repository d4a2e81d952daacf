import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, SEARCH_CSP } from '../../../src/lib/site/render/content-security-policy.ts';

describe('contentSecurityPolicy(extra)', () => {
  it("allows only 'self' and no plugins", () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it("adds only 'wasm-unsafe-eval' to scripts for search", () => {
    const policy = contentSecurityPolicy(SEARCH_CSP);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy.replace(" 'wasm-unsafe-eval'", '')).toBe(contentSecurityPolicy());
  });

  it('leaves out directives a meta tag cannot carry', () => {
    expect(contentSecurityPolicy()).not.toMatch(/frame-ancestors|report-uri|sandbox/);
  });
});
