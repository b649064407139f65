import { Router } from 'express';

/** GET /: signed-in users go to their guilds, everyone else to the login page. */
export function homeRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.redirect(303, req.session?.user ? '/guilds' : '/login');
  });
  return router;
}
