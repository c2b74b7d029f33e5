// What lint reports: a problem, why it matters for failover, and how to fix it, at the line or
// flag that causes it.
import { escapeControls, type SourcePos } from '../cli/errors.js';

export interface Finding {
  readonly severity: 'error' | 'warning';
  /** Stable short name of the pitfall, e.g. `vrid-range`. */
  readonly code: string;
  /** What is wrong and what it does to failover. */
  readonly message: string;
  readonly fix: string;
  readonly pos?: SourcePos;
}

export function finding(severity: Finding['severity'], code: string, message: string, fix: string, pos: SourcePos | undefined): Finding {
  return pos === undefined ? { severity, code, message, fix } : { severity, code, message, fix, pos };
}

export function formatFinding(f: Finding): string {
  const p = f.pos;
  const where = p === undefined ? '' : p.line === undefined ? `${p.file}: ` : `${p.file}:${p.line}:${p.col ?? 1}: `;
  return escapeControls(`${where}${f.severity}: ${f.message} (fix: ${f.fix})`);
}

/** Files in order, then lines, so output reads top to bottom. */
export function sortFindings(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) =>
    (a.pos?.file ?? '').localeCompare(b.pos?.file ?? '') || (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
}
