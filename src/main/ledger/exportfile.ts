// Files of personal data the ledger writes for someone to take away (bank files, exports): each under a name of its
// own, so one never overwrites another (a full-number file never replaces a masked one, nor a later export an
// earlier one that may already have been handed over). See docs/DATA-SAFETY.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** 'YYYYMMDD-HHmmss' in China time, for file names that sort by time. */
export function exportStamp(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const v = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${v('year')}${v('month')}${v('day')}-${v('hour')}${v('minute')}${v('second')}`;
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
