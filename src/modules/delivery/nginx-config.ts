import type { VerifiedManifest } from '../publishing/page-store/index.js';
import { PUBLIC_CSP } from './http/public-headers.js';

export interface NginxSite {
  readonly code: string;
  readonly name: string;
  /** Primary domain first, then aliases and `<code>.localhost`. */
  readonly domains: readonly string[];
  readonly manifest: VerifiedManifest;
  /** Only an open site's files are served; the others answer Jiyue's notice (or nginx's 503/410 without an upstream). */
  readonly status?: 'building' | 'open' | 'offline' | 'closed';
}

export interface NginxOptions {
  /** Absolute folder of the page store. */
  readonly storeRoot: string;
  /** `listen` parameter, e.g. `80` or `127.0.0.1:8081`. */
  readonly listen: string;
  /** Emit `brotli_static on` (needs the brotli module: Debian `libnginx-mod-http-brotli-static`). */
  readonly brotli: boolean;
  /**
   * Jiyue's address (`127.0.0.1:8080`), or the public processes' separated by commas
   * (`127.0.0.1:8081,127.0.0.1:8082`, round robin): misses and /api/ go there. Null: nginx
   * answers everything from the files.
   */
  readonly upstream: string | null;
  /**
   * Largest request body Jiyue takes (a letter with all its attachments); nginx's own default of
   * 1 MiB would refuse them first. Emitted with an upstream (`jiyue pages nginx` always sets it).
   */
  readonly maxBodyBytes?: number;
  readonly generatedAt: string;
}

