// Finds a free TCP port on 127.0.0.1, for run.mjs (tauri-driver's ports) and
// for specs that start local servers of their own.

import { once } from "node:events";
import net from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}
