/**
 * Parent side of the bench's child processes: forks an entry under Node with
 * --expose-gc (a .ts entry through tsx's loader, a compiled .js one as is), waits for its "ready" message, and sends it
 * requests over the IPC channel ({id, cmd, ...}) answered by {id, result} or
 * {id, error}. Children exit when the channel closes, so an interrupted run
 * leaves no process behind.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
/** tsx's loader as an absolute URL, so children start from any working directory. */
const TSX_LOADER = pathToFileURL(require.resolve("tsx")).href;

export interface ChildOptions {
  /** Extra Node flags (for example --cpu-prof). */
  node_flags?: string[];
  /** Arguments for the child's own parser. */
  args?: string[];
  /** How long the child may take to say it is ready. */
  ready_timeout_ms?: number;
}

interface Reply {
  id?: number;
  type?: string;
  result?: unknown;
  error?: string;
  [key: string]: unknown;
}

export class BenchChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** What the child sent with its "ready" message (a server sends its port). */
  ready_info: Record<string, unknown> = {};
  /** Lines the child wrote to stderr (a gdnet server prints its ERR_PRINT lines there). */
  readonly stderr_lines: string[] = [];
  stderr_line_count = 0;
  #next_id = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #ready: Promise<void>;
  #exited = false;
  /** Why the child is gone (with the end of its stderr), once it has exited. */
  #exit_error: Error | null = null;

  constructor(name: string, entry: string, options: ChildOptions = {}) {
    this.name = name;
    this.process = fork(entry, options.args ?? [], {
      execArgv: ["--expose-gc", ...(entry.endsWith(".ts") ? ["--import", TSX_LOADER] : []), ...(options.node_flags ?? [])],
      stdio: ["ignore", "inherit", "pipe", "ipc"],
      serialization: "json",
    });
    let partial = "";
    this.process.stderr?.setEncoding("utf8");
    this.process.stderr?.on("data", (text: string) => {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        this.stderr_line_count++;
        if (this.stderr_lines.length < 20) this.stderr_lines.push(line);
      }
    });
    this.#ready = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(
        () => reject(new Error(`${name}: not ready after ${options.ready_timeout_ms ?? 20000} ms`)),
        options.ready_timeout_ms ?? 20000,
      );
      this.process.on("message", (raw: unknown) => {
        const msg = raw as Reply;
        if (msg.type === "ready") {
          clearTimeout(timeout);
          this.ready_info = msg;
          resolve();
          return;
        }
        if (typeof msg.id !== "number") return;
        const waiter = this.#pending.get(msg.id);
        if (!waiter) return;
        this.#pending.delete(msg.id);
        if (msg.error !== undefined) waiter.reject(new Error(`${name}: ${msg.error}`));
        else waiter.resolve(msg.result);
      });
      this.process.on("exit", (code, signal) => {
        this.#exited = true;
        clearTimeout(timeout);
        const why = new Error(`${name} exited (code ${code}, signal ${signal})${this.#stderr_tail()}`);
        this.#exit_error = why;
        reject(why);
        for (const waiter of this.#pending.values()) waiter.reject(why);
        this.#pending.clear();
      });
    });
  }

  #stderr_tail(): string {
    return this.stderr_lines.length > 0 ? `:\n  ${this.stderr_lines.slice(-5).join("\n  ")}` : "";
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  get port(): number {
    return Number(this.ready_info.port ?? 0);
  }

  /** Sends a request and resolves with the child's result. */
  request<T>(cmd: string, args: Record<string, unknown> = {}, timeout_ms = 60000): Promise<T> {
    if (this.#exited) return Promise.reject(this.#exit_error ?? new Error(`${this.name} has exited`));
    const id = this.#next_id++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name}: "${cmd}" got no answer within ${timeout_ms} ms`));
      }, timeout_ms);
      this.#pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      // The channel may close between the check above and this send: fail the request, not the process.
      this.process.send({ id, cmd, ...args }, (error) => {
        if (!error) return;
        this.#pending.delete(id);
        clearTimeout(timer);
        reject(this.#exit_error ?? error);
      });
    });
  }

  /** Asks the child to exit (it writes its CPU profile then, if any); kills it if it does not. */
  async stop(timeout_ms = 5000): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    // If the channel is already gone, the kill below covers it.
    this.process.send({ id: 0, cmd: "exit" }, () => {});
    const timer = setTimeout(() => this.process.kill("SIGKILL"), timeout_ms);
    await exited;
    clearTimeout(timer);
  }
}
