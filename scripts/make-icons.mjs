// Draws the app's icon (three rising bars, the three tiers, on a blue tile) as
// PNGs and favicon.ico with no image library: the files are checked in, and
// this script is how they were made (node scripts/make-icons.mjs).
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BLUE = [30, 64, 175]; // Tailwind blue-800, the app's accent colour.
const WHITE = [255, 255, 255];

/** Coverage of pixel (x, y) by the shape, sampled 4x4 for smooth edges. */
function coverage(x, y, size, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

const inTile = (u, v) => {
  const r = 0.18;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
};
// Three bars on a common base, tier 1 lowest: the same shapes as src/app/icon.svg.
const BARS = [
  { x: 0.2, w: 0.16, top: 0.58 },
  { x: 0.42, w: 0.16, top: 0.4 },
  { x: 0.64, w: 0.16, top: 0.22 },
];
const inBar = (u, v) => BARS.some((b) => u >= b.x && u <= b.x + b.w && v >= b.top && v <= 0.8);

function rgba(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const tile = coverage(x, y, size, inTile);
      const bar = coverage(x, y, size, inBar);
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BLUE[c] * (1 - bar) + WHITE[c] * bar);
      px[o + 3] = Math.round(255 * tile);
    }
  return px;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const px = rgba(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** An ICO holding PNG images (every browser since IE 11 reads these). */
function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i;
    header[e] = size % 256;
    header[e + 1] = size % 256;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(images[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

writeFileSync("src/app/favicon.ico", ico([16, 32, 48]));
writeFileSync("src/app/apple-icon.png", png(180));
writeFileSync("public/icon-192.png", png(192));
writeFileSync("public/icon-512.png", png(512));
