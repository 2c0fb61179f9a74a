// Verifying a backup (备份核验): the proof of a one-file or two-file backup, the copy's integrity, journal chain and
// per-table digests, and the journal against every anchor found outside it — on a private copy, before a restore
// or when a clerk asks 核对. Restore (restore.ts) uses it before anything else.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LedgerError } from '../../../shared/errors';
import { assertLedgerFile } from '../db';
import { readAnchorFiles, type FoundAnchor } from '../journal';
import { MANIFEST_SUFFIX, type BackupManifest, type ProofKind } from './backup';
import { extractDatabase, readProof } from './container';
import { compareDigests } from './digests';
import { readJsonFile, sha256File } from './files';
import { collectAnchors } from './proof';
import { verifyPrivateCopy, type CopyFacts } from './snapshot';

export interface VerificationCheck {
  name: string;
  ok: boolean;
  message: string;
}

/** The outcome of verifying a backup file; the screen and the command line show it as it is. */
export interface BackupVerification {
  file: string;
  proof: ProofKind;
  /** The proof was present and everything it claims matched: the file may be restored. */
  verified: boolean;
  manifest: BackupManifest | null;
  checks: VerificationCheck[];
  /** For a file without proof: what nobody can vouch for if it is restored anyway. */
  unvouched: string[];
  /** Why it must not be restored at all (damaged, altered, not a ledger); null when it may be. */
  refusal: string | null;
  facts: CopyFacts | null;
}

export interface VerifyOptions {
  /** The ledger it would replace: its anchors are compared. */
  ledgerPath?: string;
  secondDir?: string | null;
  nativeBinding?: string | undefined;
  /** Leave the checked database copy here (restore renames it into place); otherwise it is removed. */
  keepCopyAt?: string;
}

/** open.ts's messages end with advice for the live ledger; for a backup, different advice applies. */
function stripTrailingNote(message: string): string {
  return message
    .replace(/[，；。]?\s*(文件未被改动|已拒绝打开，文件未被改动)$/u, '')
    .replace(/。请从备份恢复$/u, '。请换用另一份备份');
}

export const NO_PROOF =
  '文件里没有备份校验记录（旧式备份单独复制出来的文件，或台账文件的直接复制），无法证明其内容在备份后未被改动';

