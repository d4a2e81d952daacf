/**
 * UI strings of the site: one JSON file per language in `src/i18n/`, flat dotted keys grouped by
 * area (`nav.home`, `issue.published`). English is the reference; every language has every key.
 */
import en from '../../../i18n/en.json' with { type: 'json' };
import nb from '../../../i18n/nb.json' with { type: 'json' };
import nn from '../../../i18n/nn.json' with { type: 'json' };
import type { Language } from '../site-data.ts';

/** A key of the UI strings, e.g. `nav.home`. */
export type UiKey = keyof typeof en;

/** The UI strings of each language; the annotation makes a key missing in one language a type error. */
export const UI_STRINGS: Record<Language, Record<UiKey, string>> = { nb, nn, en };

/** Values put into a string's `{placeholders}`. */
export type UiParams = Record<string, string | number>;

/** A UI string in one language with its placeholders filled. */
export type Translate = ((key: UiKey, params?: UiParams) => string) & {
  /** Whether a key exists, for keys built from data such as `kind.${kind}`. */
  has: (key: string) => key is UiKey;
  lang: Language;
};

/**
 * The translator of a language: `makeTranslator('nb')('issue.published', { date })`.
 * A placeholder without a value is an error, so a forgotten parameter never reaches a page.
 */
export function makeTranslator(lang: Language): Translate {
  const strings = UI_STRINGS[lang];
  const translate = (key: UiKey, params: UiParams = {}) =>
    strings[key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) {
        throw new Error(`UI string "${key}" (${lang}) needs a value for {${name}}; pass it in params`);
      }
      return String(value);
    });
  return Object.assign(translate, {
    has: (key: string): key is UiKey => Object.hasOwn(strings, key),
    lang,
  });
}

/** The key for a count, `.one` or `.other` by the language's plural rules, e.g. `issue.entries`. */
export function pluralKey<P extends string>(
  prefix: P,
  count: number,
  lang: Language,
): `${P}.one` | `${P}.other` {
  const rule = new Intl.PluralRules(lang === 'en' ? 'en' : 'nb').select(count);
  return rule === 'one' ? `${prefix}.one` : `${prefix}.other`;
}
