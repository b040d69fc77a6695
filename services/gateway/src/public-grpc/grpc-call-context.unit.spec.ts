import { Metadata } from '@grpc/grpc-js';
import { anonymousGrpcContext, grpcCredentialOf, peerIp } from './grpc-call-context';

const metadataOf = (entries: Record<string, string>) => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
};

describe('the public gRPC call context', () => {
  it.each([
    ['127.0.0.1:50123', '127.0.0.1'],
    ['ipv4:10.1.2.3:443', '10.1.2.3'],
    ['[::1]:50123', '::1'],
    ['ipv6:[2001:db8::7]:9090', '2001:db8::7'],
    ['unix:/tmp/socket', 'unix:/tmp/socket'],
  ])('takes the IP of peer %s as %s', (peer, ip) => {
    expect(peerIp(peer)).toBe(ip);
  });

  it('believes x-forwarded-for only behind a trusted ingress', () => {
    const metadata = metadataOf({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1', 'accept-language': 'en' });
    expect(anonymousGrpcContext(metadata, '10.0.0.1:5000', true)).toMatchObject({ clientIp: '203.0.113.9', acceptLanguage: 'en' });
    expect(anonymousGrpcContext(metadata, '10.0.0.1:5000', false).clientIp).toBe('10.0.0.1');
  });

  it('reads the credential from authorization or x-api-key, an API key as the bearer included', () => {
    expect(grpcCredentialOf(metadataOf({ authorization: 'Bearer eyJ.token' }))).toEqual({ kind: 'access-token', token: 'eyJ.token' });
    expect(grpcCredentialOf(metadataOf({ authorization: 'Bearer zk_abc_def' }))).toEqual({ kind: 'api-key', key: 'zk_abc_def' });
    expect(grpcCredentialOf(metadataOf({ 'x-api-key': 'zk_abc_def' }))).toEqual({ kind: 'api-key', key: 'zk_abc_def' });
    expect(grpcCredentialOf(metadataOf({ 'x-zvonar-account-id': 'acc-1' }))).toBeUndefined();
  });
});
