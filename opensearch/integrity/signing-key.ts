import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalText } from './record-hash.ts';
import type { Checkpoint, UnsignedCheckpoint } from './checkpoint.ts';

export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** A short, stable name of a public key: first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function generateSigningKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Reads an Ed25519 private key (PKCS#8 PEM). Throws with the reason when it is not one. */
export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 private key, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** Reads an Ed25519 public key (SPKI PEM). */
export function publicKeyFromPem(pem: string): { keyId: string; publicKey: KeyObject } {
  const publicKey = createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 public key, got ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  }
  return { keyId: keyIdOf(publicKey), publicKey };
}

export function signCheckpoint(unsigned: UnsignedCheckpoint, key: SigningKey): Checkpoint {
  const signature = sign(null, Buffer.from(canonicalText(unsigned), 'utf8'), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** True when `checkpoint.signature` is the key's Ed25519 signature over the JCS text of its other fields. */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  const { signature, ...unsigned } = checkpoint;
  try {
    return verify(null, Buffer.from(canonicalText(unsigned), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
