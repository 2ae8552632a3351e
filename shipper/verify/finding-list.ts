import { noFindings, type Finding, type FindingKind } from './integrity-report.ts';

export interface FindingList {
  push(...findings: Finding[]): void;
  /** In seq order, neighbours of one kind and detail merged into one range; at most `maxListed`. */
  listed(): Finding[];
  readonly truncated: boolean;
  /** Seqs (missing) or documents (other kinds) per kind: exact beyond the cap. */
  counts(): Record<FindingKind, number>;
}

/** A producer's findings, capped: a producer tampered with at every record reports counts, not a million lines. */
export function createFindingList(maxListed: number): FindingList {
  const kept: Finding[] = [];
  const counts = noFindings();
  let truncated = false;
  return {
    push(...findings) {
      for (const f of findings) {
        counts[f.kind] += f.count;
        // Twice the cap before merging: merged neighbours still fill the list.
        if (kept.length < 2 * maxListed) kept.push(f);
        else truncated = true;
      }
    },
    listed() {
      const sorted = [...kept].sort((a, b) => a.from - b.from || a.to - b.to);
      const merged: Finding[] = [];
      for (const f of sorted) {
        const last = merged.at(-1);
        if (last && last.kind === f.kind && last.detail === f.detail && last.to + 1 === f.from) {
          merged[merged.length - 1] = {
            ...last,
            to: f.to,
            count: last.count + f.count,
            ...(last.documents || f.documents
              ? { documents: [...(last.documents ?? []), ...(f.documents ?? [])].slice(0, 5) }
              : {}),
          };
        } else merged.push(f);
      }
      if (merged.length > maxListed) truncated = true;
      return merged.slice(0, maxListed);
    },
    get truncated() {
      return truncated;
    },
    counts: () => ({ ...counts }),
  };
}
