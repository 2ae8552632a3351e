import type { ResolvedSpoolOptions } from './spool-options.ts';
import { sourceDepth, type SegmentEntry, type SpoolSource } from './spool-source.ts';

/**
 * Whether `size` more bytes fit in this producer's `maxBytes`. Under `drop-oldest` it first hands
 * the oldest segments to `evict`, oldest first and the open one last, but only when that makes
 * enough room: otherwise the oldest records would be lost and the newest refused anyway.
 */
export function makeRoom(
  own: SpoolSource,
  size: number,
  options: Pick<ResolvedSpoolOptions, 'maxBytes' | 'whenFull'>,
  evict: (entry: SegmentEntry) => void,
): boolean {
  const used = sourceDepth([own]).bytes;
  if (used + size <= options.maxBytes) return true;
  if (options.whenFull === 'drop-newest' || size > options.maxBytes) return false;
  // Segments being replayed are about to be delivered: deleting them would count them as lost.
  const evictable = [...own.segments.values()].filter((e) => !e.handedOut).sort((a, b) => a.segment - b.segment);
  if (used - evictable.reduce((sum, e) => sum + e.bytes, 0) + size > options.maxBytes) return false;
  let remaining = used;
  for (const entry of evictable) {
    if (remaining + size <= options.maxBytes) break;
    remaining -= entry.bytes;
    evict(entry);
  }
  return true;
}
