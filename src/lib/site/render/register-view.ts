/**
 * A right's register page: its current key data and legal status, every event of its legal-status
 * history, and its documents and images.
 */

import { type StageChange, stageTimeline } from '../../standards/stages.ts';
import type { HistoryEventView, Language, RightData, SiteData } from '../site-data.ts';
import { type DateView, eventLinkView, type ImageView, imageView, type LinkView } from './entry-view.ts';
import { formatDate } from './format.ts';
import { type KeyDataRow, keyDataRows } from './key-data.ts';
import {
  currentStatusLine,
  type NationalEventLine,
  nationalEventLine,
  type StandardEventLine,
  type StatusAfter,
  standardEventLine,
  statusAfter,
} from './legal-status.ts';
import { rightName, titleText } from './right-title.ts';
import { documentSrc, eventAnchor, eventFragment, issuePath, localizedPath } from './site-urls.ts';
import { makeTranslator } from './translator.ts';

export interface HistoryRowView {
  anchor: string;
  eventId: string;
  /** False for a publication that is not a legal-status event; null when unmapped. */
  legalStatus: boolean | null;
  /** State and stage after the event, in words; null for an event without a standard event. */
  status: StatusAfter | null;
  date: DateView;
  effectiveDate: DateView | null;
  nationalEvent: NationalEventLine;
  standardEvents: StandardEventLine[];
  /** The entry in the issue that published it; null when it was not in the gazette. */
  issue: LinkView | null;
  /** "Correction" or "Corrected", for a row that is one. */
  correctionMark: string | null;
  corrects: LinkView | null;
  correctedBy: LinkView | null;
}

export interface RegisterPageView {
  title: string;
  /** The page's meta description. */
  description: string;
  heading: string;
  image: ImageView | null;
  keyData: KeyDataRow[];
  status: ReturnType<typeof currentStatusLine>;
  historyCaption: string;
  history: HistoryRowView[];
  documents: DocumentView[];
}

/** A document of a right; images are shown, other documents linked. */
export interface DocumentView extends LinkView {
  /** Alt text when the document is an image to show, else null. */
  imageAlt: string | null;
}

function historyRowView(
  event: HistoryEventView,
  stageChanges: StageChange[],
  right: RightData,
  standards: SiteData['standards'],
  lang: Language,
): HistoryRowView {
  const t = makeTranslator(lang);
  const link = (value: HistoryEventView['supersedes'], kind: 'corrects' | 'correctedBy') =>
    value ? eventLinkView(value, kind, right.right, right.applicationNumber, lang) : null;
  const standardEvents = event.standardEvents.map((e, i) =>
    standardEventLine(e, standards, lang, stageChanges[i]),
  );
  return {
    anchor: eventAnchor(event.eventId),
    eventId: event.eventId,
    legalStatus: event.legalStatus,
    status: statusAfter(event.standardEvents, standards, lang, stageChanges),
    date: { text: formatDate(event.eventDate, lang), datetime: event.eventDate },
    effectiveDate: event.effectiveDate
      ? { text: formatDate(event.effectiveDate, lang), datetime: event.effectiveDate }
      : null,
    nationalEvent: nationalEventLine(event, lang),
    standardEvents,
    issue: event.issue
      ? {
          href: `${localizedPath(lang, issuePath(event.issue))}${eventFragment(event.eventId)}`,
          text: event.issue,
        }
      : null,
    correctionMark: event.supersedes
      ? t('history.correction')
      : event.supersededBy
        ? t('history.corrected')
        : null,
    corrects: link(event.supersedes, 'corrects'),
    correctedBy: link(event.supersededBy, 'correctedBy'),
  };
}

/** How a document's format is named after its caption; images need no word. */
const FORMAT_NAMES: Record<string, string> = { 'application/pdf': 'PDF' };

/**
 * The documents of a register page, each captioned by what it is, numbered where a right has
 * several of a kind ("Designvisning 3 av 7"), and a PDF's format named.
 */
function documentViews(right: RightData, lang: Language): RegisterPageView['documents'] {
  const t = makeTranslator(lang);
  const shown = right.documents.flatMap((doc) => {
    const href = documentSrc(doc.href);
    return href ? [{ ...doc, href }] : [];
  });
  const ofKind = Map.groupBy(shown, (doc) => doc.kind);
  return shown.map((doc) => {
    const kindKey = `document.${doc.kind}`;
    const kind = t.has(kindKey) ? t(kindKey) : doc.kind;
    const siblings = ofKind.get(doc.kind) ?? [doc];
    const caption =
      siblings.length > 1
        ? t('register.documentNumbered', { kind, n: siblings.indexOf(doc) + 1, count: siblings.length })
        : kind;
    const format = FORMAT_NAMES[doc.mediaType];
    return {
      href: doc.href,
      text: format ? `${caption} (${format})` : caption,
      imageAlt: doc.mediaType.startsWith('image/') ? `${caption}: ${titleText(right, lang)}` : null,
    };
  });
}

/**
 * The register page of a right in a language. It shows nothing that changes with the build time,
 * so that its cache key is the right's data alone.
 */
export function registerPageView(
  right: RightData,
  site: Pick<SiteData, 'standards'>,
  lang: Language,
): RegisterPageView {
  const t = makeTranslator(lang);
  const rightType = t(`right.${right.right}`);
  const name = rightName(right, lang);
  // Each event's stage change from the stage the right was actually in (stages.ts).
  const stages = stageTimeline(right.history);
  const history = right.history.map((event, i) =>
    historyRowView(event, stages[i] ?? [], right, site.standards, lang),
  );
  return {
    title: name,
    description: t('register.description', { title: name }),
    heading: name,
    image: imageView(right, lang),
    keyData: keyDataRows(right, lang),
    status: currentStatusLine(right, site.standards, lang),
    historyCaption: t('register.historyCaption', {
      right: rightType.toLocaleLowerCase(lang),
      number: right.applicationNumber,
    }),
    history,
    documents: documentViews(right, lang),
  };
}
