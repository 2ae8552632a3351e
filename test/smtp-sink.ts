/**
 * A real SMTP server process for tests: accepts every mail on a free loopback port and writes it,
 * as received, to `<dir>/<n>.eml`. Prints `{"port": N}` on stdout once listening.
 *   node --import tsx test/smtp-sink.ts <dir>
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const dir = process.argv[2]!;
let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const file = join(dir, `${String(++count).padStart(6, '0')}.eml`);
      // Renamed once whole, so a reader never sees half a mail.
      writeFileSync(`${file}.part`, Buffer.concat(chunks));
      renameSync(`${file}.part`, file);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.server.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
