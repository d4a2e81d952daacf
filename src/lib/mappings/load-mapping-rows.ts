/**
 * Puts the mapping tables into the store's `mapping_rows`, replacing what was there, in one
 * transaction. The legal-status view reads them, so a changed table changes every event's
 * standard status without re-ingesting anything.
 */
import type { EventStore } from '../store/event-store.ts';
import type { MappingRow } from './mapping-row.ts';

export async function loadMappingRows(store: EventStore, rows: readonly MappingRow[]): Promise<void> {
  const { connection } = store;
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run('DELETE FROM mapping_rows');
    const appender = await connection.createAppender('mapping_rows');
    const order = new Map<string, number>();
    for (const row of rows) {
      // Rows of one national code keep their table order: the last one is the status it ends in.
      const key = `${row.right}\u0000${row.nationalCode}`;
      const position = (order.get(key) ?? 0) + 1;
      order.set(key, position);
      appender.appendVarchar(row.right);
      appender.appendVarchar(row.nationalCode);
      appender.appendInteger(position);
      for (const value of [
        row.standard,
        row.keyEvent,
        row.detailedEvent,
        row.state,
        row.previousStage,
        row.currentStage,
      ]) {
        appender.appendVarchar(value);
      }
      appender.appendBoolean(row.legalStatus);
      for (const value of [row.section, row.labelNb, row.labelNn, row.labelEn, row.source])
        appender.appendVarchar(value);
      appender.endRow();
    }
    appender.closeSync();
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
