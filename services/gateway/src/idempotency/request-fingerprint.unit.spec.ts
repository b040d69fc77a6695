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
    ['an array in another order', 'POST', '/api/v1/x', { a: 1, list: [2, 1] }],
  ])('differs for %s', (_, method, url, body) => {
    const original = requestFingerprint('POST', '/api/v1/x', { a: 1, ...(Object.hasOwn(body, 'list') ? { list: [1, 2] } : {}) });
    expect(requestFingerprint(method, url, body)).not.toBe(original);
  });

  it('treats an absent body like null and drops undefined members', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
