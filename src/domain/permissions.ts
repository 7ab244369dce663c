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

/**
 * May restore an old revision of this update. A draft: anyone who may edit it. A published update: editors
 * and admins only, because a restore replaces what readers see wholesale, without the fix-or-correction
 * question an edit asks (a journalist who wants old words back edits them in and files a correction).
 */
export function canRestoreRevision(role: Role, update: Pick<Update, 'status'>): boolean {
  return update.status === 'draft' || EDITORIAL.has(role);
}

/** May bring a removed update back (editors and admins). */
export function canUndelete(role: Role): boolean {
  return EDITORIAL.has(role);
}

/** May delete a removed update for good (admins only; audited with a reason). */
export function canPurge(role: Role): boolean {
  return role === 'admin';
}
