// Where the engine records what happened. A plain array by default: the whole trace stays in
// memory and a SimResult hands it over. With a sink the log streams: events go out in chunks as
// the run makes them, so a run of 100 virtual days with adverts traced keeps only a chunk, not
// every advert. The engine and the fast-forward see the same three operations either way, with
// indices counted from the start of the run.
import type { TraceEvent } from './trace.js';

/** What the engine needs of its trace; a TraceEvent[] is one. */
export interface TraceLog {
  push(e: TraceEvent): number;
  readonly length: number;
  /** Indices from the start of the run; a streaming log has only what it has not yet sent. */
  slice(start?: number, end?: number): TraceEvent[];
  /** A streaming log only: sends every event before `keepFrom()`; `all`: every event (the run is over, nothing repeats them). */
  readonly flush?: (all?: boolean) => void;
}

/** Receives the trace in order, each event once, in chunks. */
export type TraceSink = (events: readonly TraceEvent[]) => void;

/** Events held before the log tries to send some: small enough for any run, large enough that sending is cheap. */
const CHUNK = 4096;

/**
 * `keepFrom()`: the first index someone may still slice (the fast-forward's pending
 * checkpoint, whose period's lines it repeats); everything before it may go.
 */
export function streamingTraceLog(sink: TraceSink, keepFrom: () => number): TraceLog {
  let held: TraceEvent[] = [];
  let sent = 0;
  const flush = (all = false): void => {
    const n = all ? held.length : Math.min(held.length, Math.max(0, keepFrom() - sent));
    if (n === 0) return;
    const out = n === held.length ? held : held.slice(0, n);
    held = n === held.length ? [] : held.slice(n);
    sent += n;
    sink(out);
  };
  return {
    push: (e) => {
      held.push(e);
      if (held.length >= CHUNK) flush();
      return sent + held.length;
    },
    get length() { return sent + held.length; },
    slice: (start = sent, end = sent + held.length) => {
      if (start < sent) throw new Error(`trace index ${start} was already streamed (from ${sent} on is held)`);
      return held.slice(start - sent, end - sent);
    },
    flush,
  };
}
