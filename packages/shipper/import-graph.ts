import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import of one file: `from` and `to` relative to the repository root, or `to` a bare package name. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

export interface ImportGraph {
  /** Repository-relative paths of every source file reached. */
  readonly files: readonly string[];
  /** Imports of other files of the repository. */
  readonly local: readonly ImportEdge[];
  /** Imports of packages (`to` is the package name, `node:fs` kept whole). */
  readonly packages: readonly ImportEdge[];
}

const packageName = (specifier: string) =>
  specifier.startsWith('node:')
    ? specifier
    : specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');

/**
 * Every file reached from `entry` through static imports, `export … from`, type-only imports (the
 * .d.ts repeat them) and `import()` of a literal. An `import()` or `require()` of a variable is
 * invisible here, which is how the shipper keeps `@opentelemetry/api` optional.
 */
export function importGraph(root: string, entry: string): ImportGraph {
  const seen = new Set<string>();
  const local: ImportEdge[] = [];
  const packages: ImportEdge[] = [];
  const pending = [resolve(root, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const from = relative(root, file);
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        local.push({ from, to: relative(root, target), specifier });
        pending.push(target);
      } else {
        packages.push({ from, to: packageName(specifier), specifier });
      }
    }
  }
  return { files: [...seen].map((file) => relative(root, file)).sort(), local, packages };
}
