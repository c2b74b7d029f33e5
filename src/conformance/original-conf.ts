// The user's own keepalived.conf in a conformance run: the notify FIFO the harness observes
// through is appended, and a `set-priority` fault edits the one `priority` line, so every other
// line is exactly what the user wrote.
import { parseKeepalivedConf } from '../keepalived/parse.js';

/** keepalived reads several global_defs blocks into one (global_parser.c), so one more suffices. */
export function originalConfText(text: string, fifo: string, realtime: boolean): string {
  return `${text}${text.endsWith('\n') ? '' : '\n'}global_defs {\n    vrrp_notify_fifo ${fifo}\n${realtime ? '    max_auto_priority\n' : ''}}\n`;
}

/** The text with the instance's priority set (its `priority` line edited, or one added). */
export function withPriority(text: string, instance: string, priority: number): string {
  const pos = parseKeepalivedConf(text, 'keepalived.conf').positions;
  const lines = text.split('\n');
  const at = pos.get(`instance:${instance}:priority`);
  if (at?.line !== undefined) {
    const i = at.line - 1;
    lines[i] = (lines[i] ?? '').replace(/(priority\s+)\S+/, `$1${priority}`);
    return lines.join('\n');
  }
  const head = pos.get(`instance:${instance}`);
  if (head?.line === undefined) throw new Error(`internal: no vrrp_instance ${instance} in the configuration`);
  // After the line that opens the block (the keyword's line, or the next one holding '{').
  let i = head.line - 1;
  while (i < lines.length && !(lines[i] ?? '').includes('{')) i++;
  lines.splice(i + 1, 0, `    priority ${priority}`);
  return lines.join('\n');
}
