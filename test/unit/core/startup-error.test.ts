import { expect } from 'chai';
import { DiscordjsErrorCodes } from 'discord.js';
import { explainLoginFailure } from '../../../bot/core/startup-error.js';

describe('start-up failure explanations', () => {
  it('GIVEN close code 4014 THEN names the Server Members Intent and where to enable it', () => {
    const failure = explainLoginFailure(new Error('Used disallowed intents'), [4014]);
    expect(failure.kind).to.equal('disallowed-intent');
    expect(failure.subject).to.equal('GuildMembers');
    expect(failure.message).to.include('Server Members Intent');
    expect(failure.message).to.include(
      'Developer Portal → your application → Bot → Privileged Gateway Intents',
    );
  });

  it('GIVEN only the "Used disallowed intents" error THEN still explains the intent', () => {
    expect(explainLoginFailure(new Error('Used disallowed intents'), []).kind).to.equal('disallowed-intent');
  });

  it('GIVEN close code 4004 THEN says the token was rejected', () => {
    expect(explainLoginFailure(new Error('Authentication failed'), [4004]).kind).to.equal('invalid-token');
  });

  it('GIVEN a 401 from GET /gateway/bot THEN says the token was rejected', () => {
    const tokenInvalid = Object.assign(new Error('An invalid token was provided.'), {
      code: DiscordjsErrorCodes.TokenInvalid,
    });
    expect(explainLoginFailure(tokenInvalid, []).kind).to.equal('invalid-token');
  });

  it('GIVEN a network error THEN says it could not connect and keeps the cause', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const failure = explainLoginFailure(cause, []);
    expect(failure.kind).to.equal('gateway');
    expect(failure.message).to.include('ECONNREFUSED');
    expect(failure.cause).to.equal(cause);
  });
});
