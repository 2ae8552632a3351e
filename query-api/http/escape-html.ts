const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe to place in HTML element content and quoted attribute values. */
export const escapeHtml = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
