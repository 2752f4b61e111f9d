/**
 * The chat page's script. It imports gdnet's browser build (the server
 * serves it as /gdnet.js; this import becomes `import ... from "/gdnet.js"`
 * when the server bundles the page) and runs the same ChatClient as the
 * terminal client, driven by a small loop: poll, then sleep in wait_for_io()
 * until the socket has news (or 250 ms pass, for the reconnect timer).
 */
import { WebSocketPeer, wait_for_io } from "../../../src/index.browser.js";
import { ChatClient, type ChatStatus } from "../chat_client_core.js";
import type { ServerMessage } from "../chat_protocol.js";

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const messages = element<HTMLUListElement>("messages");
const people = element<HTMLUListElement>("people");
const status = element<HTMLSpanElement>("status");
const join_form = element<HTMLFormElement>("join-form");
const say_form = element<HTMLFormElement>("say-form");
const name_input = element<HTMLInputElement>("name");
const text_input = element<HTMLInputElement>("text");
const send_button = element<HTMLButtonElement>("send");

function add_line(kind: "message" | "system" | "error", text: string, from?: string): void {
  const li = document.createElement("li");
  li.className = kind;
  if (from !== undefined) {
    const who = document.createElement("b");
    who.textContent = from;
    li.append(who, `: ${text}`);
  } else {
    li.textContent = text;
  }
  const at_bottom = messages.scrollTop + messages.clientHeight >= messages.scrollHeight - 4;
  messages.append(li);
  if (at_bottom) messages.scrollTop = messages.scrollHeight;
}

let joined_before = false;

function on_event(message: ServerMessage): void {
  switch (message.type) {
    case "welcome":
      add_line("system", joined_before ? `Back online as ${message.name}.` : `You joined as ${message.name}.`);
      joined_before = true;
      break;
    case "message":
      add_line("message", message.text, message.from);
      break;
    case "system":
      add_line("system", message.text);
      break;
    case "error":
      add_line("error", message.text);
      break;
    case "presence":
      people.replaceChildren(
        ...message.names.map((name) => {
          const li = document.createElement("li");
          li.textContent = name;
          return li;
        }),
      );
      break;
  }
}

let was_online = false;

function on_status(state: ChatStatus, detail: string): void {
  status.dataset.state = state;
  status.textContent = `${state}${detail ? ` — ${detail}` : ""}`;
  send_button.disabled = state !== "online";
  if (state !== "online" && was_online) {
    people.replaceChildren();
    add_line("system", `Disconnected: ${detail}`);
  }
  if (state === "online" || state === "offline" || state === "closed") was_online = state === "online";
}

async function run(client: ChatClient): Promise<void> {
  while (client.status !== "closed") {
    client.poll();
    await wait_for_io(250);
  }
}

join_form.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = name_input.value.trim();
  if (name === "") return;
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const client = new ChatClient(WebSocketPeer, `${scheme}://${location.host}/chat`, name, { on_event, on_status });
  join_form.classList.add("hidden");
  say_form.classList.remove("hidden");
  text_input.focus();
  say_form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = text_input.value.trim();
    if (text === "" || client.status !== "online") return;
    client.say(text);
    text_input.value = "";
  });
  window.addEventListener("pagehide", () => client.quit());
  if (client.start()) void run(client);
});
