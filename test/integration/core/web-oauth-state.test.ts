import { expect } from 'chai';
import { createOAuthState, safeReturnTo, statesMatch } from '../../../web/auth/oauth-state.js';

describe('OAuth2 state and return addresses', () => {
  it('creates a different 256-bit state each time', () => {
    const a = createOAuthState();
    expect(a).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(createOAuthState()).to.not.equal(a);
  });

  it('matches only the exact state stored in the session', () => {
    const state = createOAuthState();
    expect(statesMatch(state, state)).to.equal(true);
    expect(statesMatch(state, `${state}x`)).to.equal(false);
    expect(statesMatch(state, undefined)).to.equal(false);
    expect(statesMatch(undefined, state)).to.equal(false);
    expect(statesMatch(state, [state])).to.equal(false);
  });

  it('returns only to paths on this site', () => {
    expect(safeReturnTo('/guilds/123')).to.equal('/guilds/123');
    expect(safeReturnTo('//evil.example/x')).to.equal('/guilds');
    expect(safeReturnTo('https://evil.example')).to.equal('/guilds');
    expect(safeReturnTo('/\\evil.example')).to.equal('/guilds');
    expect(safeReturnTo(undefined, '/')).to.equal('/');
  });
});
