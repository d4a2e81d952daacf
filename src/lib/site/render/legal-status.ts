/**
 * Legal-status events as the site shows them: the national event in the page language, and the
 * WIPO standard event(s) it maps to with state and stage labels. ST.61 and ST.87 lists are
 * provisional until WIPO publishes official ones, and every event from them says so.
 */

import { STANDARD_OF_RIGHT } from '../../mappings/mapping-row.ts';
import type { Standard } from '../../standards/code-list-schema.ts';
import { type StageChange, stageChange, UNSPECIFIED_STAGE } from '../../standards/stages.ts';
import type {
  HistoryEventView,
  Labels,
  Language,
  RightData,
  SiteData,
  StandardEventView,
  StandardLabels,
} from '../site-data.ts';
import { makeTranslator } from './translator.ts';

/** A text with the language it is written in, when that is not the page's. */
export interface LangText {
  text: string;
  /** Set when the text is in another language than the page (WCAG 3.1.2). */
  lang?: Language;
}

/** A standard event ready to show. */
export interface StandardEventLine {
  standard: Standard;
  /** e.g. `A-2-4-F10-F11-TMREG`. */
  statusEventCode: string;
  /** "F10 Registration", the label in English where the code list has no other. */
  keyEvent: LangText;
  detailedEvent: LangText;
  /** Category of the key event in the page language, e.g. "Registrering". */
  category: string | null;
  state: string;
  /**
   * "Behandling → Registrert" where the event moves the stage, "Registrert" where it does not;
   * null for an event that can occur at any stage while no stage is known.
   */
  stage: string | null;
  /** Set when the code list is provisional: the sentence that says so. */
  provisionalNote: string | null;
}

/** How the national event of an entry or history row reads. */
export interface NationalEventLine {
  code: string;
  label: string;
  /** A sentence for an event that is unmapped or not a legal-status event; null otherwise. */
  note: string | null;
}

function label(labels: Record<string, Labels> | undefined, code: string, lang: Language): string {
  return labels?.[code]?.[lang] ?? code;
}

function eventText(labels: StandardLabels | undefined, code: string, lang: Language): LangText {
  const english = labels?.events[code];
  if (!english) return { text: code };
  return lang === 'en' ? { text: `${code} ${english}` } : { text: `${code} ${english}`, lang: 'en' };
}

/**
 * A standard event with its labels in a language; `change` is its stage change where the right's
 * history is known (stages.ts), else the one its mapping row says.
 */
export function standardEventLine(
  event: StandardEventView,
  standards: SiteData['standards'],
  lang: Language,
  change: StageChange = stageChange(null, event),
): StandardEventLine {
  const t = makeTranslator(lang);
  const labels = standards[event.standard];
  const category = labels?.categories[event.keyEvent.charAt(0)]?.[lang] ?? null;
  return {
    standard: event.standard,
    statusEventCode: event.statusEventCode,
    keyEvent: eventText(labels, event.keyEvent, lang),
    detailedEvent: eventText(labels, event.detailedEvent, lang),
    category,
    state: label(labels?.states, event.state, lang),
    stage:
      change.to === UNSPECIFIED_STAGE
        ? null
        : change.from === change.to || change.from === UNSPECIFIED_STAGE
          ? label(labels?.stages, change.to, lang)
          : t('entry.stageChange', {
              from: label(labels?.stages, change.from, lang),
              to: label(labels?.stages, change.to, lang),
            }),
    provisionalNote: labels && !labels.verified ? t('entry.provisional', { standard: event.standard }) : null,
  };
}

/** The national event of an entry or history row in a language, with a note when it is unusual. */
export function nationalEventLine(
  event: Pick<HistoryEventView, 'nationalCode' | 'nationalLabel' | 'legalStatus'>,
  lang: Language,
): NationalEventLine {
  const t = makeTranslator(lang);
  if (!event.nationalLabel) {
    return {
      code: event.nationalCode,
      label: t('entry.unmappedLabel', { code: event.nationalCode }),
      note: t('entry.unmapped', { code: event.nationalCode }),
    };
  }
  return {
    code: event.nationalCode,
    label: event.nationalLabel[lang],
    note: event.legalStatus === false ? t('entry.notLegalStatus') : null,
  };
}

/** A right's current legal status, labelled; null before its first legal-status event. */
export function currentStatusLine(
  right: Pick<RightData, 'right' | 'status'>,
  standards: SiteData['standards'],
  lang: Language,
): {
  state: string;
  /** Null while no event has set a stage. */
  stage: string | null;
  lastKeyEvent: LangText;
  statusEventCode: string;
  provisionalNote: string | null;
} | null {
  if (!right.status) return null;
  const standard = STANDARD_OF_RIGHT[right.right];
  const labels = standards[standard];
  const t = makeTranslator(lang);
  return {
    state: label(labels?.states, right.status.state, lang),
    stage: right.status.stage === UNSPECIFIED_STAGE ? null : label(labels?.stages, right.status.stage, lang),
    lastKeyEvent: eventText(labels, right.status.lastKeyEvent, lang),
    statusEventCode: right.status.statusEventCode,
    provisionalNote: labels && !labels.verified ? t('entry.provisional', { standard }) : null,
  };
}
