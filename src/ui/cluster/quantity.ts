/**
 * Resource amounts as the node cards word them ("250m", "1.5", "512Mi", "1.5Gi"): rounded for a
 * glance, unlike kubectl's exact `Quantity.String()`. The values come from parseQuantity in
 * src/kube/quantity.ts; the page never decides anything from them.
 */

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
