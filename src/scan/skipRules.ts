// Which files a workspace scan reads: shared by the worker, the CLI and the editor (which skips
// the same files when it validates open documents). Pure.
import { baseName } from './syntax';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A line longer than this in the first 64 KB marks a minified bundle or generated data. */
export const MAX_LINE_LENGTH = 4096;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', '.retrac-dev']);
const LOCK_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'composer.lock', 'gemfile.lock',
  'cargo.lock', 'poetry.lock', 'pipfile.lock', 'go.sum', 'mix.lock', 'pubspec.lock', 'podfile.lock', 'packages.lock.json',
]);
const BINARY_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|ico|icns|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|ogg|wav|flac|sqlite|db|vsix|node)$/i;

export function shouldSkipDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name);
}

/** Lock files, minified bundles, source maps and well-known binary formats, by name alone. */
export function shouldSkipFileName(fileName: string): boolean {
  const base = baseName(fileName).toLowerCase();
  if (LOCK_FILES.has(base) || base.endsWith('.lock')) return true;
  if (/\.min\.(?:js|mjs|cjs|css)$/.test(base) || base.endsWith('.map')) return true;
  return BINARY_EXTENSIONS.test(base);
}

/** Git's heuristic: a NUL byte in the first 8 KB. */
export function isBinaryContent(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).indexOf(0) >= 0;
}

/** A line longer than MAX_LINE_LENGTH within the first 64 KB: a minified bundle. */
export function hasVeryLongLines(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 65536);
  for (let start = 0; start < n; ) {
    let end = bytes.indexOf(10, start);
    if (end < 0 || end > n) end = n;
    if (end - start > MAX_LINE_LENGTH) return true;
    start = end + 1;
  }
  return false;
}
