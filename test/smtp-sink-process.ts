import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';

const SINK = fileURLToPath(new URL('./smtp-sink.ts', import.meta.url));

export interface SmtpSink {
  readonly url: string;
  /** Every mail received so far, parsed, in arrival order. */
  mails(): Promise<ParsedMail[]>;
  /** Resolves once `count` mails have arrived (polls the sink's directory), or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

/** Starts the SMTP server process of `test/smtp-sink.ts`. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const dir = await mkdtemp(join(tmpdir(), 'synclog-smtp-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SINK, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  const mails = async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
    return Promise.all(files.map(async (f) => simpleParser(await readFile(join(dir, f)))));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(count, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const received = await mails();
        if (received.length >= count) return received;
        if (Date.now() > deadline) throw new Error(`waited for ${count} mail(s), ${received.length} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
