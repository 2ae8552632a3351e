/**
 * The id of the ISM policy synclog installs for a prefix. It sits beside the policy definition,
 * not the installer, because the shipper's write path attaches new log indices to it.
 */
export const ismPolicyId = (prefix: string) => `${prefix}-retention`;

/**
 * ISM's index setting that, set to `false`, stops its `ism_template` from attaching the index
 * (ISM's own remove API sets it too). A held index carries it, so ISM never takes it back by itself.
 */
export const ISM_AUTO_MANAGE_SETTING = 'index.plugins.index_state_management.auto_manage';
