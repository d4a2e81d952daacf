/**
 * Small deterministic SVG images for sample marks and design views: simple shapes and colours
 * drawn from the seeded generator, with the whole of a mark's words for marks that have them.
 */
import { createHash } from 'node:crypto';
import type { Random } from './random.ts';
import type { RightPlan } from './right-events.ts';

const PALETTE =
  '#1f4e79 #2e7d32 #c62828 #ef6c00 #6a1b9a #00838f #37474f #ad1457 #f9a825 #4e342e #0d47a1 #00695c'.split(
    ' ',
  );

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function polygon(cx: number, cy: number, radius: number, corners: number, turn: number): string {
  const points: string[] = [];
  for (let i = 0; i < corners; i++) {
    const angle = turn + (i * 2 * Math.PI) / corners;
    points.push(`${Math.round(cx + radius * Math.cos(angle))},${Math.round(cy + radius * Math.sin(angle))}`);
  }
  return points.join(' ');
}

/** Widest a line of a mark's words may be in the 200-unit image, and the most a bold letter takes of its size. */
const TEXT_WIDTH = 176;
const LETTER_WIDTH = 0.68;

/**
 * A mark's words across the device, whole: the size shrinks to fit, and a long name is also
 * squeezed to the line (textLength), so that no letter is ever cut off. A reader who sees "BL"
 * would take it for the mark's name.
 */
function markWords(words: string): string {
  const length = [...words].length;
  const size = Math.max(14, Math.min(52, Math.floor(TEXT_WIDTH / (LETTER_WIDTH * length))));
  const fit =
    size * LETTER_WIDTH * length > TEXT_WIDTH
      ? ` textLength="${TEXT_WIDTH}" lengthAdjust="spacingAndGlyphs"`
      : '';
  // A dark band behind the words, so that they read wherever they run past the device.
  const band = `<rect x="8" y="${100 - Math.round(size * 0.75)}" width="184" height="${Math.round(size * 1.3)}" rx="4" fill="#1b1b1b" fill-opacity="0.7"/>`;
  return `${band}<text x="100" y="${100 + Math.round(size * 0.35)}" font-family="sans-serif" font-size="${size}" font-weight="700" text-anchor="middle" fill="#fff"${fit}>${escapeXml(words)}</text>`;
}

/** A mark image: a coloured device, and the mark's words when it has words. */
export function markImage(random: Random, words: string | undefined): string {
  const [main, second] = random.sample(PALETTE, 2) as [string, string];
  const shape = random.int(0, 3);
  let device: string;
  if (shape === 0) device = `<circle cx="100" cy="100" r="${random.int(62, 86)}" fill="${main}"/>`;
  else if (shape === 1)
    device = `<rect x="20" y="20" width="160" height="160" rx="${random.int(0, 40)}" fill="${main}"/>`;
  else
    device = `<polygon points="${polygon(100, 100, random.int(70, 88), random.int(3, 8), random.float() * Math.PI)}" fill="${main}"/>`;
  const accent = random.chance(0.5)
    ? `<path d="M20 ${random.int(120, 150)} Q100 ${random.int(80, 180)} 180 ${random.int(120, 150)}" stroke="${second}" stroke-width="${random.int(6, 14)}" fill="none"/>`
    : `<circle cx="${random.int(60, 140)}" cy="${random.int(50, 80)}" r="${random.int(10, 22)}" fill="${second}"/>`;
  const text = words ? markWords(words) : '';
  const label = escapeXml(words ?? 'Figurative mark');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200"><title>${label}</title><rect width="200" height="200" fill="#fff"/>${device}${accent}${text}</svg>\n`;
}

/** A line drawing of a product seen from one side, as design registrations show it. */
export function designView(random: Random, product: string, view: number): string {
  const parts: string[] = [];
  const width = random.int(90, 180);
  const height = random.int(60, 140);
  const x = 120 - Math.round(width / 2);
  const y = 90 - Math.round(height / 2);
  parts.push(`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${random.int(0, 30)}"/>`);
  const details = random.int(1, 4);
  for (let i = 0; i < details; i++) {
    const kind = random.int(0, 2);
    if (kind === 0) {
      parts.push(
        `<ellipse cx="${random.int(x + 10, x + width - 10)}" cy="${random.int(y + 10, y + height - 10)}" rx="${random.int(5, 30)}" ry="${random.int(5, 25)}"/>`,
      );
    } else if (kind === 1) {
      const ly = random.int(y + 5, y + height - 5);
      parts.push(`<line x1="${x}" y1="${ly}" x2="${x + width}" y2="${ly}"/>`);
    } else {
      parts.push(
        `<polyline points="${x},${y + height} ${x - random.int(5, 20)},${y + height + random.int(10, 25)} ${x + width + random.int(5, 20)},${y + height + random.int(10, 25)} ${x + width},${y + height}"/>`,
      );
    }
  }
  const label = escapeXml(`${product}, view ${view}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180" width="240" height="180"><title>${label}</title><rect width="240" height="180" fill="#fff"/><g fill="none" stroke="#222" stroke-width="2">${parts.join('')}</g></svg>\n`;
}

/** Attaches an SVG to a right: a document reference with its real SHA-256, and the file to write. */
export function attachImage(plan: RightPlan, kind: string, path: string, svg: string): void {
  const sha256 = createHash('sha256').update(svg, 'utf8').digest('hex');
  plan.documents.push({ kind, href: path, mediaType: 'image/svg+xml', sha256 });
  plan.files.push({ path, content: svg });
}
