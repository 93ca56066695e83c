/**
 * Counts the elementary steps the indexes take (comparisons, elements read or shifted, tree
 * nodes visited). Tests read it to show that a request costs what it touches, not what the
 * store holds, without timing anything.
 */
export class WorkMeter {
  steps = 0;
}

/** Large enough to keep the tree shallow, small enough that a splice inside one leaf is cheap. */
export const MAX_CHUNK = 512;
/** Children per branch: a million elements sit under three levels of branches. */
export const MAX_BRANCH = 32;

export interface OrderedIndexOptions {
  /** Shared by several indexes so one counter covers a whole request. */
  meter?: WorkMeter;
  /** Tests use tiny leaves and branches to build deep trees from few elements. */
  maxChunk?: number;
  maxBranch?: number;
}

/** A leaf holds sorted elements; a branch holds children in key order. */
interface Node<T> {
  items: T[];
  children: Array<Node<T>> | null;
  /** Elements below this node. */
  size: number;
  /** Upper bound of the keys below. Left as is on delete: a looser bound still routes correctly. */
  max: T;
}

/**
 * A sorted set with positional access, which is what a paged listing needs: a B+tree whose
 * nodes count their elements. Page `p` is found by descending the counts, so nothing walks
 * the pages before it; adding or deleting is a descent by key plus a splice inside one leaf.
 * Every operation costs O(log n) node visits plus what it reads; no step rebuilds the whole.
 *
 * `compare` must be a total order on the elements' keys, and keys must not change while the
 * element is inside (remove, change, re-add).
 */
export class OrderedIndex<T> {
  private root: Node<T> | undefined;
  private readonly meter: WorkMeter;
  private readonly maxChunk: number;
  private readonly maxBranch: number;

  constructor(
    private readonly compare: (a: T, b: T) => number,
    options: OrderedIndexOptions = {},
  ) {
    this.meter = options.meter ?? new WorkMeter();
    this.maxChunk = options.maxChunk ?? MAX_CHUNK;
    this.maxBranch = options.maxBranch ?? MAX_BRANCH;
    for (const limit of [this.maxChunk, this.maxBranch]) {
      if (!Number.isInteger(limit) || limit < 2) throw new RangeError('node limits must be integers >= 2');
    }
  }

  get size(): number {
    return this.root?.size ?? 0;
  }

  /** Adds the element; false (and no change) when an element with an equal key is present. */
  add(item: T): boolean {
    if (this.root === undefined) {
      this.root = { items: [item], children: null, size: 1, max: item };
      return true;
    }
    // Past the end of everything (the seeding pattern): no search down the right edge, full
    // nodes stay full and a fresh node takes the element, so an ordered seed packs the tree.
    const appending = this.compare(item, this.root.max) > 0;
    const { nodes, slots } = appending ? this.rightEdge() : this.descend(item);
    const leaf = nodes.at(-1) as Node<T>;
    const pos = appending ? leaf.items.length : this.lowerBound(leaf.items, item);
    if (pos < leaf.items.length && this.compare(leaf.items[pos] as T, item) === 0) return false;
    leaf.items.splice(pos, 0, item);
    this.meter.steps += leaf.items.length - pos;
    for (const node of nodes) {
      node.size += 1;
      // A key past a bound only ever arrives down the last child of a branch: widen the bound.
      if (appending || this.compare(item, node.max) > 0) node.max = item;
    }
    this.meter.steps += 2 * nodes.length;
    for (let depth = nodes.length - 1; depth >= 0; depth -= 1) {
      const node = nodes[depth] as Node<T>;
      const width = node.children?.length ?? node.items.length;
      if (width <= (node.children === null ? this.maxChunk : this.maxBranch)) break;
      const right = this.split(node, appending ? width - 1 : width >>> 1);
      const parent = nodes[depth - 1];
      if (parent === undefined) {
        this.root = { items: [], children: [node, right], size: node.size + right.size, max: right.max };
      } else {
        (parent.children as Array<Node<T>>).splice((slots[depth - 1] as number) + 1, 0, right);
        this.meter.steps += this.maxBranch;
      }
    }
    return true;
  }

