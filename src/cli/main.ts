#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.js';
import { UsageError } from './command.js';
import { loadCommands } from './commands/index.js';

async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const width = Math.max(...commands.map((c) => c.name.length));
    console.log('Usage: sightline <command> [options]\n\nCommands:');
    for (const c of commands) console.log(`  ${c.name.padEnd(width)}  ${c.summary}`);
    console.log("\nRun `sightline <command> --help` for a command's options.");
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`sightline: unknown command "${name}" (see sightline --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  try {
    const parsed = parseArgs({
      args: rest,
      options: cmd.options,
      allowPositionals: cmd.positionals ?? false,
      strict: true,
    });
    return await cmd.run(parsed as Parameters<typeof cmd.run>[0]);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`sightline ${name}: ${(e as Error).message}\n\n${cmd.usage}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      console.error(`sightline ${name}: ${e.message}`);
      return 2;
    }
    console.error(`sightline ${name}: ${(e as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`sightline: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
