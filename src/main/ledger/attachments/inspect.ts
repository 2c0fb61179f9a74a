// What an attachment may not carry: a program. The first bytes say what a file claims to be (handlers.ts sniffs
// them); this looks further (issue 23.8):
//   - anywhere in the file, an executable's header: a Windows program (MZ with a valid PE header), a Linux program
//     (ELF), a macOS program (Mach-O) — so a JPEG, PNG, TIFF or PDF with a program appended after its end marker,
//     or hidden inside, is refused;
//   - inside a container (zip: .docx, .xlsx, .ofd, and .zip/.odt wherever they turn up), every entry, nested
//     containers included: an entry named like a program or script (.exe .dll .bat .cmd .js .vbs .ps1 .scr .msi .jar
//     .com .sh …), an entry that starts like a script (#!), or an entry holding an executable's header.
// Inflation is bounded by the declared sizes and overall limits, as for imported workbooks (a zip bomb is refused).
import { Unzip, UnzipInflate, unzipSync, type UnzipFile } from 'fflate';

export const EXECUTABLE_NAMES =
  /\.(exe|dll|bat|cmd|com|js|jse|vbs|vbe|wsf|wsh|ps1|psm1|scr|msi|msp|jar|hta|cpl|lnk|sh|app|elf|so|dylib)$/i;

/** Bounds on what is inflated while looking inside a container. */
const MAX_TOTAL_INFLATED = 200 * 1024 * 1024;
const MAX_ENTRY_INFLATED = 100 * 1024 * 1024;
const MAX_ENTRIES = 5_000;
const MAX_DEPTH = 4;

const MACHO_MAGICS = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe]);
const MACHO_CPUS = new Set([7, 0x01000007, 12, 0x0100000c, 18, 0x01000012]);

function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** A Windows PE program starting at i: "MZ", a sane e_lfanew, and "PE\0\0" there. */
function peAt(b: Uint8Array, i: number): boolean {
  if (i + 0x40 > b.length) return false;
  const lfanew = u32le(b, i + 0x3c);
  if (lfanew < 0x40 || lfanew > 0x10000) return false;
  const p = i + lfanew;
  return p + 4 <= b.length && b[p] === 0x50 && b[p + 1] === 0x45 && b[p + 2] === 0 && b[p + 3] === 0;
}

/** An ELF program starting at i: magic, a valid class, byte order and version. */
function elfAt(b: Uint8Array, i: number): boolean {
  return (
    i + 7 <= b.length && (b[i + 4] === 1 || b[i + 4] === 2) && (b[i + 5] === 1 || b[i + 5] === 2) && b[i + 6] === 1
  );
}

/** A Mach-O program starting at i: magic and a known CPU type (either byte order). */
function machoAt(b: Uint8Array, i: number): boolean {
  if (i + 8 > b.length) return false;
  const m = u32be(b, i);
  if (!MACHO_MAGICS.has(m)) return false;
  const cpu = m === 0xfeedface || m === 0xfeedfacf ? u32be(b, i + 4) : u32le(b, i + 4);
  return MACHO_CPUS.has(cpu);
}

/** The first executable header anywhere in the bytes, described for a clerk; null when there is none. */
export function findExecutableHeader(b: Uint8Array): string | null {
  for (let i = 0; i + 4 <= b.length; i++) {
    const c = b[i];
    if (c === 0x4d && b[i + 1] === 0x5a && peAt(b, i)) return `Windows 程序（第 ${i} 字节起）`;
    if (c === 0x7f && b[i + 1] === 0x45 && b[i + 2] === 0x4c && b[i + 3] === 0x46 && elfAt(b, i)) {
      return `Linux 程序（第 ${i} 字节起）`;
    }
    if ((c === 0xfe || c === 0xce || c === 0xcf) && machoAt(b, i)) return `macOS 程序（第 ${i} 字节起）`;
  }
  return null;
}

function startsAsScript(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x23 && b[1] === 0x21; // "#!"
}

interface Budget {
  total: number;
  entries: number;
}

/** Looks inside a zip container; returns what was found (a program, a script, a bomb) or null. */
function inspectZip(bytes: Uint8Array, path: string, depth: number, budget: Budget): string | null {
  if (depth > MAX_DEPTH) return `${path}嵌套的压缩包层数过多`;
  const declared = new Map<string, number>();
  let problem: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        budget.entries++;
        declared.set(f.name, f.originalSize);
        if (problem === null && EXECUTABLE_NAMES.test(f.name)) problem = `${path}内的“${f.name}”（程序或脚本文件）`;
        if (problem === null && f.originalSize > MAX_ENTRY_INFLATED) problem = `${path}内的“${f.name}”解压后过大`;
        return false; // the directory only
      },
    });
  } catch {
    return `${path}的压缩结构损坏，无法检查其内容`;
  }
  if (problem) return problem;
  if (budget.entries > MAX_ENTRIES) return `${path}内部文件过多，无法检查`;

  const found: string[] = [];
  let failure: string | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    const allowed = Math.min(declared.get(file.name) ?? 0, MAX_ENTRY_INFLATED);
    const chunks: Uint8Array[] = [];
    let seen = 0;
    file.ondata = (err, chunk, final) => {
      if (failure !== null || found.length > 0) return;
      if (err) {
        failure = `${path}内的“${file.name}”损坏，无法检查`;
        return;
      }
      seen += chunk.length;
      budget.total += chunk.length;
      if (seen > allowed || budget.total > MAX_TOTAL_INFLATED) {
        failure = `${path}内的“${file.name}”实际解压大小超过声明或上限（疑似压缩炸弹）`;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (!final) return;
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const inner = `${path}内的“${file.name}”`;
      if (startsAsScript(data)) found.push(`${inner}（脚本）`);
      else {
        const exe = findExecutableHeader(data);
        if (exe) found.push(`${inner}（${exe}）`);
        else if (looksLikeZip(data)) {
          const nested = inspectZip(data, inner, depth + 1, budget);
          if (nested) found.push(nested);
        }
      }
    };
    if (failure === null && found.length === 0) file.start();
  });
  unzip.register(UnzipInflate);
  try {
    const CHUNK = 256 * 1024;
    for (let i = 0; i < bytes.length && failure === null && found.length === 0; i += CHUNK) {
      unzip.push(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), i + CHUNK >= bytes.length);
    }
  } catch {
    if (failure === null) failure = `${path}的压缩数据损坏，无法检查其内容`;
  }
  return found[0] ?? failure;
}

/**
 * What in an attachment looks like a program (or could not be checked); null when nothing does. The whole file is
 * searched for an executable header; a zip container is opened and every entry checked, nested ones too.
 */
export function findHiddenProgram(data: Uint8Array): string | null {
  const exe = findExecutableHeader(data);
  if (exe) return `文件中含有${exe}`;
  if (looksLikeZip(data)) return inspectZip(data, '文件', 0, { total: 0, entries: 0 });
  return null;
}
