// The namespaces refuse what the simulator accepts (addresses outside the test ranges, names the
// kernel rejects). Checked against the scenario's text before anything is created, so the
// complaint points at the line that says it instead of at the topology built from it.
import { parseDocument, LineCounter } from 'yaml';
import { InputError } from '../cli/errors.js';
import { validateTopology, type TopologyInterface } from '../netns/topology.js';
import type { SimSpec } from '../../sim/spec.js';
import { posOf, type YamlPath, type YamlSource } from '../../sim/scenario/positions.js';

export function assertTopologyAt(spec: SimSpec, text: string, file: string): void {
  const lc = new LineCounter();
  const src: YamlSource = { file, doc: parseDocument(text, { lineCounter: lc }), lc, text };
  const segments = spec.segments.map((s) => s.name);
  // The loader keeps the scenario's node order, so spec node i is `nodes[i]` in the text.
  spec.nodes.forEach((n, i) => n.interfaces.forEach((itf, j) => {
    const listed = src.doc.hasIn(['nodes', i, 'interfaces']);
    const base: YamlPath = listed ? ['nodes', i, 'interfaces', j] : ['nodes', i];
    const check = (one: TopologyInterface, path: YamlPath): void => {
      try {
        validateTopology({ segments, nodes: [{ name: n.name, interfaces: [one] }] });
      } catch (e) {
        if (e instanceof InputError) throw new InputError(e.message, posOf(src, path));
        throw e;
      }
    };
    // The name first, alone: an address complaint then points at the address.
    const bare = { name: itf.name, segment: itf.segment, prefix: itf.prefix };
    check(bare, [...base, listed ? 'name' : 'interface']);
    check({ ...bare, ...(itf.address === undefined ? {} : { address: itf.address }) }, [...base, 'address']);
    if (itf.address6 !== undefined) check({ ...bare, address6: itf.address6 }, [...base, 'address6']);
    if (itf.linkLocal !== undefined) check({ ...bare, linkLocal: itf.linkLocal }, [...base, 'linkLocal']);
  }));
}
