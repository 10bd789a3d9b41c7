// Rows of a long list fetched a page at a time as they scroll into view:
// which pages a visible range needs, and the rows already fetched.

export class PageCache<T> {
  private readonly pages = new Map<number, T[]>();
  private readonly asked = new Set<number>();

  constructor(readonly pageSize: number) {}

  /** The row at `index`, if its page has arrived. */
  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /**
   * The offsets of the pages rows `start`..`end` (exclusive) need that were
   * neither fetched nor asked for; they count as asked from now on.
   */
  claim(start: number, end: number, total: number): number[] {
    const last = Math.min(end, total) - 1;
    if (last < start) return [];
    const offsets: number[] = [];
    for (let page = Math.floor(Math.max(0, start) / this.pageSize); page <= Math.floor(last / this.pageSize); page++) {
      if (this.pages.has(page) || this.asked.has(page)) continue;
      this.asked.add(page);
      offsets.push(page * this.pageSize);
    }
    return offsets;
  }

  put(offset: number, rows: T[]): void {
    const page = Math.floor(offset / this.pageSize);
    this.pages.set(page, rows);
    this.asked.delete(page);
  }

  /** A page that failed may be asked for again. */
  release(offset: number): void {
    this.asked.delete(Math.floor(offset / this.pageSize));
  }
}
