import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUrl } from '../../src/platform/net/check-url.js';
import { OutboundRefusedError, type OutboundRefusedCode } from '../../src/platform/net/outbound-refused-error.js';
import { resolveTarget, type Resolver } from '../../src/platform/net/resolve-target.js';

function codeOf(fn: () => unknown): OutboundRefusedCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (err) {
    assert.ok(err instanceof OutboundRefusedError, `expected OutboundRefusedError, got ${String(err)}`);
    assert.match(err.message, /\S/);
    return err.code;
  }
}

async function asyncCodeOf(promise: Promise<unknown>): Promise<OutboundRefusedCode | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (err) {
    assert.ok(err instanceof OutboundRefusedError, `expected OutboundRefusedError, got ${String(err)}`);
    return err.code;
  }
}

/** A fake DNS: no test may touch real resolvers. Unknown names fail like ENOTFOUND. */
function fakeResolver(table: Readonly<Record<string, string[]>>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (hostname: string): Promise<string[]> => {
    calls.push(hostname);
    const hit = table[hostname];
    if (hit === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return hit;
  };
  return Object.assign(fn, { calls });
}

const REFUSED_SPELLINGS = [
  'http://127.0.0.1/',
  'http://127.1/',
  'http://127.0.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0X7F000001/',
  'http://0177.0.0.1/',
  'http://0x7f.1/',
  'http://0x7F.0x0.0x0.0x1/',
  'http://127.0.0.1./',
  'http://127。0。0。1/',
  'http://１２７.０.０.１/',
  'http://%31%32%37.0.0.1/',
  'http://127.0.0.1:8080/admin',
  'https://127.0.0.1:1/',
  'http://[::1]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::FFFF:127.0.0.1]/',
  'http://[0:0:0:0:0:ffff:7f00:1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://[::127.0.0.1]/',
  'http://[64:ff9b::127.0.0.1]/',
  'http://[64:ff9b::a00:1]/',
  'http://[2002:7f00:1::1]/',
  'http://[2002:a9fe:a9fe::]/',
  'http://0/',
  'http://0.0.0.0/',
  'http://localhost/',
  'http://localhost./',
  'http://LOCALHOST/',
  'http://LocalHost.:3000/',
  'http://api.localhost/',
  'http://169.254.169.254/latest/meta-data',
  'http://2852039166/latest/meta-data',
  'http://[fe80::1]/',
  'http://[FE80::1]/',
  'http://[fd00::1]/',
  'http://[fc00::1]/',
  'http://10.0.0.1/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.0.1/',
  'http://100.64.0.1',
  'http://100.127.255.254/',
  'http://198.18.0.1/',
  'http://192.0.2.1/',
  'http://198.51.100.1/',
  'http://203.0.113.1/',
  'http://[2001:db8::1]/',
  'http://224.0.0.1/',
  'http://[ff02::1]/',
  'http://240.0.0.1/',
  'http://255.255.255.255/',
];

describe('checkUrl refuses non-public addresses in every spelling', () => {
  for (const url of REFUSED_SPELLINGS) {
    it(url, () => {
      assert.equal(codeOf(() => checkUrl(url)), 'net.refused_address');
    });
  }
});

describe('checkUrl accepts public literal addresses and names', () => {
  const ok = [
    'http://1.1.1.1/',
    'https://8.8.8.8:8443/path?q=1',
    'http://16843009/', // 1.1.1.1 as an integer: odd but public
    'http://[2606:4700:4700::1111]/',
    'http://[::ffff:1.1.1.1]/',
    'https://www.gov.cn/',
    'http://example.com:8080/x',
    'http://xn--fiqs8s.example/',
    'http://中国.example/',
  ];
  for (const url of ok) {
    it(url, () => {
      const checked = checkUrl(url);
      assert.equal(checked.hostAllowListed, false);
      assert.ok(!checked.hostname.startsWith('['));
    });
  }
});

describe('checkUrl syntax, scheme and credentials', () => {
  const cases: ReadonlyArray<readonly [string, OutboundRefusedCode]> = [
    ['not a url', 'net.bad_url'],
    ['/relative/path', 'net.bad_url'],
    ['http://', 'net.bad_url'],
    ['http://foo.123/', 'net.bad_url'],
    ['http://1.2.3.4.5/', 'net.bad_url'],
    [`http://example.com/${'a'.repeat(9000)}`, 'net.bad_url'],
    ['http://user:pass@example.com/', 'net.bad_url'],
    ['http://user@example.com/', 'net.bad_url'],
    ['ftp://example.com/', 'net.bad_scheme'],
    ['file:///etc/passwd', 'net.bad_scheme'],
    ['gopher://127.0.0.1:6379/_', 'net.bad_scheme'],
    ['javascript:alert(1)', 'net.bad_scheme'],
    ['data:text/plain,hi', 'net.bad_scheme'],
  ];
  for (const [url, code] of cases) {
    it(`${url.slice(0, 40)} → ${code}`, () => {
      assert.equal(codeOf(() => checkUrl(url)), code);
    });
  }

  it('names the reason in English', () => {
    assert.throws(() => checkUrl('http://169.254.169.254/'), /169\.254\.169\.254 is link-local/);
    assert.throws(() => checkUrl('ftp://x/'), /only http and https/);
  });
});

describe('checkUrl with an allow-list', () => {
  it('allows allow-listed IPs, CIDRs and hostnames only', () => {
    const allowList = ['127.0.0.1', '10.0.0.0/8', 'LocalHost.'];
    assert.equal(checkUrl('http://127.0.0.1:9/', { allowList }).ip, '127.0.0.1');
    assert.equal(checkUrl('http://2130706433/', { allowList }).ip, '127.0.0.1');
    assert.equal(checkUrl('http://10.9.8.7/', { allowList }).ip, '10.9.8.7');
    assert.equal(checkUrl('http://localhost/', { allowList }).hostAllowListed, true);
    assert.equal(codeOf(() => checkUrl('http://127.0.0.2/', { allowList })), 'net.refused_address');
    assert.equal(codeOf(() => checkUrl('http://[::1]/', { allowList })), 'net.refused_address');
    assert.equal(codeOf(() => checkUrl('http://api.localhost/', { allowList })), 'net.refused_address');
  });
});

describe('resolveTarget (fake resolver, no network)', () => {
  const resolver = fakeResolver({
    'public.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'www.gov.cn': ['1.2.3.4'],
    'internal.example': ['10.0.0.5'],
    'mixed.example': ['93.184.216.34', '127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'zoned.example': ['fe80::1%eth0'],
    'weird.example': ['127.1'],
    'garbage.example': ['not-an-ip'],
    'empty.example': [],
    'allowed.test': ['127.0.0.1'],
  });

  it('passes names that resolve only to public addresses and pins them', async () => {
    const t = await resolveTarget('http://Public.Example./x', { resolver });
    assert.equal(t.hostname, 'public.example');
    assert.deepEqual(t.addresses, ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    assert.equal(resolver.calls.at(-1), 'public.example');
    const gov = await resolveTarget('https://www.gov.cn/', { resolver });
    assert.deepEqual(gov.addresses, ['1.2.3.4']);
  });

  it('does not resolve IP literals', async () => {
    const before = resolver.calls.length;
    const t = await resolveTarget('http://1.1.1.1/', { resolver });
    assert.deepEqual(t.addresses, ['1.1.1.1']);
    assert.equal(resolver.calls.length, before);
  });

  for (const host of ['internal', 'mixed', 'metadata', 'mapped', 'zoned', 'weird', 'garbage']) {
    it(`refuses ${host}.example (checks every returned address)`, async () => {
      assert.equal(await asyncCodeOf(resolveTarget(`http://${host}.example/`, { resolver })), 'net.refused_address');
    });
  }

  it('refuses localhost without asking the resolver', async () => {
    const before = resolver.calls.length;
    assert.equal(await asyncCodeOf(resolveTarget('http://localhost./', { resolver })), 'net.refused_address');
    assert.equal(resolver.calls.length, before);
  });

  it('reports resolution failures as net.unresolvable', async () => {
    assert.equal(await asyncCodeOf(resolveTarget('http://nowhere.example/', { resolver })), 'net.unresolvable');
    assert.equal(await asyncCodeOf(resolveTarget('http://empty.example/', { resolver })), 'net.unresolvable');
  });

  it('an allow-listed hostname may resolve to a private address', async () => {
    const t = await resolveTarget('http://ALLOWED.test./', { resolver, allowList: ['allowed.test'] });
    assert.deepEqual(t.addresses, ['127.0.0.1']);
    assert.equal(await asyncCodeOf(resolveTarget('http://allowed.test/', { resolver })), 'net.refused_address');
  });

  it('an allow-listed IP covers names resolving to it', async () => {
    const t = await resolveTarget('http://internal.example/', { resolver, allowList: ['10.0.0.0/24'] });
    assert.deepEqual(t.addresses, ['10.0.0.5']);
  });

  it('rejects with the abort reason when the signal fires during resolution', async () => {
    const hanging: Resolver = () => new Promise<string[]>(() => undefined);
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 10);
    await assert.rejects(resolveTarget('http://slow.example/', { resolver: hanging, signal: controller.signal }), (e) => e === reason);
  });
});
