/**
 * `indexFor` with a memory of the last UTC day it answered for: a record's index depends only on
 * its UTC date, and consecutive records nearly always share it. Times not in `Date#toISOString`
 * form (an explicit offset, say) are always looked up.
 */
export function sameDayIndex(indexFor: (timestamp: string) => string): (timestamp: string) => string {
  let lastDay = '';
  let lastIndex = '';
  return (timestamp) => {
    const day = timestamp.length === 24 && timestamp.endsWith('Z') ? timestamp.slice(0, 10) : '';
    if (day !== '' && day === lastDay) return lastIndex;
    const index = indexFor(timestamp);
    if (day !== '') {
      lastDay = day;
      lastIndex = index;
    }
    return index;
  };
}
