import { ValidationError } from '@zvonar/eventsourcing';
import type { Locale } from '@zvonar/project-access';
import { wordingOf } from './projects.messages';
import type { ProjectCursor } from './project-store.port';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** 0 asks for the default; anything above the cap is capped (paging.proto). */
export const pageSizeOf = (requested: number): number =>
  requested <= 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);

/** Opaque to clients: the keyset position, base64url JSON. */
export const encodeCursor = (cursor: ProjectCursor | undefined): string =>
  cursor === undefined ? '' : Buffer.from(JSON.stringify([cursor.value, cursor.projectId])).toString('base64url');

export function decodeCursor(token: string, locale: Locale): ProjectCursor | undefined {
  if (token === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string'))
      return { value: parsed[0] as string, projectId: parsed[1] as string };
  } catch {
    // falls through to the refusal
  }
  throw new ValidationError(wordingOf('VALIDATION_FAILED', locale), [
    { field: 'page.page_token', code: 'INVALID_PAGE_TOKEN', message: wordingOf('INVALID_PAGE_TOKEN', locale) },
  ]);
}
