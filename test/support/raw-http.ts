import net from 'node:net';

/** An answer read off the socket as it came: status, header block and body (chunked bodies left as sent). */
export interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/**
 * Writes a request to 127.0.0.1:port byte for byte (inject() has no HTTP parser and normalises
 * what it sends), optionally in later parts 30 ms apart, as a large header section arrives on a
 * real network; reads until the server closes the connection.
 */
export function rawRequest(port: number, request: Buffer | string, later: readonly (Buffer | string)[] = []): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    // A server that refuses mid-request may reset the connection after its answer.
    socket.on('error', (err: NodeJS.ErrnoException) => { if (err.code !== 'ECONNRESET') reject(err); });
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const split = all.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(all)?.[1] ?? 0), headers: all.slice(0, split), body: all.slice(split + 4) });
    });
    socket.write(request);
    void (async () => {
      for (const part of later) {
        await new Promise((r) => setTimeout(r, 30));
        if (!socket.destroyed) socket.write(part);
      }
    })();
  });
}
