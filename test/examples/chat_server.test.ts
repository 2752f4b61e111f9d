/**
 * The chat demo without a browser: the server's HTTP routes on its one port,
 * and terminal clients (examples/chat_client.ts, spawned with tsx) talking
 * through the room, leaving at end of input, refused names and unreachable
 * servers. The browser side is test/browser/chat_demo.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { OK, TCPServer } from "../../src/index.js";
import { ChatServer } from "../../examples/chat/chat_room.js";
import { until } from "../modules/websocket/ws_harness.js";
import { TerminalClient, end_chat_clients } from "./chat_terminal_client.js";


/** Sends raw bytes and returns everything the server answers until it closes. */
function raw_request(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.setEncoding("latin1");
    socket.on("data", (s: string) => (data += s));
    socket.on("error", reject);
    socket.on("close", () => resolve(data));
    socket.write(request, "latin1");
  });
}

describe("chat demo server and terminal client", () => {
  const server = new ChatServer({ log: () => {} });
  let port = 0;

  beforeAll(async () => {
    port = await server.start(0);
  }, 60_000);
  afterEach(() => {
    end_chat_clients();
  });
  afterAll(async () => {
    await server.stop();
  }, 30_000);

  it("serves the page, the browser bundle and the page script on the chat's port, and refuses the rest", async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('<script type="module" src="/chat_page.js"></script>');
    const bundle = await fetch(`http://127.0.0.1:${port}/gdnet.js`);
    expect(bundle.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await bundle.text()).toMatch(/^export \{[^}]*\bWebSocketPeer\b/m);
    const script = await (await fetch(`http://127.0.0.1:${port}/chat_page.js`)).text();
    expect(script).toContain('from "/gdnet.js"');
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "x" })).status).toBe(405);

    const head = await raw_request(port, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Length: \d+\r\n[\s\S]*\r\n\r\n$/);
    expect(await raw_request(port, "nonsense\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    const upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    expect(await raw_request(port, `GET /elsewhere HTTP/1.1\r\nHost: x\r\n${upgrade}`)).toMatch(/^HTTP\/1\.1 404 Not Found/);
    expect(await raw_request(port, `GET ${"/a".repeat(5000)} HTTP/1.1\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
  });

  it("relays lines and presence between terminal clients, and each leaves cleanly at end of input", async () => {
    const url = `ws://127.0.0.1:${port}/chat`;
    const ann = new TerminalClient(url, "Ann");
    let ben: TerminalClient | null = null;
    try {
      await ann.wait_for_line("* joined as Ann");
      ben = new TerminalClient(url, "Ann"); // the same name: the server makes it unique
      await ben.wait_for_line("* joined as Ann (2)");
      await ann.wait_for_line("* online: Ann, Ann (2)");
      ann.proc.stdin.write("hello ✓\n\n   \nsecond line\n");
      await ben.wait_for_line("Ann: hello ✓");
      await ben.wait_for_line("Ann: second line");
      ben.proc.stdin.end("bye from ben\n");
      expect(await ben.exited).toBe(0);
      await ann.wait_for_line("Ann (2): bye from ben");
      await ann.wait_for_line("* Ann (2) left");
      await ann.wait_for_line("* online: Ann");
      ann.proc.stdin.end();
      expect(await ann.exited).toBe(0);
      // Blank lines were not sent, nothing was refused, nothing went to stderr.
      expect(ben.lines.filter((l) => l.startsWith("Ann:"))).toEqual(["Ann: hello ✓", "Ann: second line"]);
      expect([...ann.lines, ...ben.lines].some((l) => l.startsWith("!"))).toBe(false);
      expect(ann.err + ben.err).toBe("");
      await until(() => server.names.length === 0, "everyone gone");
    } finally {
      for (const c of [ann, ben]) if (c && c.proc.exitCode === null) c.proc.kill();
    }
  }, 90_000);

  it("exits with 1 when the server refuses the name or cannot be reached", async () => {
    const refused = new TerminalClient(`ws://127.0.0.1:${port}/chat`, "   ");
    expect(await refused.exited).toBe(1);
    expect(refused.lines).toContain("! the name is empty");
    expect(refused.err).toMatch(/refused: the name is empty/);

    const probe = new TCPServer();
    expect(probe.listen(0, "127.0.0.1")).toBe(OK);
    await until(() => probe.get_local_port() > 0, "a free port");
    const dead = probe.get_local_port();
    probe.stop();
    const lost = new TerminalClient(`ws://127.0.0.1:${dead}/chat`, "Nobody");
    expect(await lost.exited).toBe(1);
    expect(lost.err).toMatch(/could not connect to ws:\/\/127\.0\.0\.1:\d+\/chat/);
  }, 90_000);
});
