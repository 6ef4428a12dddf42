import type { ParseArgsConfig } from 'node:util';

/** One `sightline <name>` subcommand. Options are parsed by node:util parseArgs (strict). */
export interface Command {
  name: string;
  /** One line for `sightline --help`. */
  summary: string;
  /** Full usage text for `sightline <name> --help`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted (e.g. a file or a sub-verb). */
  positionals?: boolean;
  run(args: {
    values: Record<string, string | boolean | string[] | boolean[] | undefined>;
    positionals: string[];
  }): Promise<number>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
