/**
 * The id of the ISM policy synclog installs for a prefix. It sits beside the policy definition,
 * not the installer, because the shipper's write path attaches new log indices to it.
 */
export const ismPolicyId = (prefix: string) => `${prefix}-retention`;
