// The sub-commands of `civil-ledger`, one file each.
import type { Command } from '../command';
import { checkCommand } from './check';
import { initCommand } from './init';
import { serveCommand } from './serve';
import { exportCommand, importCommand } from './import';
import { importConfirmCommand } from './import-confirm';
import { reportCommand } from './report';
import { backupCommand, restoreCommand } from './backup';
import { seedCommand } from './seed';
import { compareCommand } from './compare';
import { villageCommand, villageRevokeCommand } from './village';
import { exchangeExportCommand, exchangeImportCommand } from './exchange';

export const commands: Command[] = [
  initCommand,
  checkCommand,
  serveCommand,
  importCommand,
  exportCommand,
  importConfirmCommand,
  reportCommand,
  backupCommand,
  restoreCommand,
  seedCommand,
  compareCommand,
  villageCommand,
  villageRevokeCommand,
  exchangeExportCommand,
  exchangeImportCommand,
];
