import { Command, CommanderError } from 'commander';
import { printError } from './output';

type Register = (program: Command) => void;

/**
 * Every command group, loaded only when used: `workbench traces …` compiles and loads the traces
 * stage alone, not DuckDB, TensorFlow.js or the openai SDK for every command (a CLI start is
 * paid by every test that spawns one). `--help` and unknown commands load them all.
 */
// require, not import(): tsx and tslab load src/ as CommonJS, and import() would go through the ESM loader.
const GROUPS: { names: readonly string[]; load: () => Register }[] = [
  { names: ['doctor'], load: () => (require('./doctor') as typeof import('./doctor')).registerDoctor },
  { names: ['notebook'], load: () => (require('./notebook') as typeof import('./notebook')).registerNotebook },
  { names: ['report'], load: () => (require('./report') as typeof import('./report')).registerReport },
  { names: ['midgard'], load: () => (require('./midgard') as typeof import('./midgard')).registerMidgard },
  { names: ['maya'], load: () => (require('./maya') as typeof import('./maya')).registerMaya },
  { names: ['chain', 'flipside'], load: () => (require('./chain') as typeof import('./chain')).registerChain },
  { names: ['llm'], load: () => (require('./llm') as typeof import('./llm')).registerLlm },
  { names: ['traces'], load: () => (require('./traces') as typeof import('./traces')).registerTraces },
  { names: ['rewards'], load: () => (require('./rewards') as typeof import('./rewards')).registerRewards },
  { names: ['grpo', 'ray'], load: () => (require('./grpo') as typeof import('./grpo')).registerGrpo },
  { names: ['market'], load: () => (require('./market') as typeof import('./market')).registerMarket },
  { names: ['risk'], load: () => (require('./risk') as typeof import('./risk')).registerRisk },
  { names: ['sentiment'], load: () => (require('./sentiment') as typeof import('./sentiment')).registerSentiment },
  {
    names: ['registry', 'drift', 'compare'],
    load: () => (require('./registry') as typeof import('./registry')).registerRegistry,
  },
  { names: ['arb'], load: () => (require('./arb') as typeof import('./arb')).registerArb },
  { names: ['protocol'], load: () => (require('./protocol') as typeof import('./protocol')).registerProtocol },
  { names: ['dashboard'], load: () => (require('./dashboard') as typeof import('./dashboard')).registerDashboard },
  { names: ['demo'], load: () => (require('./demo') as typeof import('./demo')).registerDemo },
  { names: ['bench'], load: () => (require('./bench') as typeof import('./bench')).registerBench },
];

/** The program with the group named in argv (or every group, for help and unknown commands). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('workbench')
    .description('research workbench for crypto-market AI: data, models, metrics, traces, rewards, GRPO launches')
    .showHelpAfterError("fix: see the command's --help for its options and accepted values")
    .exitOverride();
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = GROUPS.filter((g) => first !== undefined && g.names.includes(first));
  for (const g of wanted.length ? wanted : GROUPS) g.load()(program);
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
    else
      lines.push(
        `  ${`${path} ${sub.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ')}`.trim().padEnd(32)} ${sub.description()}`,
      );
  }
  return lines;
}

/** Entry point for bin/workbench.js; returns the exit code instead of exiting (testable). */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // help/version print and exit 0
    printError(e);
    return 1;
  }
}
