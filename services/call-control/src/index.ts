export * from './ari';
