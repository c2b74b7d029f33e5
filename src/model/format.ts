// Findings as compilers print them, so editors and grep can jump to the line.
import type { Warning } from './types.js';
import { escapeControls } from '../cli/errors.js';

export function formatWarning(w: Warning): string {
  const p = w.pos;
  const where = p === undefined ? '' : p.line === undefined ? `${p.file}: ` : `${p.file}:${p.line}:${p.col ?? 1}: `;
  return escapeControls(`${where}${w.severity}: ${w.message}`);
}
