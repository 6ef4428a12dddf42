/**
 * Chi-squared test of homogeneity for two histograms of one categorical field, with the p-value
 * from the regularized upper incomplete gamma function (series below a+1, continued fraction above).
 */
export function chiSquaredPValue(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const cats = new Set([...a.keys(), ...b.keys()]);
  if (cats.size < 2) return 1;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  const n = na + nb;
  if (na === 0 || nb === 0) return 1;
  let stat = 0;
  for (const c of cats) {
    const oa = a.get(c) ?? 0;
    const ob = b.get(c) ?? 0;
    const col = oa + ob;
    const ea = (col * na) / n;
    const eb = (col * nb) / n;
    stat += ((oa - ea) * (oa - ea)) / ea + ((ob - eb) * (ob - eb)) / eb;
  }
  return upperGammaQ((cats.size - 1) / 2, stat / 2);
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

export function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 500; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - lg));
  }
  // Lentz's continued fraction.
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(-x + a * Math.log(x) - lg) * h);
}
