/**
 * A tiny TCP round-robin in front of the public processes, so the public tier answers on one
 * address: each new connection goes to the next upstream (a keep-alive connection stays with
 * its upstream, as with any layer-4 balancer); an upstream that refuses the connection is
 * skipped. For a local scale-out only: in production, nginx or the load balancer does this
 * (docs/scale-out.md) and passes the client's address in X-Forwarded-For, which a layer-4 hop
 * cannot: behind this one every visitor has the front's address.
 */
import net from 'node:net';

export interface Upstream {
  readonly host: string;
  readonly port: number;
}

export interface RoundRobin {
  readonly port: number;
  close(): Promise<void>;
}

export async function startRoundRobin(opts: { host: string; port: number; upstreams: readonly Upstream[] }): Promise<RoundRobin> {
  if (opts.upstreams.length === 0) throw new Error('round-robin: no upstream');
  let next = 0;
  const open = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };

  const server = net.createServer((client) => {
    track(client);
    client.pause();
    client.on('error', () => client.destroy());
    const connect = (tries: number): void => {
      const target = opts.upstreams[next++ % opts.upstreams.length]!;
      const upstream = net.connect(target.port, target.host);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        track(upstream);
        upstream.on('error', () => client.destroy());
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => {
        if (connected) return;
        upstream.destroy();
        if (tries + 1 < opts.upstreams.length && !client.destroyed) connect(tries + 1);
        else client.destroy();
      });
    };
    connect(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of open) s.destroy();
    }),
  };
}
