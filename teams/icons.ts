import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/**
 * Draws the Teams app's two icons (committed in appPackage/; run `npm run teams:icons` after changing the
 * design): the colour icon, 192×192, a white speech bubble with three dots on the pool's red; the outline
 * icon, 32×32, the same bubble in white on transparent, as Teams requires. Shapes are described as "is this
 * point inside" tests in a unit square and supersampled 4×4 per pixel for smooth edges.
 */
const RED = [0xb4, 0x26, 0x1a] as const;
const SAMPLES = 4;

type Inside = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Inside {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

const circle = (cx: number, cy: number, r: number): Inside => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** The bubble's tail: a triangle below its lower left. */
const tail: Inside = (x, y) => y >= 0.66 && y <= 0.82 && x >= 0.3 && x <= 0.3 + (0.82 - y) * 1.1;

const bubble = roundedRect(0.18, 0.22, 0.82, 0.7, 0.1);
const dots = [circle(0.34, 0.46, 0.055), circle(0.5, 0.46, 0.055), circle(0.66, 0.46, 0.055)];
const inBubble: Inside = (x, y) => bubble(x, y) || tail(x, y);
const inDot: Inside = (x, y) => dots.some((d) => d(x, y));
/** The outline: the bubble's border (bubble minus a smaller one) and the dots. */
const inner = roundedRect(0.25, 0.29, 0.75, 0.63, 0.06);
const inOutline: Inside = (x, y) => (inBubble(x, y) && !inner(x, y)) || inDot(x, y);

function render(size: number, pixel: (x: number, y: number) => [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const rgba = pixel((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          // Premultiplied, so transparent samples do not darken the edge.
          for (let c = 0; c < 3; c++) sum[c]! += rgba[c]! * rgba[3]!;
          sum[3]! += rgba[3]!;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3]! / (SAMPLES * SAMPLES);
      for (let c = 0; c < 3; c++) png.data[i + c] = alpha ? Math.round(sum[c]! / sum[3]!) : 0;
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return png;
}

export function colorIcon(): PNG {
  return render(192, (x, y) => (inDot(x, y) ? [...RED, 1] : inBubble(x, y) ? [255, 255, 255, 1] : [...RED, 1]));
}

export function outlineIcon(): PNG {
  return render(32, (x, y) => (inOutline(x, y) ? [255, 255, 255, 1] : [255, 255, 255, 0]));
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(outlineIcon()));
  process.stdout.write(`wrote ${dir}/color.png (192×192) and outline.png (32×32)\n`);
}
