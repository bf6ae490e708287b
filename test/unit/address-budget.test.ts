import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressBudget, budgetKey } from '../../src/modules/delivery/address-budget.js';

describe('per-address allowance of dynamic pages', () => {
  test('an address gets its allowance a window from its first request, then a wait until its window ends', () => {
    const b = new AddressBudget(3, 60_000);
    for (const t of [1_000, 2_000, 3_000]) assert.equal(b.take('198.51.100.7', t).ok, true);
    const refused = b.take('198.51.100.7', 4_000);
    assert.equal(refused.ok, false);
    assert.equal(refused.retryAfterSeconds, 57);
    assert.equal(b.take('198.51.100.8', 4_000).ok, true, 'another address has its own');
    assert.equal(b.take('198.51.100.7', 60_999).ok, false);
    assert.equal(b.take('198.51.100.7', 61_000).ok, true, 'its own window is over');
  });

  test('generations swapping in the middle of an address\'s window do not reset it', () => {
    const b = new AddressBudget(2, 60_000);
    b.take('other', 0); // starts the generations at 0
    assert.equal(b.take('a', 50_000).ok, true);
    assert.equal(b.take('a', 55_000).ok, true);
    // Swap at 60,000: 'a' moves to the older generation; its window runs until 110,000.
    assert.equal(b.take('a', 70_000).ok, false);
    assert.equal(b.take('a', 109_999).ok, false);
    assert.equal(b.take('a', 110_000).ok, true);
  });

  test('IPv6 addresses are counted per /64; IPv4-mapped addresses as IPv4', () => {
    assert.equal(budgetKey('2001:db8:1:2:aaaa::1'), budgetKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    assert.notEqual(budgetKey('2001:db8:1:2::1'), budgetKey('2001:db8:1:3::1'));
    assert.equal(budgetKey('::ffff:198.51.100.7'), '198.51.100.7');
    assert.equal(budgetKey('::1'), '0:0:0:0::/64');
    const b = new AddressBudget(1, 60_000);
    assert.equal(b.take('2001:db8:1:2::1', 0).ok, true);
    assert.equal(b.take('2001:db8:1:2::99', 1).ok, false, 'the same /64');
  });
});
