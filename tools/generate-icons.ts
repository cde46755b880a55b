/**
 * Draws the tray icons and the app icon into resources/ (run: npx tsx tools/generate-icons.ts).
 * The shapes are a few signed-distance functions sampled 4×4 per pixel, so every size is drawn
 * sharp rather than scaled, and the PNGs are written with zlib alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
type TrayState = 'idle' | 'sending' | 'failed' | 'unread';
/** Coverage (0..1) of a shape at a point of the unit square, y pointing down. */
type Shape = (x: number, y: number) => boolean;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (shape: Shape, hole: Shape): Shape => (x, y) => shape(x, y) && !hole(x, y);

/** The speech bubble: a rounded body with a tail at the lower left. */
const bubble = union(roundedRect(0.08, 0.12, 0.92, 0.72, 0.18), triangle([0.22, 0.66], [0.46, 0.66], [0.16, 0.92]));
const bubbleInside = union(roundedRect(0.2, 0.24, 0.8, 0.6, 0.08), triangle([0.3, 0.58], [0.4, 0.58], [0.27, 0.72]));
const dots = union(circle(0.3, 0.42, 0.075), circle(0.5, 0.42, 0.075), circle(0.7, 0.42, 0.075));
const exclamation = union(roundedRect(0.445, 0.2, 0.555, 0.5, 0.05), circle(0.5, 0.6, 0.06));

/** The unread badge: a dot at the upper right, with a gap cut around it so it reads at 16 px. */
const badgeGap = circle(0.82, 0.2, 0.22);
const badge = circle(0.82, 0.2, 0.15);

/**
 * Idle: a filled bubble with three dots cut out. Sending: an outlined bubble with the dots.
 * Failed: "!" cut out. Unread: the idle bubble with a badge dot.
 */
function trayGlyph(state: TrayState): Shape {
  if (state === 'unread') return union(minus(minus(bubble, dots), badgeGap), badge);
  if (state === 'sending') return union(minus(bubble, bubbleInside), dots);
  if (state === 'failed') return minus(bubble, exclamation);
  return minus(bubble, dots);
}

function render(size: number, paint: (x: number, y: number) => { colour: Rgb; alpha: number } | null): Uint8Array {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const hit = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (hit === null) continue;
          r += hit.colour[0] * hit.alpha;
          g += hit.colour[1] * hit.alpha;
          b += hit.colour[2] * hit.alpha;
          a += hit.alpha;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        rgba[offset] = Math.round(r / a);
        rgba[offset + 1] = Math.round(g / a);
        rgba[offset + 2] = Math.round(b / a);
      }
      rgba[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return rgba;
}

function glyphImage(size: number, shape: Shape, colour: Rgb): Buffer {
  return encodePng(size, size, render(size, (x, y) => (shape(x, y) ? { colour, alpha: 1 } : null)));
}

const BLACK: Rgb = [0, 0, 0];
const ON_LIGHT: Rgb = [0x1f, 0x23, 0x28];
const ON_DARK: Rgb = [0xff, 0xff, 0xff];
const FAILED: Rgb = [0xe5, 0x48, 0x4d];
const BRAND: Rgb = [0x25, 0x63, 0xeb];
const BADGE_ON_DARK: Rgb = [0x60, 0xa5, 0xfa];

/** The unread glyph for Windows and Linux: the bubble in the panel's ink, the badge in blue. */
function unreadImage(size: number, ink: Rgb, badgeColour: Rgb): Buffer {
  const glyph = trayGlyph('unread');
  return encodePng(size, size, render(size, (x, y) => (badge(x, y) ? { colour: badgeColour, alpha: 1 } : glyph(x, y) ? { colour: ink, alpha: 1 } : null)));
}

export function generateIcons(resourcesDir: string): string[] {
  const trayDir = join(resourcesDir, 'tray');
  mkdirSync(trayDir, { recursive: true });
  const written: string[] = [];
  const write = (path: string, png: Buffer) => {
    writeFileSync(path, png);
    written.push(path);
  };
  const states: TrayState[] = ['idle', 'sending', 'failed'];
  for (const state of states) {
    const glyph = trayGlyph(state);
    // macOS template images: black and alpha only; the menu bar tints them.
    const template = `tray${state === 'idle' ? '' : state === 'sending' ? 'Sending' : 'Failed'}Template`;
    write(join(trayDir, `${template}.png`), glyphImage(16, glyph, BLACK));
    write(join(trayDir, `${template}@2x.png`), glyphImage(32, glyph, BLACK));
    // Windows and Linux: 16, 24 and 32 px for 100, 150 and 200 % scaling.
    const suffix = state === 'idle' ? '' : `-${state}`;
    for (const [variant, colour] of [['light', ON_LIGHT], ['dark', ON_DARK]] as const) {
      const ink = state === 'failed' ? FAILED : colour;
      write(join(trayDir, `tray-${variant}${suffix}.png`), glyphImage(16, glyph, ink));
      write(join(trayDir, `tray-${variant}${suffix}@1.5x.png`), glyphImage(24, glyph, ink));
      write(join(trayDir, `tray-${variant}${suffix}@2x.png`), glyphImage(32, glyph, ink));
    }
  }
  {
    const glyph = trayGlyph('unread');
    write(join(trayDir, 'trayUnreadTemplate.png'), glyphImage(16, glyph, BLACK));
    write(join(trayDir, 'trayUnreadTemplate@2x.png'), glyphImage(32, glyph, BLACK));
    for (const [variant, colour, badgeColour] of [['light', ON_LIGHT, BRAND], ['dark', ON_DARK, BADGE_ON_DARK]] as const) {
      write(join(trayDir, `tray-${variant}-unread.png`), unreadImage(16, colour, badgeColour));
      write(join(trayDir, `tray-${variant}-unread@1.5x.png`), unreadImage(24, colour, badgeColour));
      write(join(trayDir, `tray-${variant}-unread@2x.png`), unreadImage(32, colour, badgeColour));
    }
  }
  // The app icon (installers, the autostart entry): a white bubble on a blue rounded square.
  const tile = roundedRect(0.04, 0.04, 0.96, 0.96, 0.2);
  const inner = (x: number, y: number) => trayGlyph('idle')((x - 0.18) / 0.64, (y - 0.2) / 0.64);
  write(
    join(resourcesDir, 'icon.png'),
    encodePng(
      512,
      512,
      render(512, (x, y) => (inner(x, y) ? { colour: ON_DARK, alpha: 1 } : tile(x, y) ? { colour: BRAND, alpha: 1 } : null)),
    ),
  );
  return written;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const written = generateIcons(join(import.meta.dirname, '..', 'resources'));
  console.log(`wrote ${written.length} icons`);
}
