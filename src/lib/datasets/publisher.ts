/**
 * Who publishes the open data and under which licence, as the catalog and the data package state
 * it. The first office is the Norwegian Industrial Property Office; another office changes this
 * module only.
 */
import type { Publisher } from './data-release.ts';

export const NIPO_PUBLISHER: Publisher = {
  name: { nb: 'Patentstyret', nn: 'Patentstyret', en: 'Norwegian Industrial Property Office' },
  office: 'NO',
  organisationNumber: '971526157',
  homepage: 'https://www.patentstyret.no/',
  email: 'post@patentstyret.no',
};

/** Norwegian Licence for Open Government Data (NLOD) 2.0. */
export const NLOD_LICENSE = 'https://data.norge.no/nlod/no/2.0';
