/**
 * What documents Tidende accepts and where it publishes them, in a module light enough for the
 * CLI's option table and the deploy's header rules to read (the checks themselves are in
 * take-documents.ts).
 */
import { mediaTypeExtension } from './media-type.ts';

/**
 * The largest document accepted by default: 32 MiB holds a patent specification as PDF; marks and
 * design views are far smaller. `tidende ingest --max-document-bytes` changes it.
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** The one folder of the site that documents are published in. */
export const PUBLISHED_DOCUMENTS_DIR = 'documents';

/**
 * The site path of a published document: named by the hash of its published bytes and its media
 * type, nothing else, so no document can take the place of another file of the site.
 *
 * @example publishedDocumentPath('9f86…', 'image/png') === 'documents/9f86….png'
 */
export function publishedDocumentPath(sha256: string, mediaType: string): string {
  return `${PUBLISHED_DOCUMENTS_DIR}/${sha256}.${mediaTypeExtension(mediaType)}`;
}
