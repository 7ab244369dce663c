import { Router } from 'express';
import type { ServiceContext } from '../services/context.js';

/** Placeholder: filled in by the accounts work. */
export function accountRoutes(_ctx: ServiceContext): Router {
  return Router();
}
