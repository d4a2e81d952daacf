import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsvObjects } from '../../../src/lib/csv/parse-csv.ts';
import { type CodeList, CodeListSchema } from '../../../src/lib/standards/code-list-schema.ts';
import { codeListPath, loadCodeList } from '../../../src/lib/standards/code-lists.ts';
import { STAGES, STATES } from '../../../src/lib/standards/stages.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const FILES = { 'ST.27': 'st27', 'ST.61': 'st61', 'ST.87': 'st87' } as const;
type Standard = keyof typeof FILES;

const lists = Object.fromEntries(
  Object.entries(FILES).map(([standard, file]) => [
    standard,
    CodeListSchema.parse(JSON.parse(read(`src/lib/standards/${file}.json`))),
  ]),
) as Record<Standard, CodeList>;

const STANDARDS = Object.keys(FILES) as Standard[];

/** The verified ST.27 facts the project's list is built from. */
interface SourceEntry {
  code: string;
  label: string;
  description: string;
}
const source = JSON.parse(read('standards/wipo-st27/st27.json')) as {
  states: SourceEntry[];
  stages: SourceEntry[];
  categories: SourceEntry[];
  events: (SourceEntry & { category: string; type: string })[];
};

/** The source keeps one XML entity from the schema annotations (`IPO&apos;s`). */
const unescapeXml = (text: string) =>
  text.replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

const count = (list: CodeList, type: string) => list.events.filter((event) => event.type === type).length;

