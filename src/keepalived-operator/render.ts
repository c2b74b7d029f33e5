// keepalived.conf as keepalived-operator's ConfigMap carries it (config/templates/
// keepalived-template.yaml, data."keepalived.conf"), byte for byte. The template is Go text in a
// YAML literal block, so the text is built as the template expands (indentation and the
// whitespace its trimmed actions leave included) and then read as YAML reads the block.
// Spread services put `@POD`/`@^POD` lines in: keepalived keeps them only when started with
// --config-id=POD (resolveConfigId applies that per node).
import { parse } from 'yaml';
import { instanceKeys, serviceKey, sortedInputs, type KaGroup, type KaPod, type KaService } from './model.js';

function vridOf(g: KaGroup, key: string): string {
  // `index` of a missing map key prints the int zero value.
  return String(g.routerIds.get(key) ?? 0);
}

/** The tail every instance shares: unicast peers, auth, track_script, verbatim options. */
function instanceTail(g: KaGroup, s: KaService, pods: readonly KaPod[], authPass: string): string {
  let t = '';
  if (g.unicast) t += `\n          unicast_peer {\n            ${pods.filter((p) => p.hostIp !== '').map((p) => `\n            ${p.hostIp}`).join('')}\n          }`;
  if (authPass !== '') t += `\n          authentication {\n            auth_type PASS\n            auth_pass ${authPass}\n          }`;
  if (s.local) t += `\n          track_script {\n            ${serviceKey(s)}\n          }`;
  t += '\n\n          ';
  for (const [k, v] of s.verbatim) t += `\n          ${k} ${v}\n          `;
  return `${t}\n      }`;
}

function rawText(g: KaGroup, servicesIn: readonly KaService[], podsIn: readonly KaPod[], authPass: string): string {
  const { services, pods } = sortedInputs(servicesIn, podsIn);
  let t = `      global_defs {\n          router_id ${g.name}\n`;
  for (const [k, v] of [...g.verbatim].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) t += `\n          ${k} ${v}\n`;
  t += '                    \n      }';
  for (const s of services) {
    if (!s.local) continue;
    t += `\n      vrrp_script ${serviceKey(s)} {\n        script "/usr/bin/curl --fail --max-time 1 http://127.0.0.1:${s.healthCheckNodePort}/health"\n        timeout 10\n        rise 3\n        fall 3\n      }`;
  }
  t += '\n\n   \n    \n   \n  ';
  for (const s of services) {
    t += '\n      ';
    if (s.spread && pods.length > 0) {
      s.ips.forEach((ip, i) => {
        const key = instanceKeys(s, pods.length)[i] ?? '';
        const owner = pods[i % pods.length]?.name ?? '';
        t += `\n      vrrp_instance ${key} {\n          @${owner} state MASTER\n          @^${owner} state BACKUP\n          @${owner} priority 200\n          @^${owner} priority 100\n` +
          `          interface ${g.interface}\n          \n          virtual_router_id ${vridOf(g, key)}  \n          \n          virtual_ipaddress {\n            ${ip}\n          }`;
        t += instanceTail(g, s, pods, authPass);
      });
    } else {
      t += `\n      vrrp_instance ${serviceKey(s)} {\n          interface ${g.interface}\n          \n          virtual_router_id ${vridOf(g, serviceKey(s))}  \n          \n          virtual_ipaddress {\n            `;
      for (const ip of s.ips) t += `\n            ${ip}\n            `;
      t += '\n          }';
      t += instanceTail(g, s, pods, authPass);
    }
    t += '\n  ';
  }
  return `${t}\n\n`;
}

export function renderKeepalivedOperatorConf(g: KaGroup, services: readonly KaService[], pods: readonly KaPod[], authPass = ''): string {
  const doc = parse(`c: |\n${rawText(g, services, pods, authPass)}`) as { c: string };
  return doc.c;
}

/** keepalived's --config-id: `@ID line` kept only on ID, `@^ID line` everywhere else. */
export function resolveConfigId(text: string, id: string): string {
  return text.split('\n').flatMap((line) => {
    const m = /^(\s*)@(\^?)(\S+)\s(.*)$/.exec(line);
    if (m === null) return [line];
    const [, indent = '', not = '', who = '', rest = ''] = m;
    return (not === '') === (who === id) ? [`${indent}${rest}`] : [];
  }).join('\n');
}
