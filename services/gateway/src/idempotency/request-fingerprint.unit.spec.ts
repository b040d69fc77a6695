import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('is the same for the same body written with its keys in another order', () => {
    expect(requestFingerprint('POST', '/api/v1/x', { a: 1, b: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe(
      requestFingerprint('POST', '/api/v1/x', { b: { c: 'x', d: [1, { e: 3, f: 2 }] }, a: 1 }),
    );
  });

  it.each([
    ['another body', 'POST', '/api/v1/x', { a: 2 }],
    ['another path', 'POST', '/api/v1/y', { a: 1 }],
    ['another method', 'PUT', '/api/v1/x', { a: 1 }],
  ])('differs for %s', (_, method, url, body) => {
    expect(requestFingerprint(method, url, body)).not.toBe(requestFingerprint('POST', '/api/v1/x', { a: 1 }));
  });

  it('keeps the order of arrays: a list in another order is another request', () => {
    expect(requestFingerprint('POST', '/x', { list: [2, 1] })).not.toBe(requestFingerprint('POST', '/x', { list: [1, 2] }));
  });

  it('hashes a file body by its bytes', () => {
    expect(requestFingerprint('POST', '/x', Buffer.from('a;b'))).toBe(requestFingerprint('POST', '/x', Buffer.from('a;b')));
    expect(requestFingerprint('POST', '/x', Buffer.from('a;b'))).not.toBe(requestFingerprint('POST', '/x', Buffer.from('a;c')));
  });

  it('treats an absent body like null and drops undefined members', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
