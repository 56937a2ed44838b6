#!/usr/bin/env node
/*
 * Draws the add-in icons (a speech bubble on the accent colour) and writes them as PNG files with a
 * minimal encoder on top of zlib, so no image tool or browser is needed to regenerate them:
 *   node scripts/make-icons.js
 * Shapes are signed-distance functions sampled 4x4 per pixel, which gives clean anti-aliased edges
 * at 16 px as well as 192 px.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ASSETS = path.join(__dirname, "..", "src", "assets");
const ACCENT = [15, 108, 189];
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (Uint8Array, row-major) to a PNG file buffer (colour type 6, no interlace). */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0))
  ]);
}

function roundedBox(x, y, cx, cy, halfWidth, halfHeight, radius) {
  const qx = Math.abs(x - cx) - halfWidth + radius;
  const qy = Math.abs(y - cy) - halfHeight + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function triangle(x, y, a, b, c) {
  const edges = [[a, b], [b, c], [c, a]];
  let inside = true;
  let distance = Infinity;
  for (const [p, q] of edges) {
    const ex = q[0] - p[0];
    const ey = q[1] - p[1];
    const t = Math.max(0, Math.min(1, ((x - p[0]) * ex + (y - p[1]) * ey) / (ex * ex + ey * ey)));
    distance = Math.min(distance, Math.hypot(x - p[0] - t * ex, y - p[1] - t * ey));
    if ((x - p[0]) * ey - (y - p[1]) * ex > 0) inside = false;
  }
  return inside ? -distance : distance;
}

/** Speech bubble with a tail, in unit coordinates (0..1). */
function bubble(x, y) {
  const body = roundedBox(x, y, 0.5, 0.44, 0.3, 0.21, 0.08);
  const tail = triangle(x, y, [0.3, 0.6], [0.46, 0.6], [0.28, 0.8]);
  return Math.min(body, tail);
}

/** The three text lines inside the bubble, shortened last line like a written tip. */
function textLines(x, y) {
  return Math.min(
    roundedBox(x, y, 0.5, 0.35, 0.18, 0.035, 0.035),
    roundedBox(x, y, 0.5, 0.45, 0.18, 0.035, 0.035),
    roundedBox(x, y, 0.44, 0.55, 0.12, 0.035, 0.035)
  );
}

function render(size, paint) {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [color, alpha] = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, size);
          r += color[0] * alpha; g += color[1] * alpha; b += color[2] * alpha; a += alpha;
        }
      }
      const offset = (py * size + px) * 4;
      const coverage = a / (samples * samples);
      rgba[offset] = a ? Math.round(r / a) : 0;
      rgba[offset + 1] = a ? Math.round(g / a) : 0;
      rgba[offset + 2] = a ? Math.round(b / a) : 0;
      rgba[offset + 3] = Math.round(coverage * 255);
    }
  }
  return encodePng(size, size, rgba);
}

/** Full-colour icon: accent tile, white bubble, accent text lines (lines dropped at 16 px, too small). */
function colorIcon(x, y, size) {
  if (roundedBox(x, y, 0.5, 0.5, 0.5, 0.5, 0.18) > 0) return [ACCENT, 0];
  if (bubble(x, y) > 0) return [ACCENT, 1];
  if (size >= 32 && textLines(x, y) <= 0) return [ACCENT, 1];
  return [WHITE, 1];
}

/** Microsoft 365 outline icon: white on transparent, 32x32; the bubble's rim and the text lines. */
function outlineIcon(x, y) {
  const distance = bubble(x, y);
  const onRim = distance <= 0 && distance >= -0.07;
  return [WHITE, onRim || textLines(x, y) <= 0 ? 1 : 0];
}

const outputs = [
  ...[16, 32, 64, 80, 128].map((size) => [`icon-${size}.png`, render(size, colorIcon)]),
  ["color-192.png", render(192, colorIcon)],
  ["outline-32.png", render(32, outlineIcon)]
];
fs.mkdirSync(ASSETS, { recursive: true });
for (const [name, png] of outputs) {
  fs.writeFileSync(path.join(ASSETS, name), png);
  console.log(`${path.relative(process.cwd(), path.join(ASSETS, name))} (${png.length} bytes)`);
}
