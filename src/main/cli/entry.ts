// One entry for the desktop app and its command line. The installed app's own executable (`civil-ledger`, with the
// RunAsNode fuse off) runs the CLI headless when it is started with a command, and opens the window otherwise:
//   civil-ledger report --db 台账 --month 2026-11 --out 报表/     -> no window, exit code of the command
//   civil-ledger                                                  -> the desktop app
// The decision is plain Node (no `electron` import), so it is tested as the packaged app would run it.
import type { CliIO } from './command';
import { commands } from './commands';
import { main } from './index';

/**
 * The CLI arguments in an Electron process's argv, or null when it should open the window.
 * Packaged: argv = [exe, ...args]. Development (`electron .`): argv = [electron, appPath, ...args].
 * Chromium/Electron switches that launchers put first (`--no-sandbox` in AppImage, `--enable-features=…`) are
 * skipped; the first other argument must be a command name (or --help/--version) for CLI mode.
 */
export function cliArgvOf(argv: readonly string[], packaged: boolean): string[] | null {
  const args = argv.slice(packaged ? 1 : 2);
  let i = 0;
  while (
    i < args.length &&
    /^--(no-sandbox|disable-gpu|enable-features=|disable-features=|ozone-platform)/.test(args[i]!)
  )
    i++;
  const first = args[i];
  if (first === undefined) return null;
  if (first === '--help' || first === '-h' || first === 'help') return ['--help'];
  // Some commands are two words ('village copy', 'exchange import').
  const rest = args.slice(i);
  const words = (n: number) => rest.slice(0, n).join(' ');
  return commands.some((c) => c.name === words(c.name.split(' ').length)) ? rest : null;
}

export interface EntryOptions {
  argv: readonly string[];
  packaged: boolean;
  /** Opens the desktop window (the Electron shell). Not called in CLI mode. */
  desktop: () => void;
  io?: CliIO;
}

/** Runs the CLI and resolves to its exit code, or starts the desktop app and resolves to null. */
export async function runEntry(options: EntryOptions): Promise<number | null> {
  const cli = cliArgvOf(options.argv, options.packaged);
  if (!cli) {
    options.desktop();
    return null;
  }
  return options.io ? main(cli, options.io) : main(cli);
}
