/**
 * One replaceable sink for everything gdnet prints: print(), printerr(),
 * push_error(), push_warning() and the ERR_FAIL helpers. Tests capture it;
 * an application can route it to its own logger. No Node built-ins here:
 * the default sink uses `console`, so the same code runs in browsers.
 */

export type OutputKind = "print" | "printerr" | "error" | "warning";

export interface OutputRecord {
  readonly kind: OutputKind;
  /** The line as the engine would print it, e.g. `ERROR: Invalid URL scheme.` */
  readonly text: string;
}

export type OutputSink = (record: OutputRecord) => void;

const default_sink: OutputSink = (record) => {
  if (record.kind === "print") {
    console.log(record.text);
  } else {
    console.error(record.text);
  }
};

let current_sink: OutputSink = default_sink;

/** Replaces the sink; returns the previous one so it can be restored. */
export function set_output_sink(sink: OutputSink | null): OutputSink {
  const previous = current_sink;
  current_sink = sink ?? default_sink;
  return previous;
}

export function get_output_sink(): OutputSink {
  return current_sink;
}

/** Sends one record to the sink. A sink that throws must not break the caller (poll() never throws). */
export function emit_output(kind: OutputKind, text: string): void {
  try {
    current_sink({ kind, text });
  } catch {
    // The sink is the application's; its failure is not gdnet's to propagate.
  }
}

export interface OutputCapture {
  readonly records: OutputRecord[];
  /** Texts of the records of one kind, or of all kinds. */
  lines(kind?: OutputKind): string[];
  /** Puts the previous sink back. */
  restore(): void;
}

/** Captures everything printed until restore() (for tests, and for tools that collect errors). */
export function capture_output(): OutputCapture {
  const records: OutputRecord[] = [];
  const previous = set_output_sink((record) => {
    records.push(record);
  });
  return {
    records,
    lines: (kind) => records.filter((r) => kind === undefined || r.kind === kind).map((r) => r.text),
    restore: () => {
      set_output_sink(previous);
    },
  };
}
