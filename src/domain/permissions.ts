import type { Role, Update } from './types.js';

// Journalists write and edit; editors and admins decide what readers see.
// A journalist may still remove or move their own unpublished updates.

const EDITORIAL: ReadonlySet<Role> = new Set(['editor', 'admin']);

/** May publish and unpublish articles and updates. */
export function canPublish(role: Role): boolean {
  return EDITORIAL.has(role);
}

/** May delete or move this update. */
export function canManageUpdate(
  role: Role,
  userId: number | null,
  update: Pick<Update, 'authorId' | 'status'>,
): boolean {
  return EDITORIAL.has(role) || (userId !== null && update.authorId === userId && update.status === 'draft');
}
