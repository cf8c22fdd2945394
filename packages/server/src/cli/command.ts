/** What a `ketaflow` command is: a summary line for the usage text and a function returning the exit code. */
export interface Command {
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}
