import { shardOf, type ManifestEntry, type ManifestShard } from './manifest.js';

/**
 * A site's manifest entries as a read-only map over its parsed shards, without copying them into
 * one map: loading a manifest after a publish costs the shards that changed, not the 200,000
 * entries of a large site. The shard objects are never modified once parsed (the store writes
 * new ones), so a view stays what it was when made.
 */
export class ShardedEntries implements ReadonlyMap<string, ManifestEntry> {
  private sizeCache: number | null = null;

  constructor(private readonly shards: ReadonlyMap<string, ManifestShard>) {}

  get(file: string): ManifestEntry | undefined {
    const shard = this.shards.get(shardOf(file));
    return shard && Object.hasOwn(shard, file) ? shard[file] : undefined;
  }

  has(file: string): boolean {
    return this.get(file) !== undefined;
  }

  get size(): number {
    this.sizeCache ??= [...this.shards.values()].reduce((n, s) => n + Object.keys(s).length, 0);
    return this.sizeCache;
  }

  *entries(): MapIterator<[string, ManifestEntry]> {
    for (const name of [...this.shards.keys()].sort()) yield* Object.entries(this.shards.get(name)!);
  }

  *keys(): MapIterator<string> {
    for (const [file] of this.entries()) yield file;
  }

  *values(): MapIterator<ManifestEntry> {
    for (const [, entry] of this.entries()) yield entry;
  }

  [Symbol.iterator](): MapIterator<[string, ManifestEntry]> {
    return this.entries();
  }

  forEach(callback: (value: ManifestEntry, key: string, map: ReadonlyMap<string, ManifestEntry>) => void, thisArg?: unknown): void {
    for (const [file, entry] of this.entries()) callback.call(thisArg, entry, file, this);
  }
}
