import type { RequestHandler } from 'express';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../core/errors.js';
import type { GuildAccess } from '../core/guild-access.service.js';

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * Checks, on every request under /guilds/:guildId, that the signed-in user may manage THAT
 * guild right now (Manage Guild, Administrator, owner or a configured staff role). The answer
 * comes from Discord through the bot (cached briefly), never from what the browser sends.
 */
export function requireGuildAccess(guildAccess: GuildAccess): RequestHandler {
  return async (req, res, next) => {
    const user = req.session?.user;
    if (!user) throw new UnauthorizedError();
    const guildId = req.params.guildId;
    if (typeof guildId !== 'string' || !SNOWFLAKE.test(guildId)) throw new NotFoundError('not a guild id');
    const access = await guildAccess.check(guildId, user.id);
    // One answer for "not a member", "no permission" and "bot absent": no guild is revealed.
    if (!access.allowed || !access.guild)
      throw new ForbiddenError('web.error.guildForbidden', 'no access to guild');
    res.locals.guild = access.guild;
    res.locals.access = access;
    next();
  };
}
