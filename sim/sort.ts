// Sorting the short lists the engine sorts at every step of a history (a few queue entries, a
// few dozen seqs, a contended batch of a handful of items), where Array.prototype.sort's set-up
// and comparator calls cost more than the sorting itself. Lists reused from step to step hold
// their items in the first n places (emptying one with `length = 0` drops its storage).

/**
 * Sorts the first n items of `a` in place by `cmp`: by insertion up to `short` items, else with
 * Array.prototype.sort (the list is cut to n first). Both are stable, so the order is the same
 * either way.
 */
export function sortShort<T>(a: T[], cmp: (x: T, y: T) => number, short: number, n = a.length): void {
  if (n > short) { cutTo(a, n); a.sort(cmp); return; }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(a[j]!, x) > 0) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = x;
  }
}

/** sortShort for numbers in ascending order, without a comparator call per step. */
export function sortNumbersShort(a: number[], short: number, n = a.length): void {
  if (n > short) { cutTo(a, n); a.sort(ascending); return; }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = x;
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

function cutTo<T>(a: T[], n: number): void {
  if (a.length !== n) a.length = n;
}
