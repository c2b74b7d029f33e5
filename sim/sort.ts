// Sorting the short lists the engine sorts at every step of a history (a few queue entries, a
// few dozen seqs, a contended batch of a handful of items), where Array.prototype.sort's set-up
// and comparator calls cost more than the sorting itself.

/**
 * Sorts `a` in place by `cmp`: by insertion up to `short` items, else with Array.prototype.sort.
 * Both are stable, so the order is the same either way.
 */
export function sortShort<T>(a: T[], cmp: (x: T, y: T) => number, short: number): void {
  if (a.length > short) { a.sort(cmp); return; }
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(a[j]!, x) > 0) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = x;
  }
}
