/**
 * Reading and printing `resource.Quantity` values for display only (bars and numbers on node
 * cards). The engine does its own arithmetic for scheduling; the UI may not import it, and it
 * never decides anything from these numbers.
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** From a quantity as written (`"500m"`, `"1Gi"`, `2`), its value in base units, or 0. */
export function toQuantityNumber(q: string | number | undefined): number {
  if (typeof q === 'number') return Number.isFinite(q) ? q : 0;
  if (typeof q !== 'string') return 0;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))([a-zA-Z]*|[eE][-+]?\d+)$/.exec(q.trim());
  if (!match) return 0;
  const base = Number(match[1]);
  const suffix = match[2];
  if (Object.hasOwn(BINARY, suffix)) return base * BINARY[suffix];
  if (Object.hasOwn(DECIMAL, suffix)) return base * DECIMAL[suffix];
  const exponent = /^[eE]([-+]?\d+)$/.exec(suffix);
  return exponent ? base * 10 ** Number(exponent[1]) : 0;
}

/** From a cpu amount in cores, the way people write it: "250m", "1", "1.5". */
export function toCpuText(cores: number): string {
  const milli = Math.round(cores * 1000);
  if (milli % 1000 === 0) return String(milli / 1000);
  if (milli < 1000) return `${milli}m`;
  return String(Math.round(milli / 100) / 10);
}

/** From a memory amount in bytes, a short binary-unit text: "512Mi", "1.5Gi", "0". */
export function toMemoryText(bytes: number): string {
  if (bytes <= 0) return '0';
  const units: [string, number][] = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
      return `${rounded}${unit}`;
    }
  }
  return String(Math.round(bytes));
}
