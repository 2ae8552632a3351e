/** Mapping properties by field name, as in a mapping's `properties` or a field's `fields`. */
export type MappingProperties = Record<
  string,
  | {
      readonly properties?: MappingProperties;
      readonly fields?: MappingProperties;
      readonly [parameter: string]: unknown;
    }
  | undefined
>;

/**
 * The fields (dotted paths, sub-fields and multi-fields included) that `desired` maps and
 * `stored` lacks: what a `PUT _mapping` would add. Mappings only grow, so a field present in both
 * counts as there whatever its parameters; an empty result means there is nothing to update.
 */
export function missingMappingFields(
  desired: MappingProperties,
  stored: MappingProperties | undefined,
  path = '',
): string[] {
  const missing: string[] = [];
  for (const [name, field] of Object.entries(desired)) {
    const at = `${path}${name}`;
    const existing = stored?.[name];
    if (!existing) {
      missing.push(at);
      continue;
    }
    if (field?.properties) missing.push(...missingMappingFields(field.properties, existing.properties, `${at}.`));
    if (field?.fields) missing.push(...missingMappingFields(field.fields, existing.fields, `${at}.`));
  }
  return missing;
}
