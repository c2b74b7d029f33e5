// The CLI as a function: main(argv, io) -> exit code, so tests drive it in-process.
// Each command lives in its own file and registers itself; dispatch.ts wires them to commander.
import type { Command } from 'commander';
import type { Io } from './io.js';
import { mainWith, programFor, type CommandTable } from './dispatch.js';

export type { CommandModule } from './dispatch.js';

/** Command name -> the file that registers it; one entry per command, keep sorted. */
const commandModules: CommandTable = {
  availability: () => import('./availability.js'),
  'check-config': () => import('./check-config.js'),
  conformance: () => import('./conformance.js'),
  explore: () => import('./explore.js'),
  import: () => import('./import.js'),
  lint: () => import('./lint.js'),
  monitor: () => import('./monitor.js'),
  packet: () => import('./packet.js'),
  render: () => import('./render.js'),
  run: () => import('./run.js'),
  speak: () => import('./speak.js'),
};

/** Every command registered, for generated documentation. */
export async function fullProgram(io: Io): Promise<Command> {
  return programFor(commandModules, [], io, () => undefined);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  return mainWith(commandModules, argv, io);
}
