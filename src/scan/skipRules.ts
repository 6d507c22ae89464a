// What a workspace scan leaves out, and how a file's bytes are read: shared by the worker, the
// CLI and the editor. Pure.
//
// Only folders are left out by name (node_modules, VCS folders). Every file is read: minified
// bundles, source maps, lock files and large files are scanned (large ones in chunks), and binary
// files are searched byte by byte like `strings` does. The one kind of content that cannot be
// searched is compressed: archives and PDFs are reported as `binary`, not scanned.
import { baseName } from './syntax';

/** Files larger than this are reported as `too-large`, not read (`--max-file-size`, `retrac.scan.maxFileSize`). */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Longest line the editor's rename looks at, and the old minified-bundle mark; kept for callers. */
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

/**
 * Lock files, minified bundles, source maps and well-known binary formats, by name alone: for
 * the editor's env-name rename, which edits files and has no reason to touch these. The scans
 * do not use it: they read every file.
 */
export function shouldSkipFileName(fileName: string): boolean {
  const base = baseName(fileName).toLowerCase();
  if (LOCK_FILES.has(base) || base.endsWith('.lock')) return true;
  if (/\.min\.(?:js|mjs|cjs|css)$/.test(base) || base.endsWith('.map')) return true;
  return BINARY_EXTENSIONS.test(base);
}

/** Magic bytes of compressed containers: their text is not in their bytes. */
const COMPRESSED: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // zip, jar, apk, docx, xlsx, vsix, whl
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x50, 0x4b, 0x07, 0x08], // spanned zip
  [0x1f, 0x8b], // gzip, tgz
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar
  [0x04, 0x22, 0x4d, 0x18], // lz4
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF- (streams are usually deflated)
];

/** How a file's bytes become text for the scanner. */
export type TextEncoding = 'utf8' | 'latin1' | 'utf16le' | 'utf16be';

export interface ContentKind {
  /** Compressed: cannot be searched; reported as `binary`. */
  compressed: boolean;
  encoding: TextEncoding;
  /** Bytes of a byte-order mark to drop before decoding. */
  bom: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (head: Uint8Array, magic: readonly number[]): boolean => head.length >= magic.length && magic.every((b, i) => head[i] === b);

/**
 * Decides from the first bytes (8 KB are enough) how to read a file. One NUL byte does not make a
 * file binary: only a NUL share over 1 % does, and then the file is still searched, decoded byte
 * for byte (latin1) so that any ASCII key in it is seen and its column is its byte offset.
 * UTF-16 text (a BOM, or NULs on every other byte) is decoded as such.
 */
export function contentKind(head: Uint8Array): ContentKind {
  // Runs for every file: the first byte rules out nearly every magic number without a call.
  for (const m of COMPRESSED) if (head[0] === m[0] && startsWith(head, m)) return { compressed: true, encoding: 'latin1', bom: 0 };
  if (head[0] === 0xef && startsWith(head, UTF8_BOM)) return { compressed: false, encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { compressed: false, encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { compressed: false, encoding: 'utf16be', bom: 2 };
  const n = Math.min(head.length, 8192);
  const firstNul = head.indexOf(0);
  if (firstNul < 0 || firstNul >= n) return { compressed: false, encoding: 'utf8', bom: 0 }; // most files: one native search
  let nul = 0;
  let nulEven = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      nul++;
      if ((i & 1) === 0) nulEven++;
    }
  }
  if (nul * 100 <= n) return { compressed: false, encoding: 'utf8', bom: 0 };
  // ASCII text in UTF-16 without a BOM: NULs on (nearly) all odd bytes (LE) or even bytes (BE).
  const pairs = n >> 1;
  if (nul >= pairs * 0.8 && nulEven <= nul * 0.02) return { compressed: false, encoding: 'utf16le', bom: 0 };
  if (nul >= pairs * 0.8 && nulEven >= nul * 0.98) return { compressed: false, encoding: 'utf16be', bom: 0 };
  return { compressed: false, encoding: 'latin1', bom: 0 };
}

/** True for content that cannot be searched (compressed archives and documents). */
export function isBinaryContent(bytes: Uint8Array): boolean {
  return contentKind(bytes.subarray(0, 8192)).compressed;
}

/** A line longer than MAX_LINE_LENGTH within the first 64 KB. No longer a reason to skip a file. */
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
