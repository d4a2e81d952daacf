/** `/favicon.svg`: the site's icon, a "T" on the theme's dark blue, served from the site itself. */
import type { APIRoute } from 'astro';

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="6" fill="#0d3a67"/>' +
  '<path d="M8 8h16v4h-6v14h-4V12H8z" fill="#fff"/></svg>\n';

export const GET: APIRoute = () => new Response(ICON, { headers: { 'Content-Type': 'image/svg+xml' } });
