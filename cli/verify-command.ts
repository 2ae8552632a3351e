import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { publicKeyFromPem } from '../opensearch/integrity/signing-key.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { PUBLIC_KEY_FILE } from '../shipper/integrity/producer-signing-key.ts';
import { readCheckpointFiles, type FileCheckpoints } from '../shipper/verify/checkpoint-files.ts';
import { verifyIntegrity } from '../shipper/verify/verify-integrity.ts';
import { connect } from './connect.ts';
import { verifyReportLines } from './verify-report-lines.ts';

/** An ISO 8601 date (`2026-11-01`, UTC midnight) or date-time with offset. */
export const isoTimeOption = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expected an ISO 8601 date or date-time, such as 2026-11-01 or 2026-11-01T00:00:00Z',
  })
  .transform((value) => new Date(value));

/** Parses command-line options with a zod schema; a bad one throws naming `--option`. */
export function parseCommandOptions<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.infer<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.length
        ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
        : '(options)',
      message: issue.message,
    })),
  );
}

const verifyOptionsSchema = z
  .object({
    producer: z
      .string()
      .min(1)
      .refine((p) => !p.slice(0, -1).includes('*') && p !== '*', 'expected a producer id, or a prefix ending with *')
      .optional(),
    from: isoTimeOption.optional(),
    to: isoTimeOption.optional(),
    json: z.boolean().default(false),
    publicKey: z.array(z.string().min(1)).default([]),
    checkpoints: z.array(z.string().min(1)).default([]),
  })
  .refine((o) => !o.from || !o.to || o.from < o.to, { path: ['to'], message: 'must be later than --from' });

/**
 * `synclog verify --public-key PEM [--public-key PEM …] [--checkpoints DIR|FILE …] [--producer P]
 * (without `--public-key`, the keys beside the spools given with `--checkpoints`)
 * [--from ISO] [--to ISO] [--json]`: checks every producer's stored records against its chain and
 * its signed checkpoints. Exit code 0 without findings, 1 with any (an unverifiable tail, records
 * deleted by retention and refused records are not findings).
 */
export async function verifyCommand(
  values: Record<string, unknown>,
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  const options = parseCommandOptions(verifyOptionsSchema, {
    ...values,
    publicKey: values['public-key'],
    checkpoints: values.checkpoints,
  });
  const keys = await readPublicKeys(
    options.publicKey.length > 0
      ? options.publicKey
      : await keysBesideSpools(options.checkpoints, options.json ? (line) => console.error(line) : say),
  );
  const files = await readFiles(options.checkpoints);
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const { names } = setupConfigFromEnv(openSearchEnv);
  // With --json, stdout carries the report only.
  const { client } = await connect(openSearchEnv, env, options.json ? (line) => console.error(line) : say);
  try {
    const report = await verifyIntegrity(client, names, { ...options, keys, files });
    if (options.json) say(JSON.stringify(report, null, 2));
    else
      for (const line of verifyReportLines(report, options.from !== undefined || options.to !== undefined)) say(line);
    return report.clean ? 0 : 1;
  } finally {
    await client.close();
  }
}

async function readPublicKeys(paths: readonly string[]): Promise<Map<string, KeyObject>> {
  const keys = new Map<string, KeyObject>();
  for (const path of paths) {
    try {
      const { keyId, publicKey } = publicKeyFromPem(await readFile(path, 'utf8'));
      keys.set(keyId, publicKey);
    } catch (error) {
      throw new ConfigError([{ variable: '--public-key', message: `${path}: ${(error as Error).message}` }]);
    }
  }
  return keys;
}

const NO_KEY =
  'required: the PEM file of the public key the producers sign with (or --checkpoints with the signing-key.pub.pem the producer wrote beside its spool)';

/**
 * Without `--public-key`: the public keys the producers wrote beside the spools given with
 * `--checkpoints` (`<dir>/signing-key.pub.pem` or `<dir>/checkpoints/signing-key.pub.pem`), as
 * trusted as the checkpoint copies there, and said so. None found: the option is required.
 */
async function keysBesideSpools(paths: readonly string[], say: (line: string) => void): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    for (const candidate of [join(path, PUBLIC_KEY_FILE), join(path, 'checkpoints', PUBLIC_KEY_FILE)]) {
      if (
        await readFile(candidate).then(
          () => true,
          () => false,
        )
      )
        found.push(candidate);
    }
  }
  if (found.length === 0) throw new ConfigError([{ variable: '--public-key', message: NO_KEY }]);
  for (const path of found)
    say(`public key: ${path} (beside the spool; pass --public-key to use the auditor's own copy)`);
  return found;
}

async function readFiles(paths: readonly string[]): Promise<FileCheckpoints> {
  try {
    return await readCheckpointFiles(paths);
  } catch (error) {
    throw new ConfigError([{ variable: '--checkpoints', message: (error as Error).message }]);
  }
}
