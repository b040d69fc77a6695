export type Reply =
  | { status: number; body?: unknown }
  | { status: number; binary: Buffer; contentType: string };

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
