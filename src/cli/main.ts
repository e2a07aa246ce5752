import { Command, CommanderError } from 'commander';
import { registerBench } from './bench';
import { registerDemo } from './demo';
import { registerDoctor } from './doctor';
import { registerNotebook } from './notebook';
import { printError } from './output';
import { registerReport } from './report';

export function buildProgram(): Command {
  const program = new Command('workbench')
    .description('research workbench for crypto-market AI: data, models, metrics, traces, rewards, GRPO launches')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDoctor(program);
  registerNotebook(program);
  registerReport(program);
  registerDemo(program);
  registerBench(program);
  return program;
}

/** Entry point for bin/workbench.js; returns the exit code instead of exiting (testable). */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // help/version print and exit 0
    printError(e);
    return 1;
  }
}
