/**
 * Disjoint spans, for "does this match overlap one already taken?". Detectors used to compare each
 * new match with every earlier one, which a text holding thousands of matches (pasted key dumps, or
 * a hostile prompt) made quadratic.
 *
 * Taken spans are kept sorted for a binary search. Inserting each span into the middle of that
 * list would still be quadratic when two patterns' matches interleave, so spans added in
 * increasing order (as one pattern's `matchAll` yields them) wait in a sorted run and are merged
 * into the list in one pass when the order breaks: O(n log n) over a detector's patterns.
 */
export class SpanSet {
  private starts: number[] = [];
  private ends: number[] = [];
  private readonly runStarts: number[] = [];
  private readonly runEnds: number[] = [];

  /** Whether [start, end) shares a character with a span in the set. */
  overlaps(start: number, end: number): boolean {
    if (end <= start) return false;
    return (
      overlapsSorted(this.starts, this.ends, start, end) ||
      overlapsSorted(this.runStarts, this.runEnds, start, end)
    );
  }

  /** Adds [start, end) unless it is empty or overlaps a span in the set; says whether it was added. */
  add(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    if (end <= start) return false;
    const last = this.runStarts.length - 1;
    if (last >= 0 && start < this.runStarts[last]!) this.mergeRun();
    this.runStarts.push(start);
    this.runEnds.push(end);
    return true;
  }

  /** Merges the pending run into the sorted list (both are sorted and disjoint from each other). */
  private mergeRun(): void {
    const starts: number[] = [];
    const ends: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.starts.length || j < this.runStarts.length) {
      if (j >= this.runStarts.length || (i < this.starts.length && this.starts[i]! < this.runStarts[j]!)) {
        starts.push(this.starts[i]!);
        ends.push(this.ends[i++]!);
      } else {
        starts.push(this.runStarts[j]!);
        ends.push(this.runEnds[j++]!);
      }
    }
    this.starts = starts;
    this.ends = ends;
    this.runStarts.length = 0;
    this.runEnds.length = 0;
  }
}

/**
 * Whether [start, end) overlaps one of the sorted, disjoint spans. Their ends are sorted too, so
 * only the last span that starts before `end` can reach past `start`.
 */
function overlapsSorted(
  starts: readonly number[],
  ends: readonly number[],
  start: number,
  end: number,
): boolean {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && ends[lo - 1]! > start;
}
