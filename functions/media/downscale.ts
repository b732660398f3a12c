// Shrinks decoded RGBA pixels by area averaging (each output pixel is the mean of the input area it
// covers, alpha-weighted so transparent pixels add no colour). In plain JS on purpose: the resize WASM
// we tried (@jsquash/resize, lanczos3 in linear light) copies the whole picture into its own heap as
// floats and took 430 MB for a 4000 x 3000 photo, far past a Worker's 128 MB; this needs one output
// row of accumulators besides the result.

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** For each output column, the input columns it covers with their coverage (flattened: start, count, then weights). */
function spans(from: number, to: number): { start: Int32Array; count: Int32Array; weights: Float32Array; offset: Int32Array } {
  const scale = from / to;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const offset = new Int32Array(to);
  const weights: number[] = [];
  for (let o = 0; o < to; o++) {
    const a = o * scale;
    const b = a + scale;
    const first = Math.floor(a);
    const last = Math.min(from, Math.ceil(b));
    start[o] = first;
    count[o] = last - first;
    offset[o] = weights.length;
    for (let i = first; i < last; i++) weights.push(Math.min(i + 1, b) - Math.max(i, a));
  }
  return { start, count, weights: Float32Array.from(weights), offset };
}

/** The picture at width x height (never larger than it is: the caller picks smaller sizes). */
export function downscale(source: Pixels, width: number, height: number): Pixels {
  const { data, width: W, height: H } = source;
  const xs = spans(W, width);
  const ys = spans(H, height);
  const out = new Uint8ClampedArray(width * height * 4);
  // Premultiplied sums of one output row: r*a, g*a, b*a, a, per output column.
  const row = new Float64Array(width * 4);
  for (let oy = 0; oy < height; oy++) {
    row.fill(0);
    for (let k = 0; k < ys.count[oy]!; k++) {
      const iy = ys.start[oy]! + k;
      const wy = ys.weights[ys.offset[oy]! + k]!;
      const base = iy * W * 4;
      for (let ox = 0; ox < width; ox++) {
        let r = 0, g = 0, b = 0, a = 0;
        const first = xs.start[ox]!;
        const n = xs.count[ox]!;
        const wo = xs.offset[ox]!;
        for (let j = 0; j < n; j++) {
          const p = base + (first + j) * 4;
          const wa = xs.weights[wo + j]! * data[p + 3]!;
          r += data[p]! * wa;
          g += data[p + 1]! * wa;
          b += data[p + 2]! * wa;
          a += wa;
        }
        const q = ox * 4;
        row[q] = row[q]! + r * wy;
        row[q + 1] = row[q + 1]! + g * wy;
        row[q + 2] = row[q + 2]! + b * wy;
        row[q + 3] = row[q + 3]! + a * wy;
      }
    }
    const area = (W / width) * (H / height);
    for (let ox = 0; ox < width; ox++) {
      const q = ox * 4;
      const a = row[q + 3]!;
      const o = (oy * width + ox) * 4;
      if (a > 0) {
        out[o] = row[q]! / a;
        out[o + 1] = row[q + 1]! / a;
        out[o + 2] = row[q + 2]! / a;
      }
      out[o + 3] = a / area;
    }
  }
  return { data: out, width, height };
}
