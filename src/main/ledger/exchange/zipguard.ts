// Checks an .xlsx (a zip archive) before any spreadsheet library opens it: the central directory's declared sizes,
// then the real inflated sizes, so a zip bomb or a 100 MB sheet is refused in bounded time and memory instead of
// being expanded by the parser. fflate reads the archive; nothing is kept of the inflated data.
import { Unzip, UnzipInflate, unzipSync, type UnzipFile } from 'fflate';
import { badInput } from '../../../shared/errors';

export interface ZipLimits {
  /** Largest inflated size of one archive entry (a sheet's XML, the shared strings). */
  maxEntryBytes: number;
  /** Largest inflated size of all entries together. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // A 10,000-row ledger's sheet is about 5 MB of XML; these leave room for ~60,000 rows while keeping ExcelJS's
  // in-memory model of the workbook to a few hundred MB at most.
  maxEntryBytes: 48 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  maxEntries: 2_000,
};

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The OLE2 compound-file signature: old .xls workbooks, and .xlsx files protected with a password. */
export function looksLikeOle2(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

/**
 * Throws BAD_INPUT (with a message a clerk can act on) when the archive is not a readable workbook or would expand
 * beyond the limits. Declared sizes are checked first (no inflation at all), then every entry is inflated in
 * chunks and counted, stopping at the first byte over its declared size or the limits — a lying directory does
 * not get through either.
 */
export function assertSafeXlsx(bytes: Uint8Array, fileName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  let tooBig: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        declared.set(f.name, f.originalSize);
        declaredTotal += f.originalSize;
        if (f.originalSize > limits.maxEntryBytes && tooBig === null) tooBig = `${f.name}（${mb(f.originalSize)}）`;
        return false; // read the directory only
      },
    });
  } catch {
    throw badInput(`“${fileName}”不是有效的 Excel 工作簿（压缩结构损坏）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入`);
  }
  if (declared.size > limits.maxEntries) {
    throw badInput(`“${fileName}”包含 ${declared.size} 个内部文件，超过上限 ${limits.maxEntries}，已拒绝读取`);
  }
  if (!declared.has('[Content_Types].xml') || ![...declared.keys()].some((n) => n.startsWith('xl/'))) {
    throw badInput(`“${fileName}”是压缩包，但不是 Excel 工作簿（.xlsx）。请选择 Excel 或 WPS 保存的 .xlsx 文件`);
  }
  if (tooBig !== null) {
    throw badInput(
      `“${fileName}”中的 ${tooBig}解压后超过单表上限 ${mb(limits.maxEntryBytes)}，已拒绝读取。请按村(社区)拆成几个文件分别导入`,
    );
  }
  if (declaredTotal > limits.maxTotalBytes) {
    throw badInput(
      `“${fileName}”解压后共 ${mb(declaredTotal)}，超过上限 ${mb(limits.maxTotalBytes)}，已拒绝读取。请拆成几个文件分别导入`,
    );
  }

  // Inflate and count. Local headers can disagree with the directory; the parser reads the local ones.
  let total = 0;
  let failure: string | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    const allowed = Math.min(declared.get(file.name) ?? 0, limits.maxEntryBytes);
    let seen = 0;
    file.ondata = (err, chunk) => {
      if (failure !== null) return;
      if (err) {
        failure = `“${fileName}”的内部文件 ${file.name} 损坏，无法解压`;
        return;
      }
      seen += chunk.length;
      total += chunk.length;
      if (seen > allowed || total > limits.maxTotalBytes) {
        failure = `“${fileName}”的内部文件 ${file.name} 实际解压大小超过其声明或上限（疑似压缩炸弹），已拒绝读取`;
        file.terminate();
      }
    };
    if (failure === null) file.start();
  });
  unzip.register(UnzipInflate);
  try {
    const CHUNK = 256 * 1024;
    for (let i = 0; i < bytes.length && failure === null; i += CHUNK) {
      unzip.push(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), i + CHUNK >= bytes.length);
    }
  } catch {
    if (failure === null) failure = `“${fileName}”不是有效的 Excel 工作簿（压缩数据损坏）`;
  }
  if (failure !== null) throw badInput(failure);
}
