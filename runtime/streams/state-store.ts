/**
 * A named key-value store of one job, held in memory and checkpointed to the job's compacted
 * changelog topic: every change since the last commit is written there in the same transaction as
 * the outputs and the input offsets, so state, output and position always agree after a crash.
 * Not thread-safe (a job task is single-threaded); values must be JSON-serializable.
 */
export class StateStore<V> {
  private readonly data = new Map<string, V>();
  private readonly dirty = new Set<string>();

  constructor(readonly name: string) {}

  get(key: string): V | undefined {
    return this.data.get(key);
  }

  put(key: string, value: V): void {
    this.data.set(key, value);
    this.dirty.add(key);
  }

  delete(key: string): void {
    if (this.data.delete(key)) this.dirty.add(key);
  }

  has(key: string): boolean {
    return this.data.has(key);
  }

  get size(): number {
    return this.data.size;
  }

  entries(): IterableIterator<[string, V]> {
    return this.data.entries();
  }

  /** Changes since the last call, as changelog entries (value undefined: deleted). */
  takeChanges(): Array<{ key: string; value: V | undefined }> {
    const changes = [...this.dirty].map((key) => ({ key, value: this.data.get(key) }));
    this.dirty.clear();
    return changes;
  }

  /** Applies one changelog entry during restore (not marked dirty). */
  restore(key: string, value: V | undefined): void {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
  }
}

/** Changelog record key: the store name, a NUL, the store key. */
export const changelogKey = (store: string, key: string) => `${store}\u0000${key}`;

export function parseChangelogKey(key: string): { store: string; key: string } | undefined {
  const at = key.indexOf('\u0000');
  return at < 0 ? undefined : { store: key.slice(0, at), key: key.slice(at + 1) };
}
