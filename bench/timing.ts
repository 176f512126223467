// Shared by the benchmarks that time one call.

/** Median time of f in ms: repeated until `budget` ms have passed (at least 3 runs), or run once when it takes over 500 ms. */
export function medianTime<T>(f: () => T, budget = 100): { ms: number; out: T } {
  const t0 = performance.now();
  let out = f();
  const first = performance.now() - t0;
  if (first > 500) return { ms: first, out };
  const times = [first];
  const start = performance.now();
  while (times.length < 3 || performance.now() - start < budget) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, out };
}
