// The JSON Lines `vrrplab run --format json` writes, as zod schemas: the renderer's output is
// typed by them, a test parses every line of every shipped scenario with them, and
// schema/report-lines.schema.json is generated from them (npm run schema). Times are seconds;
// every line names the scenario file it belongs to; the last line of a run is the summary.
import { z } from 'zod';

const Seconds = z.number().nonnegative().describe('Virtual time in seconds');
const Scenario = z.string().describe('The scenario file, as given on the command line');
const Where = z.string().describe('file:line:col');
const VrrpStateName = z.enum(['INIT', 'BACKUP', 'MASTER', 'FAULT', 'STOP']);

const line = <K extends string, T extends z.ZodRawShape>(type: K, shape: T, description: string) =>
  z.object({ type: z.literal(type), ...shape, scenario: Scenario }).strict().describe(description);

export const ScenarioLine = line('scenario', { name: z.string(), description: z.string().nullable(), seed: z.number().int(), duration: Seconds }, 'First line of each scenario: what runs');
export const StateLine = z
  .object({ t: Seconds, type: z.literal('state'), node: z.string(), instance: z.string(), from: VrrpStateName, to: VrrpStateName, priority: z.number().int(), reason: z.string().describe('Why, in keepalived\'s words (advert timeout, higher priority advert, ...)'), scenario: Scenario })
  .strict()
  .describe('A vrrp_instance changed state');
export const PriorityLine = line('priority', { t: Seconds, node: z.string(), instance: z.string(), from: z.number().int(), to: z.number().int() }, 'An instance\'s effective priority changed');
export const VipLine = line('vip', { t: Seconds, node: z.string(), instance: z.string(), vip: z.string(), action: z.enum(['add', 'remove']) }, 'A node added or removed a virtual address');
export const FaultLine = line(
  'fault',
  {
    t: Seconds,
    kind: z.string().describe('The timeline fault (crash, partition, ...)'),
    node: z.string().optional(),
    iface: z.string().optional(),
    service: z.string().optional(),
    port: z.number().int().optional(),
    instance: z.string().optional(),
    priority: z.number().int().optional(),
    segment: z.string().optional(),
    groups: z.array(z.array(z.string()).readonly()).readonly().optional(),
    from: z.array(z.string()).readonly().optional(),
    to: z.array(z.string()).readonly().optional(),
    rate: z.number().optional(),
    latency: Seconds.optional(),
    jitter: Seconds.optional(),
    text: z.string().describe('The fault as the text report shows it'),
  },
  'A timeline fault happened',
);
export const ProbeLine = line('probe', { t: Seconds, probe: z.string(), ok: z.boolean(), via: z.string().nullable(), reason: z.string(), sent: Seconds.describe('When the attempt that gave this result began') }, 'A probe\'s result changed');
export const AvailabilityLine = line(
  'availability',
  {
    probe: z.string(),
    target: z.string(),
    port: z.number().int(),
    ratio: z.number().min(0).max(1),
    from: Seconds,
    firstOk: Seconds.nullable().describe('The first success; null: never reached'),
    outages: z.array(z.object({ from: Seconds, to: Seconds }).strict()),
  },
  'A probe over the whole run (from 0s)',
);
export const WarningLine = line('warning', { severity: z.enum(['warning', 'error']), message: z.string(), where: Where.nullable() }, 'Something the loader adjusted, dropped or does not simulate');
export const ExpectLine = line('expect', { kind: z.string(), label: z.string(), ok: z.boolean(), detail: z.string(), where: Where }, 'One expectation\'s verdict');
export const ResultLine = line('result', { ok: z.boolean(), passed: z.number().int(), failed: z.number().int() }, 'Last line of each scenario: its verdict counts');
export const ErrorLine = line('error', { message: z.string(), where: Where }, 'A scenario that could not be run (bad input): the others still run');
export const SummaryLine = z
  .object({
    type: z.literal('summary'),
    scenarios: z.number().int(),
    passed: z.number().int().describe('Scenarios whose expectations all hold'),
    failed: z.number().int(),
    errors: z.number().int().describe('Scenarios that could not be run'),
    exit: z.number().int().describe('The exit code: 0 all hold, 1 one fails, 2 bad input'),
  })
  .strict()
  .describe('The last line of the output');

export const ReportLine = z.discriminatedUnion('type', [
  ScenarioLine, StateLine, PriorityLine, VipLine, FaultLine, ProbeLine, AvailabilityLine, WarningLine, ExpectLine, ResultLine, ErrorLine, SummaryLine,
]);
export type ReportLine = z.infer<typeof ReportLine>;

export function reportLinesJsonSchema(): object {
  const s = z.toJSONSchema(ReportLine, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...s,
    $id: 'https://vrrplab.dev/schema/report-lines.schema.json',
    title: 'vrrplab run --format json line',
    description: 'One line of `vrrplab run --format json` (JSON Lines): each line is one of these objects.',
  };
}

export function reportLinesJsonSchemaText(): string {
  return `${JSON.stringify(reportLinesJsonSchema(), null, 2)}\n`;
}
