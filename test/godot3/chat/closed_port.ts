/** A loopback port nothing listens on: bound to learn a free one, then released. */
import { createServer, type AddressInfo } from "node:net";

export async function closed_port(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
