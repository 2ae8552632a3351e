import { z } from 'zod';
import { SERVICE_CONFIG_FEATURES, type ServiceConfigFeature } from './service-config.ts';

/** One environment variable of the service, with the default its schema applies when it is unset. */
export interface ConfigVariable {
  readonly variable: string;
  readonly feature: ServiceConfigFeature;
  /** Whether the schema fills in a value when the variable is unset. */
  readonly hasDefault: boolean;
  /** The parsed default (a number for numbers, an array for lists), or undefined when there is none. */
  readonly default: unknown;
}

/**
 * Every variable of the service and its default, read from the schemas themselves: pages that
 * state defaults are checked against this list.
 */
export function configVariables(): ConfigVariable[] {
  return Object.entries(SERVICE_CONFIG_FEATURES).flatMap(([feature, schema]) =>
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([variable, field]) => {
      const hasDefault = field instanceof z.ZodDefault;
      return {
        variable,
        feature: feature as ServiceConfigFeature,
        hasDefault,
        default: hasDefault ? structuredClone(field.def.defaultValue) : undefined,
      };
    }),
  );
}
