import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('.', import.meta.url));

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment an app's own shell would give it. Under `npm test` the parent carries npm's
 * `npm_config_local_prefix` and friends, which would point `npm install` at synclog's own root;
 * NODE_OPTIONS could smuggle in a loader, which the package must not need.
 */
function appEnvironment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([key]) => !/^npm_/i.test(key) || /^npm_config_(cache|registry|userconfig)$/i.test(key),
  );
  return { ...Object.fromEntries(kept), NODE_OPTIONS: '', ...extra };
}

/** Runs a command to its end; a non-zero exit is a result, not an exception. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  const options = { cwd, env: appEnvironment(env), maxBuffer: 64 * 1024 * 1024 };
  return new Promise((resolve) => {
    execFile(command, args, options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function succeed(command: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.code}) in ${cwd}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result;
}

/** Packs @synclog/shipper as `npm publish` would (its `prepack` builds dist/); returns the tarball's path. */
export async function packShipper(destination: string): Promise<string> {
  await succeed('npm', ['pack', '--pack-destination', destination], packageDir);
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) {
    throw new Error(`expected one tarball in ${destination}, found ${tarballs.join(', ') || 'none'}`);
  }
  return join(destination, tarballs[0]!);
}

/**
 * A copy of `examples/<name>` in `root` with the packed tarball installed the way an application
 * team installs a published package (plus the peers it must bring and the example's own dev tools).
 */
export async function installExample(name: string, root: string, tarball: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const source = join(packageDir, 'examples', name);
  // A developer may have installed the example in place; its node_modules is not part of it.
  const ownFiles = (path: string) => !path.slice(source.length).includes('node_modules');
  await cp(source, dir, { recursive: true, filter: ownFiles });
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'winston', 'prom-client'];
  await succeed('npm', install, dir);
  return dir;
}

export interface CompileError {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/**
 * Compiles the example with its own TypeScript, its own tsconfig and `--strict`, plus `extraFile`
 * in the same program (one compiler run instead of two). Emits the app's .mjs/.cjs even when
 * `extraFile` has errors; returns every error tsc reports.
 */
export async function compileExample(
  dir: string,
  extraFile: string,
): Promise<{ result: CommandResult; errors: CompileError[] }> {
  const { files } = JSON.parse(await readFile(join(dir, 'tsconfig.json'), 'utf8')) as { files: string[] };
  const checkConfig = { extends: './tsconfig.json', files: [...files, extraFile] };
  await writeFile(join(dir, 'tsconfig.check.json'), JSON.stringify(checkConfig));
  const tsc = join(dir, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '--strict', '--pretty', 'false', '-p', 'tsconfig.check.json'], dir);
  // Errors without a place (a missing file, a bad option) count too: their `file` is ''.
  const reported = result.stdout.matchAll(/^(?:(\S+)\((\d+),\d+\): )?error (TS\d+)/gm);
  const errors = [...reported].map(([, file, line, code]) => ({
    file: file ?? '',
    line: Number(line ?? 0),
    code: code!,
  }));
  return { result, errors };
}

/** Every package name in `npm ls --json` output, at any depth. */
export function packageNames(tree: { dependencies?: Record<string, unknown> }): Set<string> {
  const names = new Set<string>();
  const visit = (node: { dependencies?: Record<string, unknown> }) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      names.add(name);
      visit(child as { dependencies?: Record<string, unknown> });
    }
  };
  visit(tree);
  return names;
}
