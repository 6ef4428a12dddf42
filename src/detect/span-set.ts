/**
 * Disjoint spans kept in order, for "does this match overlap one already taken?". Detectors used
 * to compare each new match with every earlier one, which a text holding thousands of matches
 * (pasted key dumps, or a hostile prompt) made quadratic; a binary search keeps it O(log n).
 */
export class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Whether [start, end) shares a character with a span in the set. */
  overlaps(start: number, end: number): boolean {
    const i = this.lastStartingBefore(end);
    // Spans are disjoint and ordered, so their ends are ordered too: only the last span that
    // starts before `end` can reach past `start`.
    return i >= 0 && this.ends[i]! > start;
  }

  /** Adds [start, end) unless it overlaps a span already in the set; says whether it was added. */
  add(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    const at = this.lastStartingBefore(end) + 1;
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
    return true;
  }

  /** Index of the last span whose start is below `end`, or -1. */
  private lastStartingBefore(end: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
