import { Router, type RequestHandler } from 'express';
import { authController, type AuthControllerDeps } from './auth.controller.js';

/** /login, /auth/discord, /auth/callback and POST /logout, all behind the auth rate limiter. */
export function authRoutes(deps: AuthControllerDeps & { limiter: RequestHandler }): Router {
  const controller = authController(deps);
  const router = Router();
  router.get('/login', deps.limiter, controller.showLogin);
  router.get('/auth/discord', deps.limiter, controller.start);
  router.get('/auth/callback', deps.limiter, controller.callback);
  router.post('/logout', deps.limiter, controller.logout);
  return router;
}
