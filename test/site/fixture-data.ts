/** The small site data fixture, read as pages read it. */
import { fileURLToPath } from 'node:url';
import { siteDataReader } from '../../src/lib/site/site-data.ts';

/** test/fixtures/site-data-small: three issues (2020-52, 2020-53, 2021-01), one right of each type. */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/site-data-small/', import.meta.url));

export const fixture = siteDataReader(FIXTURE_DIR);
