// The CLI as a function: main(argv, io) -> exit code, so tests drive it in-process.
// Each command lives in its own file and registers itself here; a command's action returns
// its exit code and may throw InputError for bad input.
import { Command, CommanderError } from 'commander';
import { InputError, formatInputError, EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import type { Io } from './io.js';

export type CommandModule = (program: Command, io: Io, setExit: (code: number) => void) => void;

const commandModules: Array<() => Promise<{ register: CommandModule }>> = [
  // One line per command file; keep sorted.
  () => import('./check-config.js'),
  () => import('./conformance.js'),
  () => import('./explore.js'),
  () => import('./import.js'),
  () => import('./lint.js'),
  () => import('./monitor.js'),
  () => import('./packet.js'),
  () => import('./render.js'),
  () => import('./run.js'),
  () => import('./speak.js'),
];

function newProgram(io: Io): Command {
  return new Command('vrrplab')
    .description('Failover simulator and test harness for keepalived/VRRP deployments')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`vrrplab: ${s.trim().replace(/^error: /, '')}\n`),
    })
    .showHelpAfterError(false);
}

/** The command file a loader imports, read from its own text: `() => import('./run.js')` -> run. */
function fileOf(load: () => unknown): string | undefined {
  return /import\(\s*['"]\.\/([\w-]+)\.js['"]\s*\)/.exec(load.toString())?.[1];
}

/**
 * Cold start: importing every command file pulls in everything (raw sockets, netns, the
 * conformance harness) while one invocation runs one command. So when the first argument names
 * a command file that registers that command, only that file is imported; anything else
 * (help, a typo, a command living in another file) registers them all, as before.
 */
async function programFor(argv: readonly string[], io: Io, setExit: (code: number) => void): Promise<Command> {
  const wanted = argv[0];
  const load = wanted === undefined ? undefined : commandModules.find((l) => fileOf(l) === wanted);
  if (load !== undefined) {
    const one = newProgram(io);
    (await load()).register(one, io, setExit);
    if (one.commands.some((c) => c.name() === wanted)) return one;
  }
  const program = newProgram(io);
  for (const l of commandModules) (await l()).register(program, io, setExit);
  return program;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = EXIT_OK;
  const setExit = (code: number): void => { exitCode = Math.max(exitCode, code); };
  const program = await programFor(argv, io, setExit);
  try {
    await program.parseAsync(['node', 'vrrplab', ...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version land here with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (e instanceof InputError) {
      io.err(`vrrplab: ${formatInputError(e)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  return exitCode;
}
