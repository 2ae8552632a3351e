import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJavaHome, parseJavaVersion, requiredJavaMajor } from './java-home.ts';
import { LocalNodeError } from './local-node-error.ts';

describe('Java detection', () => {
  it('reads old and new version strings', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15')).toEqual({ version: '17.0.15', major: 17 });
    expect(parseJavaVersion('java version "1.8.0_402"')).toEqual({ version: '1.8.0_402', major: 8 });
    expect(parseJavaVersion('openjdk version "25" 2025-09-16')).toEqual({ version: '25', major: 25 });
    expect(parseJavaVersion('nothing here')).toBeNull();
  });

  it('needs Java 21 for OpenSearch 3 and 11 before', () => {
    expect(requiredJavaMajor('3.8.0')).toBe(21);
    expect(requiredJavaMajor('2.19.1')).toBe(11);
  });

  it('refuses with what to install when every candidate is too old or missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'jvm-'));
    const attempt = findJavaHome(21, { JAVA_HOME: join(empty, 'nope') }, empty);
    await expect(attempt).rejects.toBeInstanceOf(LocalNodeError);
    await expect(attempt).rejects.toThrow(/needs Java 21 or newer.*nope \(no bin\/java\).*set OPENSEARCH_JAVA_HOME/s);
  });

  it('skips a JDK that is too old and takes the next candidate', async () => {
    // This machine kind has JDK 17 as the default and a JDK 25 under /usr/lib/jvm.
    const old = '/usr/lib/jvm/java-17-openjdk-amd64';
    const found = await findJavaHome(21, { JAVA_HOME: old });
    expect(found.major).toBeGreaterThanOrEqual(21);
    expect(found.home).not.toBe(old);
  });
});
