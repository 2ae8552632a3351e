/** The fields a reviewed-set copy adds to the record: who reviewed it first, and when. */
export const REVIEW_FIELDS = ['first_reviewed_at', 'first_reviewed_by'] as const;
