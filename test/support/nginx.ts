/**
 * A private nginx (Debian package) as a child process on 127.0.0.1, for tests and benchmarks
 * that check Jiyue's generated configuration against the real server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX_BIN = process.env.JIYUE_NGINX ?? '/usr/sbin/nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

export function nginxAvailable(): boolean {
  return fs.existsSync(NGINX_BIN);
}

export function brotliModuleAvailable(): boolean {
  return fs.existsSync(BROTLI_MODULE);
}

/** Installs Debian's nginx (and its brotli_static module) when missing; needs root. Returns whether nginx is there afterwards. */
export function installNginx(log: (m: string) => void): boolean {
  if (nginxAvailable()) return true;
  if (process.getuid?.() !== 0) {
    log('nginx is not installed and this is not root: apt-get install nginx libnginx-mod-http-brotli-static');
    return false;
  }
  log('installing nginx with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'nginx', 'libnginx-mod-http-brotli-static'], { stdio: 'ignore', env });
  if (r.status !== 0) log(`apt-get install nginx failed (${String(r.status)})`);
  return nginxAvailable();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningNginx {
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground with `include` (an http-context file) and the given worker
 * count; resolves when `port` accepts connections. `taskset` pins it when cpus is given.
 */
export async function startNginx(opts: { include: string; port: number; workers?: number; cpus?: string | null }): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-nginx-'));
  // Workers (user nobody under root) write request bodies over 16 KiB to client_body_temp_path in here.
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'site.conf'), opts.include);
  const conf = [
    ...(brotliModuleAvailable() ? [`load_module ${BROTLI_MODULE};`] : []),
    `worker_processes ${opts.workers ?? 1};`,
    'daemon off;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    access_log off;',
    '    sendfile on;',
    '    tcp_nopush on;',
    '    keepalive_requests 100000;',
    `    client_body_temp_path ${dir}/body;`,
    `    proxy_temp_path ${dir}/proxy;`,
    `    fastcgi_temp_path ${dir}/fastcgi;`,
    `    uwsgi_temp_path ${dir}/uwsgi;`,
    `    scgi_temp_path ${dir}/scgi;`,
    `    include ${dir}/site.conf;`,
    '}',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const test = spawnSync(NGINX_BIN, ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
  if (test.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t failed:\n${test.stderr}`);
  }
  const args = ['-c', path.join(dir, 'nginx.conf'), '-p', dir];
  const child: ChildProcess = opts.cpus ? spawn('taskset', ['-c', opts.cpus, NGINX_BIN, ...args], { stdio: 'ignore' }) : spawn(NGINX_BIN, args, { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(opts.port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      const log = fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGQUIT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
