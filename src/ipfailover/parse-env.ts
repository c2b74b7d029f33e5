// OPENSHIFT_HA_* environment back into a spec. A variable that is missing or empty gets the
// image's default, not the CLI's: an env file or hand-written Deployment is run by the image
// as it stands (e.g. no OPENSHIFT_HA_VRRP_ID_OFFSET means offset 10 on current images).
import { InputError, type SourcePos } from '../cli/errors.js';
import { ENV_VARS, IGNORED_ENV } from './env.js';
import { validated } from './parse-cli.js';
import type { ParsedIpfailover, SpecPositions } from './spec.js';

export interface EnvEntry {
  readonly key: string;
  readonly value: string;
  readonly pos: SourcePos;
}

export interface EnvSpecOptions {
  /** Spec fields the container's surroundings already decide (Deployment replicas, selector, ...). */
  readonly fields?: Record<string, unknown>;
  readonly positions?: SpecPositions;
}

/** Resolve entries (last one wins, as in a pod spec) into a spec. */
export function envToSpec(entries: readonly EnvEntry[], file: string, opts: EnvSpecOptions = {}): ParsedIpfailover {
  const fields: Record<string, unknown> = { ...(opts.fields ?? {}) };
  const positions: SpecPositions = { ...(opts.positions ?? {}) };
  const byKey = new Map<string, EnvEntry>();
  for (const e of entries) {
    const known = ENV_VARS.some((d) => d.env === e.key) || IGNORED_ENV.includes(e.key);
    if (!known && e.key.startsWith('OPENSHIFT_HA_')) {
      throw new InputError(`unknown variable ${e.key}; expected one of ${ENV_VARS.map((d) => d.env).filter((k) => k.startsWith('OPENSHIFT_HA_')).join(', ')}`, e.pos);
    }
    byKey.set(e.key, e);
  }
  for (const def of ENV_VARS) {
    const e = byKey.get(def.env);
    const raw = e?.value ?? '';
    if (e !== undefined) positions[def.field] = e.pos;
    if (raw === '') {
      if (def.imageDefault !== undefined) fields[def.field] = def.imageDefault;
      continue;
    }
    if (def.kind === 'port') {
      // Accept what the image accepts; lint says what it turns into.
      if (/^[+-]?[0-9]+$/.test(raw) && String(Number(raw)) === raw.replace(/^\+/, '')) fields[def.field] = Number(raw);
      else {
        fields[def.field] = Number(raw.replace(/[^0-9]/g, '') || '80');
        fields['watchPortRaw'] = raw;
        if (e !== undefined) positions.watchPortRaw = e.pos;
      }
    } else if (def.kind === 'int') {
      if (!/^[+-]?[0-9]+$/.test(raw)) throw new InputError(`${def.env}=${raw}: expected a whole number`, e?.pos ?? { file });
      fields[def.field] = Number(raw);
    } else if (def.kind === 'ids') {
      const ids = raw.trim().split(/\s+/);
      const bad = ids.find((t) => !/^[0-9]+$/.test(t));
      if (bad !== undefined) throw new InputError(`${def.env}: '${bad}' is not a VRRP id; expected space-separated numbers such as "1 2 3"`, e?.pos ?? { file });
      fields[def.field] = ids.map(Number);
    } else if (def.kind === 'words') {
      fields[def.field] = raw.trim().split(/\s+/);
    } else fields[def.field] = raw;
  }
  return { spec: validated(fields, positions, file), positions, source: file, kind: 'env' };
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.startsWith('"') ? v.slice(1, -1).replace(/\\(["\\$`])/g, '$1') : v.slice(1, -1);
  }
  return v;
}

/** Lines `KEY=VALUE` (optionally `export KEY=VALUE`, quoted values, `#` comments). */
export function parseEnvLines(text: string, file: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const m = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m === null) {
      throw new InputError(`expected KEY=VALUE (an OPENSHIFT_HA_* variable), found '${line.trim()}'`, { file, line: i + 1, col: 1 });
    }
    const col = (m[1] ?? '').length + (m[2] ?? '').length + (m[3] ?? '').length + 2;
    out.push({ key: m[3] ?? '', value: unquote(m[4] ?? ''), pos: { file, line: i + 1, col } });
  });
  return out;
}

export function parseIpfailoverEnv(text: string, file: string): ParsedIpfailover {
  return envToSpec(parseEnvLines(text, file), file);
}