  /** Removes the element with the same key; false when there is none. */
  delete(item: T): boolean {
    if (this.root === undefined) return false;
    const { nodes, slots } = this.descend(item);
    const leaf = nodes.at(-1) as Node<T>;
    const pos = this.lowerBound(leaf.items, item);
    if (pos >= leaf.items.length || this.compare(leaf.items[pos] as T, item) !== 0) return false;
    leaf.items.splice(pos, 1);
    this.meter.steps += leaf.items.length - pos + 1 + nodes.length;
    for (const node of nodes) node.size -= 1;
    // Empty nodes leave their parent; a later key in their range routes to the next sibling.
    for (let depth = nodes.length - 1; depth > 0 && (nodes[depth] as Node<T>).size === 0; depth -= 1) {
      (nodes[depth - 1]?.children as Array<Node<T>>).splice(slots[depth - 1] as number, 1);
      this.meter.steps += this.maxBranch;
    }
    if (this.root.size === 0) this.root = undefined;
    while (this.root?.children?.length === 1) this.root = this.root.children[0];
    return true;
  }

  /** Up to `count` elements in order from position `start` (a negative start counts as 0). */
  slice(start: number, count: number): T[] {
    const out: T[] = [];
    let at = Math.max(0, start);
    const end = Math.min(this.size, at + Math.max(0, count));
    while (at < end) {
      // One descent per leaf touched: a page never walks the elements or leaves before it.
      const [leaf, offset] = this.locate(at);
      const stop = Math.min(leaf.items.length, offset + (end - at));
      for (let i = offset; i < stop; i += 1) out.push(leaf.items[i] as T);
      this.meter.steps += stop - offset;
      at += stop - offset;
    }
    return out;
  }

  at(position: number): T | undefined {
    return this.slice(position, 1)[0];
  }

  /** Root-to-leaf path for `item`: at each branch, the first child whose bound is >= item, else the last. */
  private descend(item: T): { nodes: Array<Node<T>>; slots: number[] } {
    let node = this.root as Node<T>;
    const nodes = [node];
    const slots: number[] = [];
    while (node.children !== null) {
      const children = node.children;
      let lo = 0;
      let hi = children.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        this.meter.steps += 1;
        if (this.compare((children[mid] as Node<T>).max, item) < 0) lo = mid + 1;
        else hi = mid;
      }
      slots.push(lo);
      node = children[lo] as Node<T>;
      nodes.push(node);
    }
    return { nodes, slots };
  }

  private rightEdge(): { nodes: Array<Node<T>>; slots: number[] } {
    let node = this.root as Node<T>;
    const nodes = [node];
    const slots: number[] = [];
    while (node.children !== null) {
      slots.push(node.children.length - 1);
      node = node.children.at(-1) as Node<T>;
      nodes.push(node);
    }
    this.meter.steps += nodes.length;
    return { nodes, slots };
  }

  private lowerBound(items: readonly T[], item: T): number {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      this.meter.steps += 1;
      if (this.compare(items[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The leaf holding position `at` (0 <= at < size) and the offset inside it, by descending the counts. */
  private locate(at: number): [Node<T>, number] {
    let node = this.root as Node<T>;
    let rest = at;
    while (node.children !== null) {
      let i = 0;
      for (; i < node.children.length - 1; i += 1) {
        const size = (node.children[i] as Node<T>).size;
        if (rest < size) break;
        rest -= size;
      }
      this.meter.steps += i + 1;
      node = node.children[i] as Node<T>;
    }
    return [node, rest];
  }

  /** Moves everything from `cut` on into a new right sibling, which is returned. */
  private split(node: Node<T>, cut: number): Node<T> {
    let right: Node<T>;
    if (node.children === null) {
      const items = node.items.splice(cut);
      right = { items, children: null, size: items.length, max: node.max };
      node.max = node.items.at(-1) as T;
      this.meter.steps += items.length;
    } else {
      const children = node.children.splice(cut);
      const size = children.reduce((sum, child) => sum + child.size, 0);
      right = { items: [], children, size, max: node.max };
      node.max = (node.children.at(-1) as Node<T>).max;
      this.meter.steps += children.length;
    }
    node.size -= right.size;
    return right;
  }
}
