import { describe, expect, it } from 'vitest';
import { parseEnv } from '../config/parse-env.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { s3RepositorySettings } from './ensure-repository.ts';

describe('S3 archive repository settings', () => {
  it('splits bucket and base path, and registers the IAM role Amazon OpenSearch Service assumes', () => {
    expect(s3RepositorySettings('crm-archive')).toEqual({ bucket: 'crm-archive' });
    expect(
      s3RepositorySettings('crm-archive/synclog/prod', 'arn:aws:iam::123456789012:role/synclog-snapshots'),
    ).toEqual({
      bucket: 'crm-archive',
      base_path: 'synclog/prod',
      role_arn: 'arn:aws:iam::123456789012:role/synclog-snapshots',
    });
  });

  it('stops start-up naming SYNCLOG_ARCHIVE_ROLE_ARN when it is not a role ARN', () => {
    expect(() => parseEnv(openSearchEnvSchema, { SYNCLOG_ARCHIVE_ROLE_ARN: 'synclog-snapshots' })).toThrow(
      /SYNCLOG_ARCHIVE_ROLE_ARN: expected an IAM role ARN/,
    );
  });
});
