// keepalived.conf -> KeepalivedConfig. The model keeps what the file says (ranges included);
// keepalived's post-parse adjustments are buildRouterConfig's job. What the parser reports
// itself are the things that happen while reading: numbers keepalived cannot read, unquoted
// script arguments, notify user words, repeated notify keywords, keywords outside the modelled
// subset (kept verbatim). The block readers live in parse-instance.ts and parse-blocks.ts.
import type { SourcePos } from '../cli/errors.js';
import type {
  GlobalDefsModel, KeepalivedConfig, UnknownEntry, VrrpInstanceModel, VrrpScriptModel, VrrpSyncGroupModel, Warning,
} from '../model/types.js';
import type { SourceMap } from '../model/build-context.js';
import { buildTree } from './lex.js';
import { readConfLines, type Glob, type ReadFile } from './read.js';
import { keepVerbatim, keyword, named, requireBlock, type Ctx } from './parse-common.js';
import { parseInstance } from './parse-instance.js';
import { parseGlobalDefs, parseScript, parseSyncGroup } from './parse-blocks.js';

export type { SourceMap };

export interface ParseResult {
  readonly config: KeepalivedConfig;
  readonly warnings: Warning[];
  readonly positions: SourceMap;
}

export function parseKeepalivedConf(text: string, file: string, readFile?: ReadFile, glob?: Glob): ParseResult {
  const warnings: Warning[] = [];
  const { lines, eofPos } = readConfLines(text, file, warnings, readFile, glob);
  const tree = buildTree(lines, eofPos);
  const ctx: Ctx = { warnings, positions: new Map(), reported: new Set() };
  let globalDefs: GlobalDefsModel = {};
  const scripts: VrrpScriptModel[] = [];
  const instances: VrrpInstanceModel[] = [];
  const syncGroups: VrrpSyncGroupModel[] = [];
  const unknown: UnknownEntry[] = [];
  for (const e of tree) {
    const kw = keyword(e);
    switch (kw.text) {
      case 'global_defs':
        globalDefs = parseGlobalDefs(requireBlock(e), globalDefs, ctx);
        break;
      case 'vrrp_script': {
        const name = named(e, scripts.map((s) => s.name), 'vrrp_script');
        ctx.positions.set(`script:${name}`, kw.pos);
        scripts.push(parseScript(name, requireBlock(e), ctx));
        break;
      }
      case 'vrrp_instance': {
        const name = named(e, instances.map((s) => s.name), 'vrrp_instance');
        ctx.positions.set(`instance:${name}`, kw.pos);
        instances.push(dropUndefinedScripts(parseInstance(name, requireBlock(e), ctx), scripts, ctx));
        break;
      }
      case 'vrrp_sync_group': {
        const name = named(e, syncGroups.map((s) => s.name), 'vrrp_sync_group');
        ctx.positions.set(`syncGroup:${name}`, kw.pos);
        syncGroups.push(parseSyncGroup(name, requireBlock(e), ctx));
        break;
      }
      default:
        unknown.push(keepVerbatim(e, ctx, 'configuration'));
    }
  }
  return { config: { globalDefs, scripts, instances, syncGroups, unknown }, warnings, positions: ctx.positions };
}

/** keepalived 2.2.7 resolves track_script names while parsing: a script defined later is not found. */
function dropUndefinedScripts(inst: VrrpInstanceModel, scripts: readonly VrrpScriptModel[], ctx: Ctx): VrrpInstanceModel {
  if (inst.trackScript === undefined) return inst;
  const known = new Set(scripts.map((s) => s.name));
  const kept = inst.trackScript.filter((t) => {
    if (known.has(t.name)) return true;
    ctx.warnings.push({
      severity: 'warning',
      message: `(${inst.name}) track script ${t.name} not found, ignoring...`,
      ...(ctx.positions.has(`instance:${inst.name}:trackScript`) ? { pos: ctx.positions.get(`instance:${inst.name}:trackScript`) as SourcePos } : {}),
    });
    return false;
  });
  return { ...inst, trackScript: kept };
}

