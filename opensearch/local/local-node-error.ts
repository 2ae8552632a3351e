/** Why the local node could not be provided. Each code has a message that says what to do. */
export type LocalNodeErrorCode =
  'NO_JDK' | 'ARTIFACT_UNAVAILABLE' | 'PORT_BUSY' | 'NODE_DIED' | 'START_TIMEOUT' | 'DISK_FULL' | 'NOT_PERMITTED';

export class LocalNodeError extends Error {
  override readonly name = 'LocalNodeError';
  constructor(
    readonly code: LocalNodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Turns an ENOSPC from any file operation into the launcher's clear "disk full" error. */
export function asDiskFull(error: unknown, where: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new LocalNodeError('DISK_FULL', `disk full while writing ${where}: free some space and start again`);
  }
  return error;
}
