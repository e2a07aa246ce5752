import { Command, CommanderError } from 'commander';
import { registerTraces } from './traces';
import { registerRewards } from './rewards';
import { registerGrpo } from './grpo';
import { registerLlm } from './llm';
import { registerChain } from './chain';
import { registerBench } from './bench';
import { registerDemo } from './demo';
import { registerDoctor } from './doctor';
import { registerMaya } from './maya';
import { registerMidgard } from './midgard';
import { registerNotebook } from './notebook';
import { printError } from './output';
import { registerReport } from './report';
import { registerMarket } from './market';
import { registerRisk } from './risk';

export function buildProgram(): Command {
  const program = new Command('workbench')
    .description('research workbench for crypto-market AI: data, models, metrics, traces, rewards, GRPO launches')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDoctor(program);
  registerNotebook(program);
  registerReport(program);
  registerMidgard(program);
  registerMaya(program);
  registerChain(program);
  registerLlm(program);
  registerTraces(program);
  registerRewards(program);
  registerGrpo(program);
  registerMarket(program);
  registerRisk(program);
  registerDemo(program);
  registerBench(program);
  program.addHelpText('after', () => `\nAll commands:\n${listCommands(program).join('\n')}\n`);
  return program;
}

/** Every leaf command with its one-line description, so `workbench --help` shows the whole tool. */
function listCommands(cmd: Command, prefix = ''): string[] {
  const lines: string[] = [];
  for (const sub of cmd.commands) {
    if (sub.name() === 'help') continue;
    const path = `${prefix}${sub.name()}`;
    if (sub.commands.length) lines.push(...listCommands(sub, `${path} `));
    else lines.push(`  ${`${path} ${sub.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ')}`.trim().padEnd(32)} ${sub.description()}`);
  }
  return lines;
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
