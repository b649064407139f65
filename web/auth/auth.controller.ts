import type { Request, Response } from 'express';
import { BadRequestError } from '../core/errors.js';
import { InvalidGrantError, type DiscordOAuth } from './discord-oauth.js';
import { createOAuthState, statesMatch } from './oauth-state.js';
import { takeReturnTo } from './return-to.js';
import { destroySession, regenerateSession, saveSession } from './session-ops.js';

export interface AuthControllerDeps {
  oauth: DiscordOAuth;
  now: () => number;
  sessionCookieName: string;
}

/** Login, OAuth2 callback and logout: thin handlers over the DiscordOAuth client. */
export function authController({ oauth, now, sessionCookieName }: AuthControllerDeps) {
  return {
    showLogin(req: Request, res: Response): void {
      if (req.session?.user) {
        res.redirect(303, '/guilds');
        return;
      }
      res.render('auth/login', { title: res.locals.t('web.login.title'), notice: undefined });
    },

    /** Sends the browser to Discord's consent page with a fresh `state` kept in the session. */
    async start(req: Request, res: Response): Promise<void> {
      const state = createOAuthState();
      req.session.oauthState = state;
      await saveSession(req);
      res.redirect(303, oauth.authorizeUrl(state));
    },

    /** Discord sends the browser back here with `code` and our `state`. */
    async callback(req: Request, res: Response): Promise<void> {
      const expected = req.session.oauthState;
      // One use only: a replayed callback must fail even with the right state.
      delete req.session.oauthState;
      if (!statesMatch(expected, req.query.state)) {
        throw new BadRequestError('web.error.oauthState', 'OAuth2 state mismatch');
      }
      if (typeof req.query.error === 'string') {
        res
          .status(200)
          .render('auth/login', { title: res.locals.t('web.login.title'), notice: 'web.login.denied' });
        return;
      }
      const code = req.query.code;
      if (typeof code !== 'string' || code === '')
        throw new BadRequestError('web.error.oauthCode', 'no code');
      let accessToken: string;
      try {
        accessToken = await oauth.exchangeCode(code);
      } catch (error) {
        if (!(error instanceof InvalidGrantError)) throw error;
        // A reused or stale code (Back after login, a second tab): the login page, not an error.
        res
          .status(400)
          .render('auth/login', { title: res.locals.t('web.login.title'), notice: 'web.login.expired' });
        return;
      }
      const [user, guilds] = await Promise.all([
        oauth.fetchUser(accessToken),
        oauth.fetchGuilds(accessToken),
      ]);
      const returnTo = takeReturnTo(req, res);
      // A new session id at login, so an id planted before login (fixation) is worthless.
      await regenerateSession(req);
      req.session.user = user;
      req.session.guilds = guilds;
      req.session.loginAt = now();
      await saveSession(req);
      res.redirect(303, returnTo);
    },

    async logout(req: Request, res: Response): Promise<void> {
      await destroySession(req);
      res.clearCookie(sessionCookieName, { path: '/' });
      res.redirect(303, '/login');
    },
  };
}
