import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkSourceAddresses,
  filenameOfUrl,
  followRedirects,
  ipVersion,
  literalAddress,
  MAX_SOURCE_REDIRECTS,
  type PinnedLookupCallback,
  parseIpv6,
  parseSourceUrl,
  pinnedLookup,
  type SourceHop,
  UrlSourceError,
} from '../src/index.js';

// Pure rules of fetching media from a URL: no socket is opened and no name resolved here. The
// addresses below are only ever text.

const OPT_IN = { name: 'allowPrivateNetworks', hint: 'Pass allowPrivateNetworks: true.' };

function thrown(run: () => unknown): UrlSourceError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UrlSourceError, String(error));
    return error;
  }
  assert.fail('expected a UrlSourceError');
}

describe('ipVersion', () => {
  const cases: Array<[text: string, version: 0 | 4 | 6]> = [
    ['127.0.0.1', 4],
    ['255.255.255.255', 4],
    ['::1', 6],
    ['[::1]', 6],
    ['::', 6],
    ['fe80::1%eth0', 6],
    ['1:2:3:4:5:6:7:8', 6],
    ['1:2:3:4:5:6:7::', 6],
    ['::ffff:127.0.0.1', 6],
    ['2130706433', 0],
    ['0x7f000001', 0],
    ['127.1', 0],
    ['01.2.3.4', 0],
    ['256.0.0.1', 0],
    ['localhost', 0],
    ['1:2:3:4:5:6:7:8:9', 0],
    ['1:2:3:4:5:6:7:8::', 0],
    ['1::2::3', 0],
    ['12345::', 0],
    [':1::', 0],
    ['1.2.3.4::', 0],
    ['::ffff:1.2.3', 0],
    ['fe80::g', 0],
  ];
  for (const [text, version] of cases) {
    it(`reads ${JSON.stringify(text)} as ${version === 0 ? 'no IP address' : `IPv${version}`}`, () => {
      assert.equal(ipVersion(text), version);
    });
  }

  it('fills an IPv6 address with a dotted IPv4 tail into eight groups', () => {
    assert.deepEqual(parseIpv6('::ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    assert.deepEqual(parseIpv6('[fd00:ec2::254]'), [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]);
  });
});

describe('parseSourceUrl', () => {
  it('rewrites numeric hosts to the dotted address a connection would reach', () => {
    assert.equal(literalAddress(parseSourceUrl('http://2130706433/a.jpg')), '127.0.0.1');
    assert.equal(literalAddress(parseSourceUrl('http://0x7f000001/a.jpg')), '127.0.0.1');
    assert.equal(literalAddress(parseSourceUrl('http://[::ffff:127.0.0.1]/')), '::ffff:7f00:1');
    assert.equal(literalAddress(parseSourceUrl('https://media.example/a.jpg')), undefined);
  });

  const refused: Array<[url: string, message: RegExp]> = [
    ['not a url', /^"not a url" is not a URL\.$/],
    ['file:///etc/hostname', /^Only http and https URLs are fetched, not file: URLs\.$/],
    ['ftp://media.example/a.jpg', /not ftp: URLs/],
    ['https://user:secret@media.example/a.jpg?sig=1', /carries a user name or password/],
  ];
  for (const [url, message] of refused) {
    it(`refuses ${url} as unsupported_url`, () => {
      const error = thrown(() => parseSourceUrl(url));
      assert.equal(error.code, 'unsupported_url');
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /secret|sig=1/);
    });
  }

  it('resolves a relative Location against the URL that sent it', () => {
    const base = new URL('https://media.example/a/b/start');
    assert.equal(parseSourceUrl('../c.jpg', base).href, 'https://media.example/a/c.jpg');
  });

  it('names the file after the last path segment, decoded', () => {
    assert.equal(
      filenameOfUrl(new URL('https://media.example/x/beach%20day.jpg')),
      'beach day.jpg',
    );
    assert.equal(filenameOfUrl(new URL('https://media.example/x/')), undefined);
    assert.equal(filenameOfUrl(new URL('https://media.example/%E0%A4%A.jpg')), '%E0%A4%A.jpg');
  });
});

describe('checkSourceAddresses', () => {
  it('lets a URL through when every address is public', () => {
    const url = new URL('https://media.example/a.jpg');
    checkSourceAddresses(url, ['93.184.215.14', '2606:4700:4700::1111'], { optIn: OPT_IN });
  });

  it('names the URL, the address, its kind and the opt-in for a literal loopback host', () => {
    const url = new URL('http://127.0.0.1:8080/a.jpg?signature=x');
    const error = thrown(() => checkSourceAddresses(url, ['127.0.0.1'], { optIn: OPT_IN }));

    assert.equal(error.code, 'forbidden_address');
    assert.equal(error.address, '127.0.0.1');
    assert.equal(error.url, 'http://127.0.0.1:8080/a.jpg?[redacted]');
    assert.equal(
      error.message,
      'http://127.0.0.1:8080/a.jpg?[redacted] points at 127.0.0.1, a loopback address ' +
        '(this machine): media is fetched only from public addresses.',
    );
    assert.equal(error.hint, OPT_IN.hint);
  });

  it('refuses a name when any one of its addresses is private', () => {
    const url = new URL('https://mixed.example/a.jpg');
    const error = thrown(() =>
      checkSourceAddresses(url, ['8.8.8.8', '192.168.1.20'], { optIn: OPT_IN }),
    );

    assert.equal(error.address, '192.168.1.20');
    assert.match(error.message, /^https:\/\/mixed\.example\/a\.jpg resolves to 192\.168\.1\.20, /);
    assert.match(error.message, /a private-network address \(RFC 1918\)/);
  });

  it('refuses metadata addresses even with allowPrivateNetworks, and says so', () => {
    const url = new URL('http://metadata.example/latest/');
    for (const address of ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']) {
      const error = thrown(() =>
        checkSourceAddresses(url, [address], { optIn: OPT_IN, allowPrivateNetworks: true }),
      );
      assert.match(
        error.message,
        /a cloud metadata service address: refused even with allowPrivateNetworks\.$/,
      );
      assert.equal(error.hint, 'Cloud metadata services are always refused.');
    }
  });

  it('lets private addresses through for an allowed origin only', () => {
    const policy = { optIn: OPT_IN, allowOrigins: new Set(['http://10.0.0.5:9000']) };
    checkSourceAddresses(new URL('http://10.0.0.5:9000/a.jpg'), ['10.0.0.5'], policy);
    const other = thrown(() =>
      checkSourceAddresses(new URL('http://10.0.0.5:9001/a.jpg'), ['10.0.0.5'], policy),
    );
    assert.equal(other.code, 'forbidden_address');
  });

  it('refuses an answer that is not an IP address at all', () => {
    const error = thrown(() =>
      checkSourceAddresses(new URL('https://odd.example/'), ['odd.example'], { optIn: OPT_IN }),
    );
    assert.match(error.message, /resolves to odd\.example, not an IP address/);
  });
});

describe('pinnedLookup', () => {
  function ask(addresses: string[], options: { family?: number | string; all?: boolean }) {
    let answer: Parameters<PinnedLookupCallback> | undefined;
    pinnedLookup(addresses)('media.example', options, (...args) => {
      answer = args;
    });
    assert.ok(answer, 'the lookup answers at once, from memory');
    return answer;
  }

  it('answers with the first checked address, whatever the name', () => {
    assert.deepEqual(ask(['127.0.0.1', '::1'], {}), [null, '127.0.0.1', 4]);
  });

  it('offers every checked address of the family asked for', () => {
    assert.deepEqual(ask(['127.0.0.1', '[::1]', '::2'], { all: true, family: 6 }), [
      null,
      [
        { address: '::1', family: 6 },
        { address: '::2', family: 6 },
      ],
    ]);
    assert.deepEqual(ask(['127.0.0.1', '::1'], { family: 'IPv4' }), [null, '127.0.0.1', 4]);
  });

  it('fails with ENOTFOUND rather than look the name up again', () => {
    const [error] = ask(['127.0.0.1'], { family: 6 });
    assert.equal(error?.code, 'ENOTFOUND');
    assert.equal(error?.message, 'No checked IPv6 address for media.example');
  });
});

describe('followRedirects', () => {
  interface FakeHop extends SourceHop {
    url: string;
    closed: boolean;
  }

  /** Answers each URL from a table: a status and an optional Location. */
  function fakeSource(answers: Record<string, [status: number, location?: string]>) {
    const opened: string[] = [];
    const hops: FakeHop[] = [];
    const open = async (url: URL): Promise<FakeHop> => {
      opened.push(url.href);
      const [status, location] = answers[url.href] ?? [404];
      const hop = {
        url: url.href,
        status,
        location,
        closed: false,
        close() {
          hop.closed = true;
        },
      };
      hops.push(hop);
      return hop;
    };
    return { open, opened, hops };
  }

  function chain(length: number): Record<string, [number, string?]> {
    const answers: Record<string, [number, string?]> = {};
    for (let index = 0; index < length; index++) {
      answers[`https://media.example/${index}`] = [302, `/${index + 1}`];
    }
    answers[`https://media.example/${length}`] = [200];
    return answers;
  }

  it(`follows ${MAX_SOURCE_REDIRECTS} redirects, closing each one, and hands back the 2xx`, async () => {
    const source = fakeSource(chain(MAX_SOURCE_REDIRECTS));

    const hop = await followRedirects(new URL('https://media.example/0'), source.open);

    assert.equal(hop.url, `https://media.example/${MAX_SOURCE_REDIRECTS}`);
    assert.equal(hop.closed, false);
    assert.equal(source.opened.length, MAX_SOURCE_REDIRECTS + 1);
    assert.deepEqual(
      source.hops.map((each) => each.closed),
      [...new Array(MAX_SOURCE_REDIRECTS).fill(true), false],
    );
  });

  it(`refuses redirect number ${MAX_SOURCE_REDIRECTS + 1} without opening it`, async () => {
    const source = fakeSource(chain(MAX_SOURCE_REDIRECTS + 1));

    const error = await followRedirects(new URL('https://media.example/0'), source.open).then(
      () => assert.fail('expected a refusal'),
      (reason: unknown) => reason,
    );

    assert.ok(error instanceof UrlSourceError);
    assert.equal(error.code, 'too_many_redirects');
    assert.equal(error.message, 'GET https://media.example/0 redirected more than 5 times.');
    assert.equal(source.opened.length, MAX_SOURCE_REDIRECTS + 1);
  });

  it('refuses a redirect to a non-http URL before opening it', async () => {
    const source = fakeSource({ 'https://media.example/a': [301, 'file:///etc/passwd'] });

    const error = await followRedirects(new URL('https://media.example/a'), source.open).catch(
      (reason: unknown) => reason,
    );

    assert.ok(error instanceof UrlSourceError);
    assert.equal(error.code, 'unsupported_url');
    assert.deepEqual(source.opened, ['https://media.example/a']);
  });

  it('names the status of an error answer and of a redirect without a Location', async () => {
    for (const [status, detail] of [
      [404, ''],
      [302, ', a redirect without a Location'],
    ] as const) {
      const source = fakeSource({ 'https://media.example/a': [status] });
      const error = await followRedirects(new URL('https://media.example/a'), source.open).catch(
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof UrlSourceError);
      assert.equal(error.code, 'source_unavailable');
      assert.equal(error.sourceStatus, status);
      assert.equal(
        error.message,
        `GET https://media.example/a answered ${status}${detail} instead of the media.`,
      );
    }
  });
});
