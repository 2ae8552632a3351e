import type { HoldPlacement, HoldRelease, IndexFailure } from '../opensearch/lifecycle/hold-enforcement.ts';

/** What `synclog retention hold|release` print, and their exit codes: 1 when a hold is not in place, or an index was not given back. */

const keptOutside = (f: IndexFailure) =>
  `${f.index} stays outside ISM (kept, not deleted) until \`synclog setup\` attaches it: ${f.reason}`;

export function holdReport(placement: HoldPlacement, range: boolean): { lines: string[]; code: number } {
  if (!placement.ok)
    return {
      lines: [`hold ${placement.id} is NOT in place: ${placement.reason}`, ...placement.notGivenBack.map(keptOutside)],
      code: 1,
    };
  const lines = [`hold ${placement.id} is in place: what it covers will not be deleted until it is released`];
  if (placement.executor === 'ism') {
    const now = placement.takenOut.length ? `: ${placement.takenOut.join(', ')}` : '';
    lines.push(
      `ISM runs retention here: the ${placement.covered.length} index(es) the hold covers are out of ISM's hands (${placement.takenOut.length} taken out now${now}); release gives them back`,
    );
    if (range) lines.push('log indices created later inside the range are kept out of ISM from their creation');
  }
  return { lines, code: 0 };
}

export function releaseReport(id: string, release: HoldRelease): { lines: string[]; code: number } {
  if (!release.released) return { lines: [`there is no hold ${id}`], code: 1 };
  const lines = [`hold ${id} is released`];
  if (release.executor === 'builtin') return { lines, code: 0 };
  if (release.givenBack.length) lines.push(`given back to ISM: ${release.givenBack.join(', ')}`);
  lines.push(...release.failed.map(keptOutside));
  return { lines, code: release.failed.length ? 1 : 0 };
}
