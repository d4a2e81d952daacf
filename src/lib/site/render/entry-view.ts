/**
 * One gazette entry as an issue page shows it: key data by INID code, the image, the national
 * event and its WIPO standard event(s), the link to the right's register page, and the links
 * between a correction and the entry it corrects.
 */
import type { RightType } from '../../event-record.ts';
import type { EntryView, EventLink, Language, RegisterView, SiteData } from '../site-data.ts';
import { formatDate } from './format.ts';
import { type KeyDataRow, keyDataRows } from './key-data.ts';
import {
  type NationalEventLine,
  nationalEventLine,
  type StandardEventLine,
  type StatusAfter,
  standardEventLine,
  statusAfter,
} from './legal-status.ts';
import { titleText, verbalTitle } from './right-title.ts';
import {
  documentSrc,
  eventAnchor,
  eventFragment,
  issuePath,
  localizedPath,
  registerPath,
} from './site-urls.ts';
import { makeTranslator } from './translator.ts';

/** A link with its text. */
export interface LinkView {
  href: string;
  text: string;
}

/** A date in words with its machine-readable form. */
export interface DateView {
  text: string;
  datetime: string;
}

export interface ImageView {
  src: string;
  alt: string;
}

export interface EntryCardView {
  /** The id of the entry on the page, what correction links point at. */
  anchor: string;
  /** The application number and title, e.g. "202012345 ÆRLIG ØL". */
  heading: string;
  image: ImageView | null;
  keyData: KeyDataRow[];
  /** The event's id, as in the open data. */
  eventId: string;
  nationalEvent: NationalEventLine;
  /** State and stage after the event, in words; null for an event without a standard event. */
  status: StatusAfter | null;
  eventDate: DateView;
  effectiveDate: DateView | null;
  standardEvents: StandardEventLine[];
  /** False for a publication that is not a legal-status event; null when unmapped. */
  legalStatus: boolean | null;
  register: LinkView;
  /** For a correction: the entry it corrects. */
  corrects: LinkView | null;
  /** For a corrected entry: its correction. */
  correctedBy: LinkView | null;
}

/** The image of a right (mark image or design view) with an alt text, or null when it has none. */
export function imageView(
  view: Pick<RegisterView, 'right' | 'title' | 'markFeature' | 'applicationNumber' | 'image'>,
  lang: Language,
): ImageView | null {
  const src = view.image && documentSrc(view.image.href);
  if (!src) return null;
  const t = makeTranslator(lang);
  if (view.right !== 'trademark') return { src, alt: t('image.design', { title: view.title }) };
  const title = verbalTitle(view);
  return {
    src,
    alt:
      title === null
        ? t('image.markWordless', {
            number: view.applicationNumber,
            feature: titleText(view, lang).slice(1, -1),
          })
        : t('image.mark', { title }),
  };
}

/**
 * A link to another event: to its entry in the issue that published it, or to its row on the
 * right's register page when it was never in the gazette.
 */
export function eventLinkView(
  link: EventLink,
  kind: 'corrects' | 'correctedBy',
  right: RightType,
  applicationNumber: string,
  lang: Language,
): LinkView {
  const t = makeTranslator(lang);
  const page = link.issue ? issuePath(link.issue) : registerPath(right, applicationNumber);
  // A sentence, not the event's id: the id is in the link's target, and in the open data.
  const text = link.issue
    ? t(kind === 'corrects' ? 'entry.correctsInIssue' : 'entry.correctedByInIssue', { issue: link.issue })
    : t(kind === 'corrects' ? 'entry.correctsRegister' : 'entry.correctedByRegister');
  return { href: `${localizedPath(lang, page)}${eventFragment(link.eventId)}`, text };
}

/** The link from an entry or heading to the right's register page. */
export function registerLinkView(right: RightType, applicationNumber: string, lang: Language): LinkView {
  const t = makeTranslator(lang);
  return {
    href: localizedPath(lang, registerPath(right, applicationNumber)),
    text: t('entry.registerLink', {
      right: t(`right.${right}`).toLocaleLowerCase(lang),
      number: applicationNumber,
    }),
  };
}

/** An entry of an issue, ready for the page. */
export function entryCardView(
  entry: EntryView,
  standards: SiteData['standards'],
  lang: Language,
): EntryCardView {
  const link = (value: EventLink | undefined, kind: 'corrects' | 'correctedBy') =>
    value ? eventLinkView(value, kind, entry.right, entry.applicationNumber, lang) : null;
  const standardEvents = entry.standardEvents.map((event) => standardEventLine(event, standards, lang));
  return {
    anchor: eventAnchor(entry.eventId),
    heading: `${entry.applicationNumber} ${titleText(entry, lang)}`,
    image: imageView(entry, lang),
    keyData: keyDataRows(entry, lang),
    eventId: entry.eventId,
    nationalEvent: nationalEventLine(entry, lang),
    eventDate: { text: formatDate(entry.eventDate, lang), datetime: entry.eventDate },
    effectiveDate: entry.effectiveDate
      ? { text: formatDate(entry.effectiveDate, lang), datetime: entry.effectiveDate }
      : null,
    standardEvents,
    status: statusAfter(entry.standardEvents, standards, lang),
    legalStatus: entry.legalStatus,
    register: registerLinkView(entry.right, entry.applicationNumber, lang),
    corrects: link(entry.supersedes, 'corrects'),
    correctedBy: link(entry.supersededBy, 'correctedBy'),
  };
}
