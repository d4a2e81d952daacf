import { describe, expect, it } from 'vitest';
import {
  issuePageCacheKey,
  registerPageCacheKey,
  standardsCacheKey,
} from '../../../src/lib/site/render/cache-keys.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('issuePageCacheKey(issue, site, standardsKey)', () => {
  it('changes for the latest issue when a newer issue is published, and only for it', () => {
    const [latest, middle] = site.issues;
    if (!latest || !middle) throw new Error('fixture needs two issues');
    const newer = { ...latest, id: '2021-02', cacheKey: 'new' };
    const after = { issues: [newer, ...site.issues] };
    expect(issuePageCacheKey(latest, after, 's')).not.toBe(issuePageCacheKey(latest, site, 's'));
    expect(issuePageCacheKey(middle, after, 's')).toBe(issuePageCacheKey(middle, site, 's'));
  });

  it('changes with the labels pages show', () => {
    const [latest] = site.issues;
    if (!latest) throw new Error('fixture has no issue');
    const relabelled = structuredClone(site.standards);
    relabelled['ST.27'].verified = false;
    expect(issuePageCacheKey(latest, site, standardsCacheKey(relabelled))).not.toBe(
      issuePageCacheKey(latest, site, standardsCacheKey(site.standards)),
    );
  });
});

describe('registerPageCacheKey(rightCacheKey, standardsKey)', () => {
  it('combines the right and the labels', () => {
    expect(registerPageCacheKey('abc', 'def')).toBe('abc|def');
  });
});
