/**
 * Free TCP ports, chosen by the kernel.
 *
 * @module
 */
import { createServer, type Server } from 'node:net';

/**
 * Returns `count` distinct TCP ports that are free on `host` right now: binds that many listeners to
 * port 0 at the same time, reads their ports and closes them all.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listen(server, host));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done()))));
  }
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('could not read the port of a listening socket'));
    });
  });
}
