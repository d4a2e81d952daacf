/** How the lines of one extract were accounted for; every line read is in exactly one other count. */
export interface IngestCounts {
  read: number;
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  blank: number;
}

/** The count names in the order summaries print them. */
export const INGEST_COUNT_NAMES = ['read', 'accepted', 'duplicate', 'conflict', 'rejected', 'blank'] as const;
