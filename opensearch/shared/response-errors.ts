/** Reads the status and OpenSearch error type from a client error, whatever its shape. */
export function errorStatus(error: unknown): { status: number | undefined; type: string | undefined; reason: string } {
  const e = error as {
    statusCode?: number | null;
    meta?: { statusCode?: number | null; body?: { error?: { type?: string; reason?: string } } };
    message?: string;
  };
  // Connection errors carry `statusCode: null`: no answer is not a status.
  const status = e?.statusCode ?? e?.meta?.statusCode ?? undefined;
  const body = e?.meta?.body?.error;
  return { status, type: body?.type, reason: body?.reason ?? e?.message ?? String(error) };
}

/** The value of a request, or `null` when OpenSearch answered 404. */
export async function orNullOn404<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (errorStatus(error).status === 404) return null;
    throw error;
  }
}
