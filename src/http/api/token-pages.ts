import { Router, type Request, type Response } from 'express';
import type { ApiToken } from '../../db/tokens-repo.js';
import type { FieldErrors } from '../../domain/validation.js';
import type { ServiceContext } from '../../services/context.js';
import { createToken, listTokens, revokeToken, TOKEN_NAME_MAX } from '../../services/tokens.js';
import { actorOf, staff } from '../auth.js';
import { bodyField, idParam } from '../forms.js';

// The desk's page for the API's bearer tokens (kept beside the API they open): one's own tokens, or every
// account's for admins; create one (shown once) and revoke.

const time = (iso: string | null) => (iso === null ? null : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

function tokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    owner: token.userEmail,
    created: time(token.createdAt),
    lastUsed: time(token.lastUsedAt),
    revoked: time(token.revokedAt),
  };
}

function renderTokens(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  view: { status: number; name?: string; errors?: FieldErrors; created?: { name: string; token: string } },
): void {
  const user = staff(req);
  const admin = user.role === 'admin';
  const tokens = admin ? ctx.repos.tokens.listAll() : listTokens(ctx, user.id);
  res.status(view.status).render('desk/tokens', {
    tokens: tokens.map(tokenView),
    showOwner: admin,
    form: { name: view.name ?? '' },
    errors: view.errors ?? {},
    created: view.created ?? null,
    notice: req.query.done === 'revoked' ? 'The token was revoked. Calls with it now answer 401.' : null,
    nameMax: TOKEN_NAME_MAX,
  });
}

/** Desk pages for API tokens: list, create, revoke. Plain forms. */
export function tokenPages(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk/tokens', (req, res) => {
    renderTokens(ctx, req, res, { status: 200 });
  });

  router.post('/desk/tokens', (req, res) => {
    const name = bodyField(req, 'name');
    const result = createToken(ctx, actorOf(req), staff(req).id, name);
    if (!result.ok) {
      renderTokens(ctx, req, res, { status: 422, name, errors: result.errors });
      return;
    }
    // Shown in this answer only (no redirect: the secret must not travel in a URL or be shown twice).
    renderTokens(ctx, req, res, { status: 201, created: { name: result.record.name, token: result.token } });
  });

  router.post('/desk/tokens/:id/revoke', (req, res) => {
    revokeToken(ctx, actorOf(req), idParam(req));
    res.redirect(303, '/desk/tokens?done=revoked');
  });

  return router;
}
