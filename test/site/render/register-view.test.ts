import { describe, expect, it } from 'vitest';
import { registerPageView } from '../../../src/lib/site/render/register-view.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('registerPageView(right, site, lang)', () => {
  it('marks corrections in the history and links them both ways', async () => {
    const view = registerPageView(await fixture.right('trademark', '202012345'), site, 'nb');
    expect(view.title).toBe('Varemerke 202012345: ÆRLIG ØL');
    expect(view.history.map((row) => row.correctionMark)).toEqual([null, 'Rettet', 'Rettelse']);
    expect(view.history[0]?.issue).toBeNull();
    expect(view.history[1]?.issue).toEqual({
      href: '/issues/2020-52/#event-NO-TM-202012345-0002',
      text: '2020-52',
    });
    expect(view.history[1]?.correctedBy?.href).toBe('/issues/2021-01/#event-NO-TM-202012345-0003');
    expect(view.history[2]?.corrects?.href).toBe('/issues/2020-52/#event-NO-TM-202012345-0002');
    expect(view.history.map((row) => row.eventId)).toEqual([
      'NO-TM-202012345-0001',
      'NO-TM-202012345-0002',
      'NO-TM-202012345-0003',
    ]);
    expect(view.history[1]?.standardEvents.every((event) => event.provisional)).toBe(true);
  });

  it('lists documents, showing images', async () => {
    const view = registerPageView(await fixture.right('design', '20200999'), site, 'en');
    expect(view.documents).toEqual([
      {
        href: '/documents/design/2020/20200999-1.svg',
        text: 'Design view',
        imageAlt: 'Design view: Stol',
      },
    ]);
  });

  it('numbers documents of one kind and names a PDF, never a media type', async () => {
    const right = await fixture.right('design', '20200999');
    const views = [1, 2, 3].map((n) => ({
      kind: 'design-view',
      href: `/documents/v${n}.svg`,
      mediaType: 'image/svg+xml',
    }));
    const pdf = { kind: 'specification', href: '/documents/s.pdf', mediaType: 'application/pdf' };
    const view = registerPageView({ ...right, documents: [...views, pdf] }, site, 'nn');
    expect(view.documents.map((d) => [d.text, d.imageAlt])).toEqual([
      ['Designvising 1 av 3', 'Designvising 1 av 3: Stol'],
      ['Designvising 2 av 3', 'Designvising 2 av 3: Stol'],
      ['Designvising 3 av 3', 'Designvising 3 av 3: Stol'],
      ['Patentskrift (PDF)', null],
    ]);
  });

  it('shows an unmapped event with its code and a note', async () => {
    const view = registerPageView(await fixture.right('design', '20200999'), site, 'en');
    const unmapped = view.history.find((row) => row.nationalEvent.code === 'DSXQZ');
    expect(unmapped?.nationalEvent.note).toMatch(/not mapped/);
    expect(unmapped?.standardEvents).toEqual([]);
  });
});
