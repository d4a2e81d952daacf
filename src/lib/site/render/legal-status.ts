/**
 * Legal-status events as the site shows them: the national event in the page language, and the
 * WIPO standard event(s) it maps to with state and stage labels. ST.61 and ST.87 lists are
 * provisional until WIPO publishes official ones, and every event from them says so.
 */

import { STANDARD_OF_RIGHT } from '../../mappings/mapping-row.ts';
import type { Standard } from '../../standards/code-list-schema.ts';
import {
  type StageChange,
  stageChange,
  UNSPECIFIED_STAGE,
  UNSPECIFIED_STATE,
} from '../../standards/stages.ts';
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
  /** True when the code list is provisional (not checked against WIPO's official list). */
  provisional: boolean;
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

/** An event's label in a language, or in English marked as such where it has none in that language. */
export function eventLabel(labels: StandardLabels | undefined, code: string, lang: Language): LangText {
  const label = labels?.events[code];
  if (!label) return { text: code };
  const text = label[lang];
  return text ? { text } : { text: label.en, lang: 'en' };
}

function eventText(labels: StandardLabels | undefined, code: string, lang: Language): LangText {
  const { text, lang: textLang } = eventLabel(labels, code, lang);
  return { text: text === code ? code : `${code} ${text}`, ...(textLang ? { lang: textLang } : {}) };
}

/**
 * A stage change in words: "Behandling → Registrert" where the stage moves, "Registrert" where it
 * does not; null while no stage is known (an event of any stage, and none before it).
 */
function stageText(labels: StandardLabels | undefined, change: StageChange, lang: Language): string | null {
  if (change.to === UNSPECIFIED_STAGE) return null;
  if (change.from === change.to || change.from === UNSPECIFIED_STAGE)
    return label(labels?.stages, change.to, lang);
  return makeTranslator(lang)('entry.stageChange', {
    from: label(labels?.stages, change.from, lang),
    to: label(labels?.stages, change.to, lang),
  });
}

/** A right's state and stage after an event, in words. */
export interface StatusAfter {
  /** Null where the event leaves the state unspecified (a correction, say): "Unspecified" tells a reader nothing. */
  state: string | null;
  stage: string | null;
}

/**
 * What an event leaves the right in: the state of its last standard event, and the stage from
 * where its first one starts to where its last one ends. A national event that maps to several
 * standard events (a European patent validated: application and grant) reads as one change.
 */
export function statusAfter(
  events: readonly StandardEventView[],
  standards: SiteData['standards'],
  lang: Language,
  changes: readonly StageChange[] = events.map((event) => stageChange(null, event)),
): StatusAfter | null {
  const last = events.at(-1);
  const first = changes[0];
  const end = changes.at(-1);
  if (!last || !first || !end) return null;
  const labels = standards[last.standard];
  const state = last.state === UNSPECIFIED_STATE ? null : label(labels?.states, last.state, lang);
  const stage = stageText(labels, { from: first.from, to: end.to }, lang);
  return state === null && stage === null ? null : { state, stage };
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
  const labels = standards[event.standard];
  const category = labels?.categories[event.keyEvent.charAt(0)]?.[lang] ?? null;
  return {
    standard: event.standard,
    statusEventCode: event.statusEventCode,
    keyEvent: eventText(labels, event.keyEvent, lang),
    detailedEvent: eventText(labels, event.detailedEvent, lang),
    category,
    state: label(labels?.states, event.state, lang),
    stage: stageText(labels, change, lang),
    provisional: labels ? !labels.verified : false,
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
  /** The latest key event's label, without its code. */
  lastKeyEvent: LangText;
  lastKeyEventCode: string;
  statusEventCode: string;
  standard: Standard;
  provisional: boolean;
} | null {
  if (!right.status) return null;
  const standard = STANDARD_OF_RIGHT[right.right];
  const labels = standards[standard];
  return {
    state: label(labels?.states, right.status.state, lang),
    stage: right.status.stage === UNSPECIFIED_STAGE ? null : label(labels?.stages, right.status.stage, lang),
    lastKeyEvent: eventLabel(labels, right.status.lastKeyEvent, lang),
    lastKeyEventCode: right.status.lastKeyEvent,
    statusEventCode: right.status.statusEventCode,
    standard,
    provisional: labels ? !labels.verified : false,
  };
}