describe('code lists in src/lib/standards', () => {
  test.each(STANDARDS)('%s parses with CodeListSchema and names its standard', (standard) => {
    expect(lists[standard].standard).toBe(standard);
  });

  test('ST.27 is complete: 4 states, 7 stages, 21 categories, 21 key, 158 detailed and 21 no-mapping events', () => {
    const st27 = lists['ST.27'];
    expect(st27.states.map((state) => state.code)).toEqual(['A', 'N', 'T', 'U']);
    expect(st27.stages.map((stage) => stage.code)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(st27.categories).toHaveLength(21);
    expect(count(st27, 'key')).toBe(21);
    expect(count(st27, 'detailed')).toBe(158);
    expect(count(st27, 'no-mapping')).toBe(21);
    expect(st27.events).toHaveLength(200);
  });

  test('ST.27 is verified, event by event; ST.61 and ST.87 are provisional and verify nothing', () => {
    expect(lists['ST.27'].provenance.verified).toBe(true);
    expect(lists['ST.27'].events.every((event) => event.verified)).toBe(true);
    for (const standard of ['ST.61', 'ST.87'] as const) {
      const list = lists[standard];
      expect(list.provenance.verified, standard).toBe(false);
      expect(
        list.events.filter((event) => event.verified),
        standard,
      ).toEqual([]);
      expect(list.provenance.source, standard).toMatch(/provisional/i);
      expect(list.provenance.note, standard).toMatch(standard === 'ST.61' ? /03-61-01/ : /03-87-01/);
    }
  });

  test.each(STANDARDS)('%s: codes of states, stages, categories and events are unique', (standard) => {
    const list = lists[standard];
    for (const entries of [list.states, list.stages, list.categories, list.events]) {
      const codes = entries.map((entry) => entry.code);
      expect(new Set(codes).size, standard).toBe(codes.length);
    }
  });

  test.each(STANDARDS)(
    '%s: every event belongs to a listed category and matches its type and letter',
    (standard) => {
      const list = lists[standard];
      const categories = new Set(list.categories.map((category) => category.code));
      for (const event of list.events) {
        const where = `${standard} ${event.code}`;
        expect(categories, where).toContain(event.category);
        expect(event.code.startsWith(event.category), where).toBe(true);
        const number = Number(event.code.slice(1));
        const type = number === 10 ? 'key' : number === 0 ? 'no-mapping' : 'detailed';
        expect(event.type, where).toBe(type);
      }
    },
  );

  test.each(STANDARDS)(
    '%s: each category has exactly one key event X10 and one no-mapping X00',
    (standard) => {
      const list = lists[standard];
      for (const { code } of list.categories) {
        const events = list.events.filter((event) => event.category === code);
        expect(
          events.filter((event) => event.type === 'key').map((event) => event.code),
          `${standard} ${code}`,
        ).toEqual([`${code}10`]);
        expect(
          events.filter((event) => event.type === 'no-mapping').map((event) => event.code),
          `${standard} ${code}`,
        ).toEqual([`${code}00`]);
      }
    },
  );
});

describe('src/lib/standards/st27.json against the verified source facts', () => {
  const st27 = lists['ST.27'];

  test('has every source event, in order, with its code, category, type, label and description', () => {
    expect(
      st27.events.map(({ code, category, type, label, description }) => ({
        code,
        category,
        type,
        label,
        description,
      })),
    ).toEqual(
      source.events.map(({ code, category, type, label, description }) => ({
        code,
        category,
        type,
        label,
        description,
      })),
    );
  });

  test.each(['states', 'stages', 'categories'] as const)(
    'has the source %s with their English labels and descriptions',
    (part) => {
      expect(
        st27[part].map(({ code, label, description }) => ({ code, label: label.en, description })),
      ).toEqual(
        source[part].map(({ code, label, description }) => ({
          code,
          label: unescapeXml(label),
          description: unescapeXml(description),
        })),
      );
    },
  );
});

describe('mappings/*.csv against the code lists', () => {
  const TABLES = { patent: 'ST.27', trademark: 'ST.61', design: 'ST.87' } as const;

  test.each(Object.entries(TABLES))('%s.csv uses only codes of the %s list', (right, standard) => {
    const list = lists[standard];
    const events = new Map(list.events.map((event) => [event.code, event]));
    const states = new Set(list.states.map((state) => state.code));
    const stages = new Set(list.stages.map((stage) => stage.code));
    for (const row of parseCsvObjects(read(`mappings/${right}.csv`))) {
      const where = `${right}.csv ${row.nationalCode}`;
      const key = events.get(row.keyEvent ?? '');
      const detailed = events.get(row.detailedEvent ?? '');
      expect(['key', 'no-mapping'], where).toContain(key?.type);
      expect(['detailed', 'no-mapping'], where).toContain(detailed?.type);
      expect(detailed?.category, where).toBe(key?.category);
      expect(states, where).toContain(row.state);
      expect(stages, where).toContain(row.previousStage);
      expect(stages, where).toContain(row.currentStage);
    }
  });
});

describe('event labels in nb and nn beside each code list', () => {
  const mkdir = useTempDirs();

  test.each(STANDARDS)('%s: every event has a Bokmål and a Nynorsk label of its own', async (standard) => {
    const { list, eventLabels } = await loadCodeList(standard);
    for (const event of list.events) {
      const labels = eventLabels[event.code];
      expect(labels?.nb, `${standard} ${event.code}`).toMatch(/^\p{Lu}/u);
      expect(labels?.nn, `${standard} ${event.code}`).toMatch(/^\p{Lu}/u);
      expect(labels?.nb, `${standard} ${event.code}`).not.toBe(event.label);
    }
  });

  test('a labels file that names a code the list lacks is refused, naming the file and code', async () => {
    const dir = await mkdir();
    const list = join(dir, 'st61.json');
    await copyFile(codeListPath('ST.61'), list);
    const labels = JSON.parse(read('src/lib/standards/st61.labels.json'));
    labels.events.Z99 = { nb: 'Ukjent', nn: 'Ukjend' };
    await writeFile(join(dir, 'st61.labels.json'), JSON.stringify(labels));
    await expect(loadCodeList('ST.61', list)).rejects.toThrow(
      /st61\.labels\.json.*not in the ST\.61 code list.*Z99/s,
    );
  });

  test('a missing labels file is refused with the path it looked for', async () => {
    const dir = await mkdir();
    const list = join(dir, 'st87.json');
    await copyFile(codeListPath('ST.87'), list);
    await expect(loadCodeList('ST.87', list)).rejects.toThrow(
      /Cannot read the ST\.87 event labels .*st87\.labels\.json/,
    );
  });
});

describe('the states and stages the datasets declare', () => {
  test.each(STANDARDS)('%s has exactly STATES and STAGES', (standard) => {
    expect(lists[standard].states.map((state) => state.code)).toEqual([...STATES]);
    expect(lists[standard].stages.map((stage) => stage.code)).toEqual([...STAGES]);
  });
});
