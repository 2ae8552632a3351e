import { z } from 'zod';
import { envInt } from '../opensearch/config/parse-env.ts';

/** The HTTP service's own environment variables. */
export const serviceEnvSchema = z.object({
  /** Default 8080. */
  PORT: envInt(1, 65_535).default(8080),
  /** Default 127.0.0.1: the service is reachable from other hosts only when asked (0.0.0.0 in containers). */
  SYNCLOG_HTTP_HOST: z.string().default('127.0.0.1'),
});

export type ServiceEnv = z.infer<typeof serviceEnvSchema>;