/** Verifies a backup file completely without touching any ledger. */
export async function verifyBackup(from: string, options: VerifyOptions = {}): Promise<BackupVerification> {
  const v: BackupVerification = {
    file: from,
    proof: 'none',
    verified: false,
    manifest: null,
    checks: [],
    unvouched: [],
    refusal: null,
    facts: null,
  };
  const refuse = (why: string): BackupVerification => {
    v.refusal = why;
    v.verified = false;
    return v;
  };
  if (!existsSync(from) || statSync(from).isDirectory()) return refuse(`找不到备份文件“${from}”`);
  if (statSync(from).size === 0) return refuse(`“${from}”是空文件`);
  // A backup is written under a temporary name and renamed when complete; a process killed before the rename leaves
  // the temporary file, which is not a backup even when its bytes happen to be whole.
  if (/\.partial-\d+-[0-9a-f]+/.test(basename(from))) {
    return refuse(`“${basename(from)}”是写备份时留下的临时文件，那次备份没有完成，不能用来恢复`);
  }
  try {
    assertLedgerFile(from);
  } catch (e) {
    return refuse(stripTrailingNote((e as Error).message));
  }

  const scratch = options.keepCopyAt ? null : mkdtempSync(join(tmpdir(), 'civil-ledger-verify-'));
  const copy = options.keepCopyAt ?? join(scratch!, 'copy.ledger');
  try {
    const proof = readProof(from);
    if (proof.kind === 'damaged') {
      v.proof = 'damaged';
      v.checks.push({ name: '备份校验记录', ok: false, message: proof.problem });
      return refuse(proof.problem);
    }
    if (proof.kind === 'embedded') {
      v.proof = 'embedded';
      v.manifest = proof.manifest;
      v.checks.push({ name: '备份校验记录', ok: true, message: '文件内含备份说明，说明本身完整' });
      const sha = await extractDatabase(from, copy, proof.manifest.bytes);
      if (sha !== proof.manifest.sha256) {
        const why = '数据库内容与文件内记录的 SHA-256 校验值不符（文件在备份后被改动或损坏）';
        v.checks.push({ name: 'SHA-256', ok: false, message: why });
        return refuse(why);
      }
      v.checks.push({ name: 'SHA-256', ok: true, message: '数据库内容与备份时记录的校验值一致' });
    } else {
      const side = readJsonFile<BackupManifest>(`${from}${MANIFEST_SUFFIX}`);
      if (side && typeof side.sha256 === 'string') {
        v.proof = 'sidecar';
        v.manifest = side;
        if ((await sha256File(from)) !== side.sha256) {
          const why = '备份文件的内容与备份时记录的 SHA-256 校验值不符（文件已损坏或被改动）';
          v.checks.push({ name: 'SHA-256', ok: false, message: why });
          return refuse(why);
        }
        v.checks.push({
          name: 'SHA-256',
          ok: true,
          message: '与旁边的 .manifest.json 记录的校验值一致（旧式两文件备份）',
        });
      } else {
        v.proof = 'none';
        if (proof.problem) {
          v.checks.push({ name: '备份校验记录', ok: false, message: proof.problem });
          return refuse(proof.problem);
        }
        v.checks.push({ name: '备份校验记录', ok: false, message: NO_PROOF });
        v.unvouched.push(NO_PROOF);
      }
      copyFileSync(from, copy);
    }

    const fileAnchors = options.ledgerPath ? readAnchorFiles(options.ledgerPath) : [];
    const anchors: FoundAnchor[] = options.ledgerPath
      ? collectAnchors(options.ledgerPath, { secondDir: options.secondDir ?? null, exclude: from })
      : [];
    let digestProblems: string[] = [];
    try {
      v.facts = verifyPrivateCopy(copy, options.nativeBinding, from, {
        anchors,
        inspect: (raw) => {
          if (v.manifest?.tables) digestProblems = compareDigests(v.manifest.tables, raw).map((d) => d.message);
        },
      });
    } catch (e) {
      const why = e instanceof LedgerError ? stripTrailingNote(e.message) : (e as Error).message;
      v.checks.push({ name: '数据库完整性与操作日志链', ok: false, message: why });
      return refuse(why);
    }
    v.checks.push({
      name: '数据库完整性与操作日志链',
      ok: true,
      message: `完整性正常，操作日志链完整（${v.facts.journalEntries} 条）`,
    });
    const m = v.manifest;
    if (m?.journalHead) {
      const h = v.facts.journalHead;
      if (h.seq !== m.journalHead.seq || h.hash !== m.journalHead.hash) {
        const why = `操作日志止于第 ${h.seq} 条，与备份说明记录的第 ${m.journalHead.seq} 条不符`;
        v.checks.push({ name: '操作日志末条', ok: false, message: why });
        return refuse(why);
      }
      v.checks.push({ name: '操作日志末条', ok: true, message: `与备份说明一致（第 ${h.seq} 条）` });
    }
    if (m?.tables) {
      if (digestProblems.length > 0) {
        const why = `数据表与备份说明记录的摘要不符：${digestProblems.slice(0, 3).join('；')}`;
        v.checks.push({ name: '各表数据摘要', ok: false, message: why });
        return refuse(why);
      }
      v.checks.push({ name: '各表数据摘要', ok: true, message: `${Object.keys(m.tables).length} 张表与备份说明一致` });
    }
    if (m?.schemaVersion !== undefined && m.schemaVersion !== v.facts.schemaVersion) {
      const why = `数据结构版本 ${v.facts.schemaVersion} 与备份说明记录的 ${m.schemaVersion} 不符`;
      v.checks.push({ name: '数据结构版本', ok: false, message: why });
      return refuse(why);
    }

    // Anchors: entries the file shares with the anchored history must match; a file that stops short of an
    // anchor is an earlier state only if the app itself recorded that point (its anchor files).
    const a = v.facts.anchors;
    if (a && a.findings.length > 0) {
      const differs = a.findings.filter((f) => f.status === 'differs');
      const short = a.findings.filter((f) => f.status === 'not_reached');
      const head = v.facts.journalHead;
      const knownPoint = fileAnchors.some((x) => x.seq === head.seq && x.hash === head.hash);
      const problems = [...differs, ...(knownPoint ? [] : short)].map((f) => f.message);
      if (problems.length > 0) {
        const why = `与日志锚点不符：${problems.slice(0, 2).join('；')}`;
        v.checks.push({ name: '日志锚点', ok: false, message: why });
        if (v.proof === 'none') v.unvouched.push(why);
        else return refuse(why);
      } else {
        v.checks.push({
          name: '日志锚点',
          ok: true,
          message:
            short.length > 0
              ? `是本机记录过的较早状态（第 ${head.seq} 条），与 ${a.findings.length - short.length} 个锚点一致`
              : `与 ${a.findings.filter((f) => f.status === 'ok').length} 个日志锚点一致`,
        });
      }
    }
    v.verified = v.proof === 'embedded' || v.proof === 'sidecar';
    return v;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
