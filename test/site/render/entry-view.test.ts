import { describe, expect, it } from 'vitest';
import { entryCardView, eventLinkView, imageView } from '../../../src/lib/site/render/entry-view.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('entryCardView(entry, standards, lang)', () => {
  it('links a corrected entry to its correction and the correction back', async () => {
    const corrected = (await fixture.issue('2020-52')).entries[0];
    const correction = (await fixture.issue('2021-01')).entries.find((e) => e.section === 'corrections');
    if (!corrected || !correction) throw new Error('fixture lacks the corrected trademark entries');
    const before = entryCardView(corrected, site.standards, 'en');
    const after = entryCardView(correction, site.standards, 'en');
    expect(before.correctedBy).toEqual({
      href: '/en/issues/2021-01/#event-NO-TM-202012345-0003',
      text: 'Corrected by an announcement in issue 2021-01',
    });
    expect(after.corrects?.href).toBe(`/en/issues/2020-52/#${before.anchor}`);
    expect(after.correctedBy).toBeNull();
  });

  it('links to the register page and shows the mark image', async () => {
    const entry = (await fixture.issue('2020-52')).entries[0];
    if (!entry) throw new Error('fixture issue 2020-52 is empty');
    const card = entryCardView(entry, site.standards, 'nb');
    expect(card.register).toEqual({
      href: '/trademark/202012345/',
      text: 'Registerside for varemerke 202012345',
    });
    expect(card.image).toEqual({ src: '/documents/trademark/2020/202012345-1.svg', alt: 'Merket ÆRLIG ØL' });
    expect(card.heading).toBe('202012345 ÆRLIG ØL');
    // The card says whether its standard events are legal-status events, so a publication's are
    // not titled as one (StandardEvents.astro).
    expect(card.legalStatus).toBe(entry.legalStatus);
  });
});

describe('eventLinkView(link, kind, right, applicationNumber, lang)', () => {
  it('points at the register page row when the event was never in the gazette', () => {
    const link = eventLinkView({ eventId: 'E1', issue: null }, 'corrects', 'patent', '1', 'nb');
    expect(link).toEqual({
      href: '/patent/1/#event-E1',
      text: 'Retter en registerhendelse som ikke ble kunngjort i Tidende',
    });
  });
});

describe('imageView(view, lang)', () => {
  it('describes a design view and has nothing for a right without an image', () => {
    expect(
      imageView(
        {
          right: 'design',
          applicationNumber: '1',
          title: 'Stol',
          image: { href: 'documents/d.svg', mediaType: 'image/svg+xml' },
        },
        'en',
      ),
    ).toEqual({ src: '/documents/d.svg', alt: 'Design view: Stol' });
    expect(imageView({ right: 'patent', applicationNumber: '1', title: 'T' }, 'en')).toBeNull();
  });

  it('describes a mark without words by its number and kind, never by its placeholder title', () => {
    const image = { href: 'documents/m.svg', mediaType: 'image/svg+xml' };
    const mark = { right: 'trademark' as const, applicationNumber: '1010280', title: 'Figurmerke', image };
    expect(imageView({ ...mark, markFeature: 'figurative' }, 'nb')?.alt).toBe(
      'Merket i varemerke 1010280 (figurmerke)',
    );
    expect(imageView({ ...mark, title: 'BLÅO', markFeature: 'combined' }, 'nn')?.alt).toBe('Merket BLÅO');
  });
});
