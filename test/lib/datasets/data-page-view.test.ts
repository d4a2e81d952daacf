import { describe, expect, it } from 'vitest';
import { dataPageView, formatBytes } from '../../../src/lib/datasets/data-page-view.ts';
import type { DataRelease } from '../../../src/lib/datasets/data-release.ts';
import { DATA_TABLES } from '../../../src/lib/datasets/dataset-tables.ts';
import { NIPO_PUBLISHER, NLOD_LICENSE } from '../../../src/lib/datasets/publisher.ts';
import { dataTableOf } from '../../../src/lib/datasets/table-schema.ts';

const file = (path: string, table: string, part: string, format: 'csv' | 'parquet' | 'st96') => ({
  path,
  format,
  table,
  part,
  rows: 1234,
  bytes: 4_200,
  sha256: 'a'.repeat(64),
});

const release: DataRelease = {
  asOf: '2024-06-02T22:01:00.000Z',
  issue: '2024-23',
  baseUrl: 'https://example.org/data/',
  temporal: { start: '2001-01-02', end: '2024-05-31' },
  tables: DATA_TABLES.map(dataTableOf),
  files: [
    file('snapshot/parties.parquet', 'parties', 'snapshot', 'parquet'),
    file('snapshot/rights.csv.gz', 'rights', 'snapshot', 'csv'),
    file('snapshot/patent-legal-status-0001.xml', 'patent_legal_status', 'snapshot', 'st96'),
    file('deltas/2024-22/rights.parquet', 'rights', '2024-22', 'parquet'),
    file('deltas/2024-23/rights.parquet', 'rights', '2024-23', 'parquet'),
  ],
  publisher: NIPO_PUBLISHER,
  license: NLOD_LICENSE,
  metadata: [
    { path: 'datapackage.json', format: 'Frictionless Data Package', bytes: 999, sha256: 'b'.repeat(64) },
  ],
};

describe('the data page view', () => {
  it('lists the snapshot in table order, the latest delta and the metadata', () => {
    const view = dataPageView(release, 'en');
    expect(view.summary).toBe(
      'Snapshot as of issue 2024-23, with events from 2 January 2001 to 31 May 2024.',
    );
    expect(view.snapshot.map((f) => f.href)).toEqual([
      'snapshot/rights.csv.gz',
      'snapshot/parties.parquet',
      'snapshot/patent-legal-status-0001.xml',
    ]);
    expect(view.snapshot[0]).toMatchObject({
      contents: 'Rights',
      format: 'CSV (gzip)',
      rows: '1,234',
      size: '4.2 kB',
    });
    expect(view.snapshot[0]?.updated).toBe('3 June 2024');
    expect(view.delta?.heading).toBe('Changes in the latest issue (2024-23)');
    expect(view.delta?.files.map((f) => f.href)).toEqual(['deltas/2024-23/rights.parquet']);
    expect(view.delta?.note).toContain('(2 issues)');
    expect(view.metadata.map((f) => f.href)).toEqual(['datapackage.json']);
  });

  it('gives a citation naming publisher, issue, URL and licence, and links the licence', () => {
    const nn = dataPageView(release, 'nn');
    expect(nn.citation?.text).toBe(
      `${release.publisher.name.nn} (2024). Tidende: opne data om patent, varemerke og design, utgåve 2024-23 [datasett]. ${release.baseUrl}. Lisens: Norwegian Licence for Open Government Data (NLOD) 2.0. Henta [dato].`,
    );
    expect(nn.citation?.licence.href).toBe(release.license);
    expect(dataPageView(null, 'en').citation).toBeNull();
  });

  it('shows the data dictionary of every table even before the first release', () => {
    const view = dataPageView(null, 'nb');
    expect(view.summary).toBeNull();
    expect(view.snapshot).toEqual([]);
    expect(view.dictionary.map((t) => t.name)).toEqual(DATA_TABLES.map((t) => t.name));
    const rights = view.dictionary[0];
    expect(rights?.title).toBe('Rettigheter');
    expect(rights?.columns[0]).toMatchObject({ name: 'right_id', type: 'string', required: true });
    // Meanings in the page's language, codes explained.
    expect(rights?.columns[0]?.meaning).toMatch(/^Stabil identifikator for rettigheten/);
    const state = rights?.columns.find((c) => c.name === 'state');
    expect(state?.values).toEqual([
      { code: 'A', label: 'Aktiv' },
      { code: 'N', label: 'Ikke aktiv' },
      { code: 'T', label: 'Opphørt' },
      { code: 'U', label: 'Uspesifisert' },
    ]);
  });

  it('explains every coded column in every language, and says every meaning in each', () => {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const view = dataPageView(null, lang);
      const events = view.dictionary.find((t) => t.name === 'legal_status_events');
      const section = events?.columns.find((c) => c.name === 'section');
      expect(section?.values.length, lang).toBeGreaterThan(5);
      expect(
        section?.values.every((v) => v.label !== v.code),
        lang,
      ).toBe(true);
      expect(events?.columns.find((c) => c.name === 'current_stage')?.values, lang).toHaveLength(7);
      for (const table of view.dictionary) {
        for (const column of table.columns) {
          expect(column.meaning, `${lang} ${table.name}.${column.name}`).not.toBe('');
        }
      }
    }
    const nn = dataPageView(null, 'nn').dictionary.flatMap((t) => t.columns.map((c) => c.meaning));
    const en = dataPageView(null, 'en').dictionary.flatMap((t) => t.columns.map((c) => c.meaning));
    // Every column has a Nynorsk text of its own, not the English one.
    expect(nn.filter((text, i) => text === en[i] && !/^(ST\.3|SHA-256|Medietype)/.test(text))).toEqual([]);
  });

  it('writes sizes with the language’s decimal sign', () => {
    expect(formatBytes(812, 'en')).toBe('812 B');
    expect(formatBytes(31_500_000, 'en')).toBe('32 MB');
    expect(formatBytes(4_200, 'nb')).toBe('4,2 kB');
  });
});
