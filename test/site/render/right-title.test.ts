import { describe, expect, it } from 'vitest';
import { rightName, titleText, verbalTitle } from '../../../src/lib/site/render/right-title.ts';

const mark = (markFeature: string, title = 'Figurmerke') =>
  ({ right: 'trademark', applicationNumber: '1010280', title, markFeature }) as const;

describe('what a right is called', () => {
  it('names a word or combined mark, a patent and a design by their titles', () => {
    expect(rightName(mark('word', 'VIKGARD'), 'nb')).toBe('Varemerke 1010280: VIKGARD');
    expect(rightName(mark('combined', 'BLÅO'), 'nn')).toBe('Varemerke 1010280: BLÅO');
    expect(rightName({ right: 'patent', applicationNumber: '20201234', title: 'Pumpe' }, 'en')).toBe(
      'Patent 20201234: Pumpe',
    );
  });

  it('calls a mark without words by its number and kind, not by its placeholder title', () => {
    for (const feature of ['figurative', 'shape', 'colour', 'sound', 'other']) {
      expect(verbalTitle(mark(feature))).toBeNull();
    }
    expect(rightName(mark('figurative'), 'nb')).toBe('Varemerke 1010280 (figurmerke)');
    expect(rightName(mark('colour', 'Fargemerke'), 'en')).toBe('Trademark 1010280 (colour mark)');
    expect(titleText(mark('shape', 'Formmerke'), 'nn')).toMatch(/^\(.+\)$/);
    expect(titleText(mark('shape', 'Formmerke'), 'nn')).not.toContain('Formmerke');
  });
});
