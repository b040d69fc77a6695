import { grpcUrlVariable, loopbackGrpcUrls } from './service-addresses';

describe('service addresses', () => {
  it('names the variable after the service, dashes becoming underscores', () => {
    expect(grpcUrlVariable('call-control')).toBe('CALL_CONTROL_GRPC_URL');
    expect(grpcUrlVariable('scenarios')).toBe('SCENARIOS_GRPC_URL');
  });

  it('maps every loopback port to its service variable', () => {
    expect(loopbackGrpcUrls(new Map([['audiences', 4711], ['call-control', 4712]]))).toEqual({
      AUDIENCES_GRPC_URL: '127.0.0.1:4711',
      CALL_CONTROL_GRPC_URL: '127.0.0.1:4712',
    });
  });
});
