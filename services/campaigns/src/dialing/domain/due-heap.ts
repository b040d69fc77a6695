/**
 * An indexed binary min-heap of contact indexes ordered by `dueAt[index]`, with each index's heap
 * position kept in `position` (-1 when absent) so a contact's due time can move in O(log n).
 * Everything lives in typed arrays: a 1M-contact campaign costs 8 bytes per contact here.
 */
export class DueHeap {
  private readonly heap: Int32Array;
  private readonly position: Int32Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly dueAt: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.heap.byteLength + this.position.byteLength;
  }

  /** The index due first, or -1 when empty. */
  peek(): number {
    return this.count > 0 ? this.heap[0]! : -1;
  }

  has(index: number): boolean {
    return this.position[index]! >= 0;
  }

  /** Inserts `index` or moves it to its new `dueAt`. */
  upsert(index: number, dueAt: number): void {
    const at = this.position[index]!;
    const previous = this.dueAt[index]!;
    this.dueAt[index] = dueAt;
    if (at < 0) {
      this.heap[this.count] = index;
      this.position[index] = this.count;
      this.count += 1;
      this.up(this.count - 1);
    } else if (dueAt < previous) this.up(at);
    else this.down(at);
  }

  remove(index: number): void {
    const at = this.position[index]!;
    if (at < 0) return;
    this.count -= 1;
    const last = this.heap[this.count]!;
    this.position[index] = -1;
    if (at === this.count) return;
    this.heap[at] = last;
    this.position[last] = at;
    this.up(at);
    this.down(this.position[last]!);
  }

  /** Ties go to the lower index: contacts due together are dialled in load order. */
  private before(a: number, b: number): boolean {
    const dueA = this.dueAt[a]!;
    const dueB = this.dueAt[b]!;
    return dueA < dueB || (dueA === dueB && a < b);
  }

  private up(from: number): void {
    const index = this.heap[from]!;
    let at = from;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = this.heap[parentAt]!;
      if (!this.before(index, parent)) break;
      this.heap[at] = parent;
      this.position[parent] = at;
      at = parentAt;
    }
    this.heap[at] = index;
    this.position[index] = at;
  }

  private down(from: number): void {
    const index = this.heap[from]!;
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.count) break;
      const right = left + 1;
      let child = left;
      if (right < this.count && this.before(this.heap[right]!, this.heap[left]!)) child = right;
      const childIndex = this.heap[child]!;
      if (!this.before(childIndex, index)) break;
      this.heap[at] = childIndex;
      this.position[childIndex] = at;
      at = child;
    }
    this.heap[at] = index;
    this.position[index] = at;
  }
}
