/**
 * What a right is called on the pages. A patent's title, a design's product and a mark's verbal
 * element name the right; a mark without words (a figurative, shape, colour or sound mark) has no
 * verbal element, and whatever its register title holds ("Figurmerke") is a placeholder, not a
 * name: such a mark is called by its number and its kind of mark.
 */
import type { Language, RegisterView } from '../site-data.ts';
import { makeTranslator } from './translator.ts';

/** Mark features of marks without words. */
const WORDLESS_FEATURES: ReadonlySet<string> = new Set(['figurative', 'shape', 'colour', 'sound', 'other']);

type Named = Pick<RegisterView, 'right' | 'title' | 'markFeature'>;

/** The right's title, or null for a mark without words. */
export function verbalTitle(view: Named): string | null {
  return view.right === 'trademark' && view.markFeature && WORDLESS_FEATURES.has(view.markFeature)
    ? null
    : view.title;
}

/** The kind of a mark in words, lower case: "figurmerke". */
function featureName(view: Named, lang: Language): string {
  const t = makeTranslator(lang);
  const key = `markFeature.${view.markFeature}`;
  return (t.has(key) ? t(key) : (view.markFeature ?? '')).toLocaleLowerCase(lang);
}

/** What follows the right's number in a heading: "VIKGARD", or "(figurmerke)" for a mark without words. */
export function titleText(view: Named, lang: Language): string {
  return verbalTitle(view) ?? `(${featureName(view, lang)})`;
}

/** A right's name with its type and number: "Varemerke 201704583: VIKGARD", "Varemerke 1010280 (figurmerke)". */
export function rightName(view: Named & Pick<RegisterView, 'applicationNumber'>, lang: Language): string {
  const t = makeTranslator(lang);
  const words = { right: t(`right.${view.right}`), number: view.applicationNumber };
  const title = verbalTitle(view);
  return title === null
    ? t('register.titleWordless', { ...words, feature: featureName(view, lang) })
    : t('register.title', { ...words, title });
}
