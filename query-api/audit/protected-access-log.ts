import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { AccessLogWriter } from './access-log-writer.ts';

/**
 * The access log under the personal data policy: each entry's `filters` are kept as the policy
 * says (a searched e-mail hashed under `strict`, as the records hold it) before the entry is
 * written. The writer itself when the policy keeps everything.
 */
export function protectedAccessLog(writer: AccessLogWriter, privacy: SearchPrivacy | undefined): AccessLogWriter {
  if (!privacy || privacy.policy.name === 'keep') return writer;
  return {
    write: (entry) => writer.write({ ...entry, filters: privacy.protectFilters(entry.filters) }),
    flush: () => writer.flush(),
    close: () => writer.close(),
  };
}
