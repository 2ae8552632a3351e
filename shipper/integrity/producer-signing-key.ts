import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '../../opensearch/integrity/signing-key.ts';
import { checkpointDir } from './checkpoint-file.ts';

export const SIGNING_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

export type ProducerKey =
  | { readonly ok: true; readonly key: SigningKey; readonly source: string; readonly created: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * The Ed25519 key a producer signs its checkpoints with: the PKCS#8 PEM at `signingKeyFile` when
 * given; else `<spoolDir>/checkpoints/signing-key.pem`, created (mode 0600, with the public key beside
 * it) on first use so that checkpoints are signed from the first start. The auditor keeps the public
 * key; `synclog verify --public-key` checks against it. Without either, there is no key.
 */
export function producerSigningKey(options: { signingKeyFile?: string; spoolDir: string | false }): ProducerKey {
  if (options.signingKeyFile) return readKey(options.signingKeyFile, false);
  if (options.spoolDir === false)
    return { ok: false, reason: 'no signingKeyFile and no spool directory to keep one in' };
  const dir = checkpointDir(options.spoolDir);
  const path = join(dir, SIGNING_KEY_FILE);
  try {
    return readKey(path, false, true);
  } catch {
    // Not there yet: create it below.
  }
  try {
    mkdirSync(dir, { recursive: true });
    const pair = generateSigningKey();
    // `wx`: a second process starting at the same moment keeps the first one's key.
    writeFileSync(path, pair.privatePem, { flag: 'wx', mode: 0o600 });
    chmodSync(path, 0o600);
    writeFileSync(join(dir, PUBLIC_KEY_FILE), pair.publicPem);
    return readKey(path, true);
  } catch {
    return readKey(path, false);
  }
}

function readKey(path: string, created: boolean, rethrowMissing = false): ProducerKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if (rethrowMissing) throw error;
    return { ok: false, reason: `cannot read ${path}: ${(error as Error).message}` };
  }
  try {
    return { ok: true, key: signingKeyFromPem(pem), source: path, created };
  } catch (error) {
    return { ok: false, reason: `${path}: ${(error as Error).message}` };
  }
}
