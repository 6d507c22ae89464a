// Text placed inside Markdown (hovers, tooltips): what Markdown would read as markup is escaped,
// so a SKU such as `A*1` or a profile name with brackets shows as typed. `-`, `+`, `#` and `1.`
// only matter at a line start, so they are escaped only there (a SKU `AB-12` stays searchable). Pure.

/** Escapes Markdown markup in `text` (one line, or a table cell). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]|<>]/g, '\\$&')
    .replace(/^[#+-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
