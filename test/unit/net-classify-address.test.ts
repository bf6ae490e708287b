import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, type AddressClass } from '../../src/platform/net/classify-address.js';
import { compileAllowList, isHostAllowListed, parseAllowListSetting } from '../../src/platform/net/compile-allow-list.js';
import { isAddressAllowed } from '../../src/platform/net/is-address-allowed.js';
import { parseHostToIp } from '../../src/platform/net/parse-host-to-ip.js';

describe('parseHostToIp', () => {
  const cases: ReadonlyArray<readonly [string, string | null]> = [
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0X7F000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['127。0。0。1', '127.0.0.1'],
    ['１２７.０.０.１', '127.0.0.1'],
    ['%31%32%37.0.0.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['[::ffff:127.0.0.1]', '::ffff:127.0.0.1'],
    ['0:0:0:0:0:ffff:7f00:1', '::ffff:127.0.0.1'],
    ['[::FFFF:7F00:1]', '::ffff:127.0.0.1'],
    ['::', '::'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['example.com', null],
    ['localhost', null],
    ['localhost.', null],
    ['', null],
    ['1.2.3.4.5', null],
    ['evil.com@127.0.0.1', null],
    ['127.0.0.1/x', null],
    ['[127.0.0.1]', null],
    ['1::2::3', null],
    ['12345::', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['::1.2.3', null],
    ['::256.1.1.1', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${String(expected)}`, () => {
      assert.equal(parseHostToIp(input), expected);
    });
  }
});

describe('classifyAddress', () => {
  const cases: ReadonlyArray<readonly [string, AddressClass]> = [
    ['1.1.1.1', 'public'],
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.99', 'documentation'],
    ['192.0.0.8', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:1.1.1.1', 'public'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::101:101', 'reserved'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::101:101', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:0808:0808::1', 'public'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['100::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001::200e', 'public'],
    ['127.1', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['not-an-ip', 'invalid'],
    ['', 'invalid'],
  ];
  for (const [ip, expected] of cases) {
    it(`${ip || '(empty)'} is ${expected}`, () => {
      assert.equal(classifyAddress(ip), expected);
    });
  }
});

describe('allow-list', () => {
  it('accepts exact IPs, CIDRs (v4 and v6) and hostnames', () => {
    const list = compileAllowList(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '[::1]', 'Intranet.Example.', ' ']);
    assert.equal(isAddressAllowed('127.0.0.1', list), true);
    assert.equal(isAddressAllowed('127.0.0.2', list), false);
    assert.equal(isAddressAllowed('10.200.3.4', list), true);
    assert.equal(isAddressAllowed('192.168.0.1', list), false);
    assert.equal(isAddressAllowed('fd12::1', list), true);
    assert.equal(isAddressAllowed('fc00::1', list), false);
    assert.equal(isAddressAllowed('::1', list), true);
    // The IPv4-mapped twin of an allowed IPv4 address is the same destination.
    assert.equal(isAddressAllowed('::ffff:127.0.0.1', list), true);
    assert.equal(isHostAllowListed('intranet.example', list), true);
    assert.equal(isHostAllowListed('INTRANET.EXAMPLE.', list), true);
    assert.equal(isHostAllowListed('other.example', list), false);
  });

  it('always allows public addresses and never invalid ones', () => {
    assert.equal(isAddressAllowed('1.1.1.1', []), true);
    assert.equal(isAddressAllowed('2606:4700::1111', []), true);
    assert.equal(isAddressAllowed('127.0.0.1', []), false);
    assert.equal(isAddressAllowed('bogus', ['0.0.0.0/0']), false);
  });

  it('hostname entries do not allow addresses', () => {
    assert.equal(isAddressAllowed('127.0.0.1', ['localhost']), false);
  });

  it('a /0 CIDR allows everything of its family', () => {
    assert.equal(isAddressAllowed('169.254.169.254', ['0.0.0.0/0']), true);
    assert.equal(isAddressAllowed('::1', ['0.0.0.0/0']), false);
  });

  it('rejects malformed entries at compile time', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', '10.0.0.0/x', 'host.example/8', '*.example.org', 'a b', 'http://x']) {
      assert.throws(() => compileAllowList([bad]), TypeError, bad);
    }
  });

  it('parses the JIYUE_NET_ALLOW setting', () => {
    assert.deepEqual(parseAllowListSetting(' 127.0.0.1, 10.0.0.0/8  intranet.example;fd00::/8 '), [
      '127.0.0.1',
      '10.0.0.0/8',
      'intranet.example',
      'fd00::/8',
    ]);
    assert.deepEqual(parseAllowListSetting(undefined), []);
    assert.deepEqual(parseAllowListSetting(''), []);
  });
});
