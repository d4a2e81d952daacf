/**
 * Editorial pages of the site, written as Markdown per language: `src/content/pages/<lang>/<page>.md`
 * with a title and a description. Each page exists in nb, nn and en.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const pages = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './src/content/pages' }),
  schema: z.strictObject({
    /** The page's heading and title. */
    title: z.string().min(1),
    /** One sentence for search engines and link previews. */
    description: z.string().min(1),
  }),
});

export const collections = { pages };
