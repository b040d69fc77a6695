export * from './servers';
export * from './databases';
export * from './wait';
export * from './loopback-service';
export * from './processes';
export * from './grpc-calls';
export * from './otlp-receiver';
export * from './tcp-proxy';
