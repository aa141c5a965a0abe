/**
 * A binary min-heap ordered by `(priority, sequence)`: items with equal priority come out in the
 * order they went in, which keeps every consumer of it deterministic.
 */
export class MinHeap<T> {
  private readonly entries: Array<{ priority: number; sequence: number; item: T }> = [];
  private sequence = 0;

  get size(): number {
    return this.entries.length;
  }

  push(priority: number, item: T): void {
    const entries = this.entries;
    entries.push({ priority, sequence: this.sequence++, item });
    let i = entries.length - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Priority of the smallest item, or Infinity when empty. */
  peekPriority(): number {
    return this.entries[0]?.priority ?? Infinity;
  }

  pop(): T | undefined {
    const entries = this.entries;
    const top = entries[0];
    if (top === undefined) return undefined;
    const last = entries.pop()!;
    if (entries.length > 0) {
      entries[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < entries.length && this.less(left, smallest)) smallest = left;
        if (right < entries.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top.item;
  }

  private less(i: number, j: number): boolean {
    const a = this.entries[i]!;
    const b = this.entries[j]!;
    return a.priority < b.priority || (a.priority === b.priority && a.sequence < b.sequence);
  }

  private swap(i: number, j: number): void {
    const tmp = this.entries[i]!;
    this.entries[i] = this.entries[j]!;
    this.entries[j] = tmp;
  }
}
