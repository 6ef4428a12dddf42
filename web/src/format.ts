export const time = (iso: string) => iso.replace('T', ' ').slice(0, 19);
export const short = (iso: string) => iso.slice(11, 16);

export function num(v: number, digits = 0): string {
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export const usd = (v: number) =>
  `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
