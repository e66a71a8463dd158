import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, isForbiddenAddress } from '../src/index.js';

// Pure checks on address literals: nothing here opens a socket or resolves a name.

describe('isForbiddenAddress, by default', () => {
  const refused: Array<[address: string, kind: string]> = [
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['[fd00:ec2::254]', 'metadata'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.0.1', 'private'],
    ['192.168.255.255', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['fc00::1', 'unique-local'],
    ['fdff:ffff::1', 'unique-local'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
  ];
  for (const [address, kind] of refused) {
    it(`refuses ${address} as ${kind}`, () => {
      assert.equal(classifyAddress(address), kind);
      assert.equal(isForbiddenAddress(address), true);
    });
  }

  const mapped: Array<[address: string, kind: string]> = [
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:100.64.0.1', 'shared'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
  ];
  for (const [address, kind] of mapped) {
    it(`refuses ${address}, an IPv6 form of a ${kind} IPv4 address`, () => {
      assert.equal(classifyAddress(address), kind);
      assert.equal(isForbiddenAddress(address), true);
    });
  }

  const spellings = ['2130706433', '0x7f000001', '0X7F.0.0.1', '0177.0.0.1', '127.1', '127.0.1'];
  for (const address of spellings) {
    it(`refuses ${address}, another spelling of 127.0.0.1`, () => {
      assert.equal(classifyAddress(address), 'loopback');
      assert.equal(isForbiddenAddress(address), true);
    });
  }

  it('reads 167772161 and 0xa9.0xfe.0xa9.0xfe as 10.0.0.1 and the metadata address', () => {
    assert.equal(classifyAddress('167772161'), 'private');
    assert.equal(classifyAddress('0xa9.0xfe.0xa9.0xfe'), 'metadata');
  });

  const publicAddresses = [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '192.167.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '[2a00:1450:4001:80b::200e]',
    '::ffff:8.8.8.8',
  ];
  for (const address of publicAddresses) {
    it(`lets the public address ${address} through`, () => {
      assert.equal(classifyAddress(address), 'public');
      assert.equal(isForbiddenAddress(address), false);
    });
  }

  it('refuses what is not an IP address at all, since it cannot be checked', () => {
    for (const text of ['', 'localhost', 'example.com', '1.2.3.4.5', '256.0.0.1', 'fe80::g']) {
      assert.equal(classifyAddress(text), undefined, text);
      assert.equal(isForbiddenAddress(text), true, text);
    }
  });
});

describe('isForbiddenAddress with allowPrivateNetworks', () => {
  const allowed = [
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.0.1',
    'fe80::1',
    'fc00::1',
    '::ffff:10.0.0.1',
  ];
  for (const address of allowed) {
    it(`lets ${address} through`, () => {
      assert.equal(isForbiddenAddress(address, { allowPrivateNetworks: true }), false);
    });
  }

  const stillRefused = [
    '169.254.169.254',
    'fd00:ec2::254',
    '::ffff:169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
  ];
  for (const address of stillRefused) {
    it(`still refuses ${address}`, () => {
      assert.equal(isForbiddenAddress(address, { allowPrivateNetworks: true }), true);
    });
  }
});
