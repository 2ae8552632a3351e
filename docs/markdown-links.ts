/** A link in a markdown text: its target path (empty for a link within the page) and its anchor. */
export interface MarkdownLink {
  readonly target: string;
  readonly path: string;
  readonly anchor: string | null;
}

/** The text with code fences and code spans blanked, so links shown as code are not read as links. */
const withoutCode = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

/** Every inline link and image whose target is relative (no scheme such as `https:` or `mailto:`). */
export function relativeLinks(markdown: string): MarkdownLink[] {
  return [...withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => {
      const hash = target.indexOf('#');
      return hash < 0
        ? { target, path: target, anchor: null }
        : { target, path: target.slice(0, hash), anchor: decodeURIComponent(target.slice(hash + 1)) };
    });
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
