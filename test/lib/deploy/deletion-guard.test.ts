import { describe, expect, it } from 'vitest';
import { contentHeadersFor } from '../../../src/lib/deploy/content-headers.ts';
import { allowedDeletions, guardDeployPlan } from '../../../src/lib/deploy/deletion-guard.ts';
import type { DeployManifest } from '../../../src/lib/deploy/deploy-manifest.ts';
import { planDeploy, type TargetState } from '../../../src/lib/deploy/deploy-plan.ts';
import type { LocalFile } from '../../../src/lib/deploy/local-files.ts';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const file = (path: string, n = 1): LocalFile => ({ path, file: `/site/${path}`, sha256: sha(n), bytes: 10 });

/** The target as a complete deploy of `files` leaves it. */
function live(files: LocalFile[]): TargetState {
  const manifest: DeployManifest = new Map(
    files.map((f) => [
      f.path,
      { sha256: f.sha256, bytes: f.bytes, ...contentHeadersFor(f.path), version: 'v1' },
    ]),
  );
  return {
    manifest,
    pending: new Set(),
    files: files.map((f) => ({ path: f.path, bytes: f.bytes, version: 'v1' })),
  };
}

/** A site of `pages` register pages, two published issues and one delta. */
function site(pages: number): LocalFile[] {
  return [
    file('index.html'),
    file('issues/2026-46/index.html'),
    file('en/issues/2026-47/index.html'),
    file('data/deltas/2026-47/rights.parquet', 7),
    ...Array.from({ length: pages }, (_, i) => file(`trademark/${i}/index.html`)),
  ];
}

const guard = (next: LocalFile[], target: TargetState, allowDeletions?: number) => () =>
  guardDeployPlan(planDeploy(next, target), target, 'file:///www', { allowDeletions });

describe('allowedDeletions(live)', () => {
  it('allows 2% of the live files, and never fewer than 200', () => {
    expect(allowedDeletions(1_000)).toBe(200);
    expect(allowedDeletions(100_000)).toBe(2_000);
  });
});

describe('guardDeployPlan(plan, target, url, options)', () => {
  it('lets a normal week through: new pages, changed pages, a few deletions', () => {
    const before = site(500);
    const after = [...site(450), file('issues/2026-48/index.html'), file('index.html', 2)];
    expect(guard(after, live(before))).not.toThrow();
  });

  it('refuses a near-empty build over a live site, with counts and examples', () => {
    expect(guard([file('index.html')], live(site(500)))).toThrow(
      /^Refused to deploy to file:\/\/\/www: it would remove 2 pages of published issues \(en\/issues\/2026-47\/index\.html, issues\/2026-46\/index\.html\); it would change or remove 1 files of released dataset deltas \(data\/deltas\/2026-47\/rights\.parquet\); it would delete 503 of the 504 files live there, more than the 200 allowed/,
    );
  });

  it('refuses more deletions than allowed, and accepts them when told', () => {
    const before = site(500);
    const after = site(250);
    expect(guard(after, live(before))).toThrow(
      'it would delete 250 of the 504 files live there, more than the 200 allowed',
    );
    expect(guard(after, live(before), 250)).not.toThrow();
  });

  it('refuses to remove a published issue or change a released delta even when deletions are allowed', () => {
    const before = site(10);
    const rewound = before.filter((f) => !f.path.startsWith('en/issues/2026-47'));
    expect(guard(rewound, live(before), 10_000)).toThrow('it would remove 1 pages of published issues');
    const changed = before.map((f) => (f.path.startsWith('data/deltas/') ? file(f.path, 8) : f));
    expect(guard(changed, live(before), 10_000)).toThrow(
      'it would change or remove 1 files of released dataset deltas',
    );
  });

  it('protects only what a completed deploy released: files an interrupted deploy left may go', () => {
    const target = live(site(10));
    target.files = [...target.files, { path: 'issues/2026-48/index.html', bytes: 10, version: 'v1' }];
    expect(guard(site(10), target)).not.toThrow();
  });
});
