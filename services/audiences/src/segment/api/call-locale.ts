import type { Metadata } from '@grpc/grpc-js';
import { localeFrom, type Locale } from '../application/locale';

/** The language a call asks for in its "accept-language" metadata (Russian by default). */
export const localeOf = (metadata: Metadata | undefined): Locale => {
  const [value] = metadata?.get('accept-language') ?? [];
  return localeFrom(typeof value === 'string' ? value : undefined);
};
