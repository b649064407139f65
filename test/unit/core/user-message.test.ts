import { expect } from 'chai';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { userMessageFor } from '../../../bot/core/user-message.js';
import { UserError } from '../../../bot/core/user-error.js';

function apiError(code: number, status: number): DiscordAPIError {
  return new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'http://x/api/v10/y', {
    body: undefined,
  });
}

describe('user messages for errors', () => {
  it('GIVEN 50013 Missing Permissions THEN says the bot lacks a permission', () => {
    expect(userMessageFor(apiError(50013, 403))).to.deep.include({
      key: 'bot.error.missingPermission',
      expected: true,
    });
  });

  it('GIVEN 50001 Missing Access THEN says the bot lacks a permission', () => {
    expect(userMessageFor(apiError(50001, 403)).key).to.equal('bot.error.missingPermission');
  });

  it('GIVEN 50007 Cannot send messages to this user THEN says DMs are closed', () => {
    expect(userMessageFor(apiError(50007, 403))).to.deep.include({
      key: 'bot.error.dmClosed',
      expected: true,
    });
  });

  it('GIVEN 10007 Unknown Member THEN says the target no longer exists', () => {
    expect(userMessageFor(apiError(10007, 404)).key).to.equal('bot.error.unknownTarget');
  });

  it('GIVEN 50035 Invalid Form Body THEN says Discord did not accept the content, as a fault', () => {
    expect(userMessageFor(apiError(50035, 400))).to.deep.include({
      key: 'bot.error.invalidContent',
      expected: false,
    });
  });

  it('GIVEN a rate limit error of 2500 ms THEN asks to retry in 3 seconds', () => {
    const error = new RateLimitError({
      timeToReset: 2500,
      limit: 1,
      method: 'POST',
      hash: 'h',
      url: 'u',
      route: '/r',
      majorParameter: 'm',
      global: false,
      retryAfter: 2500,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(userMessageFor(error)).to.deep.include({ key: 'error.rateLimited', vars: { seconds: 3 } });
  });

  it('GIVEN a 502 from Discord THEN says Discord is unavailable', () => {
    expect(userMessageFor(new HTTPError(502, 'Bad Gateway', 'GET', 'u', { body: undefined })).key).to.equal(
      'bot.error.discordUnavailable',
    );
  });

  it('GIVEN a UserError THEN uses its key and variables', () => {
    expect(userMessageFor(new UserError('error.invalidInput', { reason: 'too long' }))).to.deep.equal({
      key: 'error.invalidInput',
      vars: { reason: 'too long' },
      expected: true,
    });
  });

  it('GIVEN any other error THEN answers the generic message, as a fault', () => {
    expect(userMessageFor(new TypeError('boom'))).to.deep.equal({ key: 'error.generic', expected: false });
  });
});
