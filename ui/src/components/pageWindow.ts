// Rows of a long list fetched a page at a time as they scroll into view, with
// at most `maxPages` pages kept: the pages farthest from the view are
// dropped and fetched again if the user scrolls back.
//
// Two ways to ask for a page:
// - by offset (audit findings): any page can be asked for at once;
// - by keyset (graph search): page p+1 is asked for with the last ID of page
//   p (`after`). The cursors are kept (one short string per page), so a page
//   that was dropped is fetched again directly; a page further down than any
//   known cursor is reached by walking the pages before it, one at a time.

export type PageRequest = {
  page: number;
  offset: number;
  /** Keyset: the cursor of the page (null for the first); offset paging: always null. */
  after: string | null;
};

export class PageWindow<T> {
  private readonly pages = new Map<number, T[]>();
  private readonly asked = new Set<number>();
  private readonly cursors = new Map<number, string | null>([[0, null]]);
  /** Keyset: the last page, once a page came back without a cursor after it. */
  private lastPage: number | null = null;
  /** The page in the middle of the last range asked for: eviction keeps what is near it. */
  private focus = 0;
  /** The page of the row holding focus, shown wherever it is: never dropped. */
  private kept: number | null = null;

  constructor(
    readonly pageSize: number,
    readonly maxPages: number,
    readonly keyset: boolean,
  ) {}

  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Rows held in memory now. */
  rowsHeld(): number {
    let n = 0;
    for (const rows of this.pages.values()) n += rows.length;
    return n;
  }

  /** Whether the list is known to end before row `index` (keyset only). */
  endsBefore(index: number): boolean {
    if (this.lastPage === null) return false;
    const last = this.pages.get(this.lastPage);
    const end = this.lastPage * this.pageSize + (last ? last.length : this.pageSize);
    return index >= end;
  }

  private request(page: number): PageRequest {
    return { page, offset: page * this.pageSize, after: this.keyset ? (this.cursors.get(page) ?? null) : null };
  }

  private known(page: number): boolean {
    return !this.keyset || this.cursors.has(page);
  }

  /**
   * The pages rows `start`..`end` (exclusive) need that are neither held nor
   * asked for; they count as asked from now on. With keyset paging a page
   * whose cursor is unknown is reached through the closest page before it.
   * The page of row `keep` (the row holding focus) is kept while it is given.
   */
  claim(start: number, end: number, total: number, keep: number | null = null): PageRequest[] {
    this.kept = keep === null ? null : Math.floor(keep / this.pageSize);
    const last = Math.min(end, total) - 1;
    if (last < start) return [];
    const first = Math.floor(Math.max(0, start) / this.pageSize);
    const lastOfRange = Math.floor(last / this.pageSize);
    this.focus = Math.floor((first + lastOfRange) / 2);
    const out: PageRequest[] = [];
    for (let page = first; page <= lastOfRange; page++) {
      if (this.lastPage !== null && page > this.lastPage) break;
      if (this.pages.has(page) || this.asked.has(page)) continue;
      if (this.known(page)) {
        this.asked.add(page);
        out.push(this.request(page));
        continue;
      }
      // Walk: the closest page before with a known cursor brings the next one.
      let from = page - 1;
      while (from > 0 && !this.cursors.has(from)) from--;
      if (!this.pages.has(from) && !this.asked.has(from)) {
        this.asked.add(from);
        out.push(this.request(from));
      }
      break;
    }
    return out;
  }

  /** A page arrived; `nextAfter` is its keyset cursor to the next page (null: the last page). */
  put(page: number, rows: T[], nextAfter: string | null = null): void {
    this.pages.set(page, rows);
    this.asked.delete(page);
    if (this.keyset) {
      if (nextAfter === null) this.lastPage = page;
      else this.cursors.set(page + 1, nextAfter);
    }
    this.evict();
  }

  /** A page that failed may be asked for again. */
  release(page: number): void {
    this.asked.delete(page);
  }

  private evict(): void {
    while (this.pages.size > this.maxPages) {
      let farthest = -1;
      let distance = -1;
      for (const page of this.pages.keys()) {
        if (page === this.kept) continue;
        const d = Math.abs(page - this.focus);
        if (d > distance) {
          distance = d;
          farthest = page;
        }
      }
      this.pages.delete(farthest);
    }
  }
}
