/** `tidende schema`: prints the event record's JSON Schema. */
import { eventRecordJsonSchemaText } from '../../src/lib/json-schema.ts';

export async function run(): Promise<number> {
  process.stdout.write(eventRecordJsonSchemaText());
  return 0;
}
