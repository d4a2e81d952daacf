/**
 * The input of the ST.96 writer: one patent (application or granted right) with its WIPO ST.27
 * legal-status events, as plain data. The comments say which ST.96 V6_0 element each field becomes
 * in `pat:PatentLegalStatusData` (see st96-writer.ts).
 *
 * One national event mapped to several ST.27 events (one-to-many, e.g. NIPO's T2 to F10 and Q10)
 * is several events here, one per standard event, with the same `eventId` and their own
 * `standardEventSeq`; each becomes its own `pat:StatusEventData` with its own identifier.
 */

/** One ST.27 standard event of a patent: one `pat:StatusEventData`. */
export interface St96StatusEvent {
  /**
   * The back office's id of the national event. With `standardEventSeq` it makes the event's
   * `com:StatusEventIdentifier`, `<eventId>-<standardEventSeq>` (see `statusEventIdentifier`).
   */
  eventId: string;
  /**
   * Number of this standard event within the national event, from 1, in the order of the mapping
   * table's rows (the `standard_event_seq` of the open data's `legal_status_events` table).
   */
  standardEventSeq: number;
  /** ST.27 state code (A, N, T, U): `com:StateCode`. */
  state: string;
  /** ST.27 stage code before the event (0-6): `com:PreviousStageCode`. */
  previousStage: string;
  /** ST.27 stage code after the event (0-6): `com:CurrentStageCode`. */
  currentStage: string;
  /** ST.27 key event, e.g. F10: `pat:KeyEventCode`; its letter picks the category event data element. */
  keyEvent: string;
  /** ST.27 detailed event, e.g. F11: `pat:DetailedEventCode`. */
  detailedEvent: string;
  /** The office's own event code: `pat:NationalEventCode`. */
  nationalCode: string;
  /** ISO date the event happened: `com:EventDate`. */
  eventDate: string;
  /** ISO date the event takes legal effect: `com:EffectiveDate`. */
  effectiveDate?: string;
  /** ISO date the event was published: `com:PublicationDate`. */
  publicationDate?: string;
  /**
   * The gazette issue it was published in, `YYYY-WW`: `pat:GazetteNumber` `YYYY/WW` inside the
   * event data element of the key event's category (every category element allows it).
   */
  issue?: string;
  /**
   * The eventId of the earlier national event this one corrects. Written in the category event
   * data: for a Y (correction) key event as one `pat:StatusEventIdentification` per standard event of
   * the corrected event (its dates, identifier and code) when that event is among the record's
   * events; for every key event also as a `com:CommentText` naming the corrected identifiers.
   */
  supersedes?: string;
  /**
   * The eventId of the latest national event that corrects this one (the `superseded_by` of the
   * open data). ST.96 has no element that marks an event as corrected, so this event's category
   * event data gets a `com:CommentText` naming the identifiers of its corrections: every event of the
   * record whose `supersedes` names it, and this one.
   */
  supersededBy?: string;
}

/** One patent with its events: one `pat:PatentLegalStatus`. */
export interface St96PatentRecord {
  /** ST.3 code of the office, e.g. NO: `com:IPOfficeCode`. */
  office: string;
  /** `com:ApplicationNumber/com:ApplicationNumberText`. */
  applicationNumber: string;
  /** ISO date: `pat:ApplicationIdentification/pat:FilingDate`. */
  filingDate?: string;
  /** The patent number: `pat:PatentGrantIdentification/pat:PatentNumber`. */
  registrationNumber?: string;
  /** ISO date: `pat:PatentGrantIdentification/pat:GrantDate` (only with a registrationNumber). */
  grantDate?: string;
  /**
   * The national kind of right, e.g. `patent`, `spc`, `ep-validation`. Written as
   * `com:IPRightKindCategory` only when the ST.96 enumeration has a faithful value for it.
   */
  kind?: string;
  /** One per ST.27 standard event, in date order; at least one. */
  events: St96StatusEvent[];
}