/** Characters nginx would read as syntax or variables: such a path or target is left out (and said so). */
const UNSAFE = /["\\$;{}\s\u0000-\u001f]/;

function quoted(s: string): string {
  return `"${s}"`;
}

/** Both spellings nginx may see in $uri for a stored file: `/x/index.html` and `/x/`. */
function uriForms(file: string): string[] {
  return file.endsWith('/index.html') ? [file, file.slice(0, -'index.html'.length)] : [file];
}

function mapBlocks(site: NginxSite, skipped: string[]): string[] {
  const moved: string[] = [];
  const gone: string[] = [];
  for (const [file, e] of [...site.manifest.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (e.status === 200) continue;
    if (UNSAFE.test(file) || (e.status === 301 && UNSAFE.test(e.location ?? ''))) {
      skipped.push(file);
      continue;
    }
    for (const uri of uriForms(file)) {
      if (e.status === 301) moved.push(`    ${quoted(uri)} ${quoted(e.location ?? '/')};`);
      else gone.push(`    ${quoted(uri)} 1;`);
    }
  }
  return [
    `map $uri $jiyue_moved_${site.code} {`, '    default "";', ...moved, '}',
    `map $uri $jiyue_gone_${site.code} {`, '    default 0;', ...gone, '}',
  ];
}

const proxyLines = (): string[] => [
  '        proxy_pass http://jiyue_backend;',
  '        proxy_http_version 1.1;',
  '        proxy_set_header Connection "";',
  '        proxy_set_header Host $host;',
  '        # The address nginx saw, replacing whatever the client sent: Jiyue (JIYUE_TRUST_PROXY=loopback) rate-limits by it.',
  '        proxy_set_header X-Forwarded-For $remote_addr;',
  '        proxy_set_header X-Forwarded-Proto $scheme;',
];

/**
 * A site that is not open (being set up, offline, closed): none of its files are served; Jiyue
 * answers every address with the site's notice, or nginx its bare 503/410 without an upstream.
 */
function closedServerBlock(site: NginxSite, opts: NginxOptions): string[] {
  return [
    `# ${site.name} (${site.code}): ${site.status}; no files served (regenerate when the status changes)`,
    'server {',
    `    listen ${opts.listen};`,
    `    server_name ${site.domains.join(' ')};`,
    '    server_tokens off;',
    ...(opts.upstream
      ? ['    location / {', ...proxyLines(), '    }']
      : [`    location / { return ${site.status === 'closed' ? 410 : 503}; }`]),
    '}',
  ];
}

function serverBlock(site: NginxSite, opts: NginxOptions): string[] {
  const c = site.code;
  const proxy = proxyLines();
  return [
    `# ${site.name} (${c})`,
    'server {',
    `    listen ${opts.listen};`,
    `    server_name ${site.domains.join(' ')};`,
    `    root ${opts.storeRoot}/${c};`,
    '    index index.html;',
    '    # /zwgk → 301 /zwgk/ when that folder has an index.html (as Jiyue answers).',
    '    absolute_redirect off;',
    '    server_tokens off;',
    '    charset utf-8;',
    ...(opts.upstream && opts.maxBodyBytes ? [
      '    # Letters with attachments are posted through here to Jiyue (location / hands misses to @jiyue, so the limit is set for the server).',
      `    client_max_body_size ${Math.ceil(opts.maxBodyBytes / 1024)}k;`,
    ] : []),
    '    charset_types text/css text/plain text/xml application/javascript application/json application/xml application/rss+xml application/atom+xml image/svg+xml;',
    '    # Precompressed files written by the page store (x.html.gz, x.html.br).',
    '    gzip_static on;',
    '    gzip_vary on;',
    '    # A full rebuild stores pages first and their variants after (pending in the manifest): meanwhile nginx compresses them itself.',
    '    gzip on;',
    '    gzip_min_length 1024;',
    '    gzip_types text/css text/plain text/xml application/javascript application/json application/xml application/rss+xml application/atom+xml image/svg+xml;',
    `    ${opts.brotli ? '' : '# '}brotli_static on;`,
    '    expires $jiyue_expires;',
    '    # HTML differs by the visitor\'s 繁體 choice (cookie jy_script): shared caches must key on it.',
    '    add_header Vary $jiyue_vary_script always;',
    '    add_header X-Content-Type-Options nosniff always;',
    '    add_header X-Frame-Options SAMEORIGIN always;',
    '    add_header Referrer-Policy strict-origin-when-cross-origin always;',
    '    add_header Cross-Origin-Resource-Policy cross-origin always;',
    `    add_header Content-Security-Policy ${quoted(PUBLIC_CSP)} always;`,
    '',
    `    if ($jiyue_moved_${c}) { return 301 $jiyue_moved_${c}; }`,
    `    if ($jiyue_gone_${c}) { return 410; }`,
    '    # A withdrawn page answers 410 with its stored notice.',
    '    error_page 410 @jiyue_gone;',
    '    # The notice is HTML whatever the address it replaces (an attachment\'s .pdf included).',
    '    location @jiyue_gone { types { } default_type "text/html; charset=utf-8"; try_files $uri/index.html $uri =404; }',
    '    # The 404 page asked for by name is still "not found" (as Jiyue answers): only shown by error_page.',
    '    location ~ "^/404(\\.zh-hant)?\\.html$" { internal; }',
    '    error_page 404 /404.html;',
    '',
    '    # The manifest, temporaries and the console are never served from here.',
    '    location ^~ /_manifest/ { return 404; }',
    '    location ~ "\\.[0-9a-f]{12}\\.tmp$" { return 404; }',
    '    location ^~ /admin { return 404; }',
    ...(opts.upstream
      ? [
        '    # 繁體 visitors: their page from the store when made, else from Jiyue (which makes and stores it).',
        '    location / {',
        '        error_page 418 = @jiyue_hant;',
        '        if ($jiyue_hant_file) { return 418; }',
        '        try_files $uri $uri/ @jiyue;',
        '    }',
        '    location @jiyue_hant { try_files $jiyue_hant_file @jiyue; }',
        '    # The public API (search, letters, surveys) and anything not in the store: Jiyue answers (its own 404 page included).',
        '    location ^~ /api/ {', ...proxy, '    }',
        '    # The view beacon (访问统计): every view must reach Jiyue, so no expiry from the map above.',
        '    location = /_pv.gif {', '        expires off;', ...proxy, '    }',
        '    location @jiyue {', ...proxy, '    }',
      ]
      : [
        '    # 繁體 visitors get the stored variant when it has been made (Jiyue makes it on first request).',
        '    location / { try_files $jiyue_hant_file $uri $uri/ =404; }',
      ]),
    '}',
  ];
}

/**
 * An nginx include (http context) serving the page store directly: one server per site chosen
 * by server_name, the site's folder as root, precompressed variants, the site's 404 page, and
 * the manifest's redirects (301) and withdrawn pages (410). nginx does not check digests: with
 * it in front, the tamper watcher is what restores a changed file (docs/deploy.md).
 */
export function nginxConfig(sites: readonly NginxSite[], opts: NginxOptions): string {
  const skipped: string[] = [];
  const body: string[] = [];
  for (const site of sites) {
    if (site.status !== undefined && site.status !== 'open') body.push(...closedServerBlock(site, opts), '');
    else body.push(...mapBlocks(site, skipped), ...serverBlock(site, opts), '');
  }
  return [
    `# Generated by \`jiyue pages nginx\` at ${opts.generatedAt}; regenerate after redirects, withdrawals or a site's status change.`,
    `# Page store: ${opts.storeRoot}. Include this file inside the http {} block.`,
    ...(skipped.length > 0 ? [`# Left out (characters nginx cannot take literally): ${skipped.join(', ')}`] : []),
    '',
    '# Attachment types nginx\'s mime.types lacks (as Jiyue sends them): OFD (GB/T 33190), WPS.',
    'types { application/ofd ofd; application/vnd.ms-works wps; }',
    '',
    '# Pages (HTML, feeds) a minute; files named with their digest a year; other files ten minutes.',
    'map $uri $jiyue_expires {',
    '    default 10m;',
    '    "~\\.[0-9a-f]{8,64}\\.[A-Za-z0-9]+$" 1y;',
    '    "~(/|\\.html|\\.xml|\\.rss|\\.atom|\\.json|\\.txt)$" 60s;',
    '}',
    '',
    '# 繁體: a visitor whose cookie chose traditional characters (jy_script=hant) gets the page\'s',
    '# stored traditional variant, x.zh-hant.html next to x.html (/dir/ → /dir/index.zh-hant.html).',
    'map "$cookie_jy_script:$uri" $jiyue_hant_file {',
    '    default "";',
    '    "~^hant:(?<jiyue_dir>.*/)$" "${jiyue_dir}index.zh-hant.html";',
    '    "~^hant:(?<jiyue_page>.*)(?<!\\.zh-hant)\\.html$" "${jiyue_page}.zh-hant.html";',
    '}',
    'map $uri $jiyue_vary_script {',
    '    default "";',
    '    "~(/|\\.html)$" Cookie;',
    '}',
    ...(opts.upstream ? ['', 'upstream jiyue_backend {', ...opts.upstream.split(',').map((u) => `    server ${u.trim()};`), '    keepalive 32;', '}'] : []),
    '',
    ...body,
  ].join('\n');
}
