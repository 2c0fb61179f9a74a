#!/usr/bin/env node
// `civil-ledger`: the same core as the app, for scheduled and headless work.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { LedgerError } from '../../shared/errors';
import { EXIT_FAILURE, EXIT_USAGE, UsageError, type CliIO, type CliValues, type Command } from './command';
import { commands } from './commands';

const io: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  askSecret: async (prompt) => {
    if (!process.stdin.isTTY) return null;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    process.stdout.write(prompt);
    // Mute the echo of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    rl.close();
    process.stdout.write('\n');
    return answer;
  },
};

function help(): string {
  const lines = ['用法：civil-ledger <命令> [参数]', '', '命令：'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', '每个命令的参数：civil-ledger <命令> --help', '退出码：0 成功，1 失败，2 用法或输入错误');
  return lines.join('\n');
}

export async function main(argv: string[], cliIo: CliIO = io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    cliIo.out(help());
    return name ? 0 : EXIT_USAGE;
  }
  let cmd: Command | undefined = commands.find((c) => c.name === name);
  // Two-word commands ("village copy", "exchange import").
  if (!cmd && rest[0] && commands.some((c) => c.name === `${name} ${rest[0]}`)) {
    const full = `${name} ${rest.shift()}`;
    cmd = commands.find((c) => c.name === full);
  }
  if (!cmd) {
    cliIo.err(`未知命令“${name}”\n\n${help()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    cliIo.out(`${cmd.summary}\n用法：${cmd.usage}`);
    return 0;
  }
  let values: CliValues;
  try {
    values = parseArgs({ args: rest, options: cmd.options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    cliIo.err(`参数错误：${(e as Error).message}\n用法：${cmd.usage}`);
    return EXIT_USAGE;
  }
  try {
    return await cmd.run(values, cliIo);
  } catch (e) {
    if (e instanceof UsageError) {
      cliIo.err(`${e.message}\n用法：${cmd.usage}`);
      return EXIT_USAGE;
    }
    if (e instanceof LedgerError) {
      cliIo.err(e.message);
      return e.code === 'BAD_INPUT' || e.code === 'NOT_FOUND' ? EXIT_USAGE : EXIT_FAILURE;
    }
    cliIo.err(`失败：${(e as Error).message}`);
    return EXIT_FAILURE;
  }
}

// Run `main` only when this module is the script node was started with (`node out/cli/index.js`, `tsx
// src/main/cli/index.ts`). A wrapper that imports it and calls `main` itself (bin/civil-ledger.js, the desktop
// entry) must not get a second run: comparing the real paths, not the script's name, keeps that true.
function isStartScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
const invokedDirectly = isStartScript();
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`失败：${(e as Error).message}\n`);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
