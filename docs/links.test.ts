import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, relativeLinks } from './markdown-links.ts';

const root = join(import.meta.dirname, '..');
const pages = [
  'README.md',
  ...readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];
const anchorsOf = (file: string) => headingAnchors(readFileSync(file, 'utf8'));

/** Why a link from `page` does not lead anywhere, or null when it does. */
function brokenLink(page: string, link: ReturnType<typeof relativeLinks>[number]): string | null {
  const file = link.path === '' ? join(root, page) : join(root, dirname(page), link.path);
  if (!existsSync(file)) return `${page}: ${link.target}: no such file`;
  if (!relative(root, file) || relative(root, file).startsWith('..'))
    return `${page}: ${link.target}: outside the repository`;
  if (link.anchor === null) return null;
  if (statSync(file).isDirectory() || !file.endsWith('.md'))
    return `${page}: ${link.target}: an anchor into a file that is not markdown`;
  return anchorsOf(file).has(link.anchor) ? null : `${page}: ${link.target}: no heading with that anchor`;
}

describe('documentation links', () => {
  it('finds the README and the docs pages', () => {
    expect(pages).toEqual(
      expect.arrayContaining(['README.md', join('docs', 'shipping-logs.md'), join('docs', 'configuration.md')]),
    );
  });

  it('leads every relative link in README.md and docs/ to an existing file and heading', () => {
    const broken = pages.flatMap((page) =>
      relativeLinks(readFileSync(join(root, page), 'utf8')).flatMap((link) => brokenLink(page, link) ?? []),
    );
    expect(broken).toEqual([]);
  });

  it('links every docs page from the README', () => {
    const linked = new Set(relativeLinks(readFileSync(join(root, 'README.md'), 'utf8')).map((link) => link.path));
    expect(pages.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([]);
  });
});
