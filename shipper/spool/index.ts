export { createDiskSpool } from './disk-spool.ts';
export type { AppendResult, DiskSpool, SpoolDepth, SpoolStats } from './disk-spool.ts';
export type { ReplaySegment } from './segment-replay.ts';
export type { DiskSpoolOptions, DropReason, FsyncPolicy, RefusedReason, SpoolMode, WhenFull } from './spool-options.ts';
