/** What a `create` of a replayed record came to. */
export type CreateOutcome =
  | { readonly kind: 'created' }
  /** 409: the record was delivered before; replaying it again adds nothing. */
  | { readonly kind: 'already_present' }
  /** 400: OpenSearch still refuses the record; the dead letter stays as it is. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** Anything else (429, 5xx, missing index…): worth trying again later. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface BulkCreateItem {
  readonly status: number;
  readonly error?: { readonly type?: string; readonly reason?: string | null } | null;
}

export function createOutcome(item: BulkCreateItem): CreateOutcome {
  if (item.status === 201 || item.status === 200) return { kind: 'created' };
  if (item.status === 409) return { kind: 'already_present' };
  const reason = `${item.status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? 'no reason given'}`;
  return item.status === 400 ? { kind: 'rejected', reason } : { kind: 'failed', reason };
}
