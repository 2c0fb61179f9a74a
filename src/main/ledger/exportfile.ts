// Files of personal data the ledger writes for someone to take away (bank files, exports): each under a name of its
// own, so one never overwrites another (a full-number file never replaces a masked one, nor a later export an
// earlier one that may already have been handed over). See docs/DATA-SAFETY.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp } from '../../shared/time';

/** 'YYYYMMDD-HHmmss' in China time, for file names that sort by time. */
export function exportStamp(at: Date): string {
  return fileStamp(at);
}

/**
 * Writes `content` to `<dir>/<base><ext>`, or `<base>-2<ext>`, `<base>-3<ext>`… when that name is taken: the file is
 * created exclusively, so an existing file is never replaced. Returns the name and path used.
 */
export function writeNewExportFile(
  dir: string,
  base: string,
  ext: string,
  content: string | Uint8Array,
): { fileName: string; path: string } {
  mkdirSync(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const fileName = `${base}${n === 1 ? '' : `-${n}`}${ext}`;
    const path = join(dir, fileName);
    try {
      writeFileSync(path, content, typeof content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
      return { fileName, path };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 999) throw e;
    }
  }
}
