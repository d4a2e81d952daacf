/**
 * The stage of a right's life cycle (ST.27 stage codes, 0 to 6) as its events move it.
 *
 * A mapping row says, per national event, the stage a right is in before and after it. Stage 0,
 * "unspecified", is for events that can occur at any stage (a change of the owner's name, a
 * renewal notice): they leave the stage where it was. So a right's current stage is the stage of
 * its latest status event that sets one, and an event's stage change starts from the stage the
 * right was actually in, which an earlier event (an opposition, say) may have moved away from the
 * stage its mapping row expects.
 */

/** ST.27's states (active, not active, terminated, unspecified), which ST.61 and ST.87 share. */
export const STATES = ['A', 'N', 'T', 'U'] as const;

/** ST.27's stages, 0 (unspecified) to 6, which ST.61 and ST.87 share. */
export const STAGES = ['0', '1', '2', '3', '4', '5', '6'] as const;

/** ST.27's "unspecified" state: the event says nothing about whether the right is in force. */
export const UNSPECIFIED_STATE = 'U';

/** ST.27's "unspecified" stage: an event that can occur at any stage and moves none. */
export const UNSPECIFIED_STAGE = '0';

/** The stage before and after one standard event. */
export interface StageChange {
  from: string;
  to: string;
}

/** What a stage change is worked out from: the mapping row's stages. */
export interface StagedEvent {
  previousStage: string;
  currentStage: string;
}

/**
 * The stage change of `event` for a right in stage `before` (null: none known yet, so the mapping
 * row's previous stage).
 * @example
 * stageChange('4', { previousStage: '0', currentStage: '0' }) // { from: '4', to: '4' }
 * stageChange('3', { previousStage: '2', currentStage: '4' }) // { from: '3', to: '4' }
 */
export function stageChange(before: string | null, event: StagedEvent): StageChange {
  const from = before ?? event.previousStage;
  return { from, to: event.currentStage === UNSPECIFIED_STAGE ? from : event.currentStage };
}

/** An event of a right's history, as far as its stage is concerned. */
export interface StageHistoryEvent {
  /** Only legal-status events move the stage; a publication that is not one does not. */
  legalStatus: boolean | null;
  /** An event a later correction superseded moves nothing. */
  supersededBy?: unknown;
  standardEvents: readonly StagedEvent[];
}

/**
 * The stage changes along a right's history (oldest first): for each event, one per standard
 * event. Events that do not count for the right's status show the change they would make from
 * the stage the right is in, and move nothing.
 */
export function stageTimeline(history: readonly StageHistoryEvent[]): StageChange[][] {
  let stage: string | null = null;
  return history.map((event) => {
    const before = stage;
    const changes = event.standardEvents.map((standardEvent) => stageChange(before, standardEvent));
    const after = changes.at(-1)?.to;
    if (
      event.legalStatus === true &&
      !event.supersededBy &&
      after !== undefined &&
      after !== UNSPECIFIED_STAGE
    )
      stage = after;
    return changes;
  });
}

/**
 * SQL for a right's current stage in a query that picks its latest status event: the stage of
 * the latest event in `window` (a `PARTITION BY … ORDER BY …` oldest first) whose stage is not
 * unspecified, else unspecified.
 */
export function currentStageSql(stageColumn: string, window: string): string {
  return `coalesce(last_value(nullif(${stageColumn}, '${UNSPECIFIED_STAGE}') IGNORE NULLS) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), '${UNSPECIFIED_STAGE}')`;
}
