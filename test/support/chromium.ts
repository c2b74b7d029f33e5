// What the headless-Chromium tests share: whether Chromium is here, one headless run with its
// own profile, and the pixels of the PNG screenshots it takes (decoded here so a test can look
// at what was painted without an image library).
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export const haveChromium = spawnSync('chromium', ['--version'], { stdio: 'ignore' }).status === 0;

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One headless run with its own profile; resolves to what it printed (the DOM for --dump-dom). */
export function chromium(dir: string, profile: string, args: readonly string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile('chromium', [...FLAGS, `--user-data-dir=${join(dir, profile)}`, ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) reject(err);
      else resolveRun(stdout);
    });
  });
}

/** RGBA/RGB pixels of an 8-bit PNG (filters undone), enough to count colours in a screenshot. */
export function pngPixels(png: Buffer): { width: number; height: number; rgb: (i: number) => number } {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let off = 8, width = 0, height = 0, type = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const kind = png.toString('latin1', off + 4, off + 8);
    const body = png.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      if (body[8] !== 8) throw new Error(`PNG bit depth ${String(body[8])}, expected 8`);
      type = body[9] ?? 0;
    } else if (kind === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const bpp = type === 6 ? 4 : type === 2 ? 3 : 0;
  if (bpp === 0) throw new Error(`PNG colour type ${type}, expected RGB or RGBA`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, rgb: (i) => ((out[i * bpp] ?? 0) << 16) | ((out[i * bpp + 1] ?? 0) << 8) | (out[i * bpp + 2] ?? 0) };
}

/** The set of RGB colours a PNG paints. */
export function pngColours(png: Buffer): Set<number> {
  const p = pngPixels(png);
  const colours = new Set<number>();
  for (let i = 0; i < p.width * p.height; i++) colours.add(p.rgb(i));
  return colours;
}
