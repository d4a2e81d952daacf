/**
 * Atom 1.0 (RFC 4287) feeds written as strings: every text is XML-escaped, every URL absolute.
 */

/** One entry of a feed. */
export interface AtomEntry {
  /** A permanent, absolute IRI: the entry's page URL. */
  id: string;
  title: string;
  /** ISO 8601 instant. */
  updated: string;
  /** Absolute URL of the page the entry is about. */
  href: string;
  summary?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** ISO 8601 instant: the newest entry's, or the build's when there is none. */
  updated: string;
  /** Absolute URL of the feed itself. */
  selfHref: string;
  /** Absolute URL of the page the feed follows. */
  alternateHref: string;
  /** BCP 47 language of the feed's texts, e.g. `nb`. */
  lang: string;
  author: { name: string; uri?: string };
  entries: AtomEntry[];
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for XML content and attribute values, and drops characters XML 1.0 cannot hold
 * (C0 controls other than tab, newline, carriage return; lone surrogates; U+FFFE and U+FFFF).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Atom wants an RFC 3339 instant; ISO strings from Date are, and others are normalised. */
function instant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`"${value}" is not an ISO 8601 instant for an Atom feed`);
  return date.toISOString();
}

/** The feed as an Atom 1.0 document. */
export function atomFeedXml(feed: AtomFeed): string {
  const e = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(feed.lang)}">`,
    `  <id>${e(feed.id)}</id>`,
    `  <title type="text">${e(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${e(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${instant(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.selfHref)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(feed.alternateHref)}"/>`,
    '  <author>',
    `    <name>${e(feed.author.name)}</name>`,
    ...(feed.author.uri ? [`    <uri>${e(feed.author.uri)}</uri>`] : []),
    '  </author>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${e(entry.id)}</id>`,
      `    <title type="text">${e(entry.title)}</title>`,
      `    <updated>${instant(entry.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${e(entry.href)}"/>`,
      ...(entry.summary ? [`    <summary type="text">${e(entry.summary)}</summary>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
