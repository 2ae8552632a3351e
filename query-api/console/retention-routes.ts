import { Hono } from 'hono';
import { readHolds } from '../../opensearch/lifecycle/legal-hold.ts';
import { retentionStatus } from '../../opensearch/lifecycle/retention-status.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { consoleUserOf } from './console-user.ts';
import { retentionPage } from './retention-page.ts';
import { RETENTION_TEXT } from './retention-text.ts';

/** Each log index's lifecycle state, and the legal holds that keep indices past their retention. */
export function retentionRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  return new Hono().get('/console/retention', viewer, async (c) => {
    const user = consoleUserOf(c);
    const [rows, holds] = await Promise.all([
      retentionStatus(deps.client, deps.names, deps.lifecycle, new Date(deps.clock.now())),
      readHolds(deps.client, deps.names),
    ]);
    const reader = readerOf(c);
    const title = reader.text(RETENTION_TEXT)('title');
    return consolePage(c, user, title, 'retention', retentionPage(rows, holds, reader));
  });
}
