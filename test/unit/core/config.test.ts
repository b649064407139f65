import { expect } from 'chai';
import { ConfigError, loadConfig, weakSecretReason } from '../../../shared/config.js';

describe('config', () => {
  it('runs in sandbox mode with defaults when DISCORD_TOKEN is absent', () => {
    const config = loadConfig({});
    expect(config.mode).to.equal('sandbox');
    expect(config.port).to.equal(3000);
    expect(config.defaultLocale).to.equal('ja');
    expect(config.defaultTimeZone).to.equal('Asia/Tokyo');
    expect(config.mongoUri).to.equal(undefined);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DISCORD_TOKEN: '', MONGODB_URI: '  ' });
    expect(config.mode).to.equal('sandbox');
    expect(config.mongoUri).to.equal(undefined);
  });

  it('refuses production without MONGODB_URI and SESSION_SECRET, listing every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ DISCORD_TOKEN: 'token', PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'MONGODB_URI',
      'SESSION_SECRET',
      'DISCORD_CLIENT_ID',
      'DISCORD_CLIENT_SECRET',
      'PORT',
      'PUBLIC_URL',
    ]) {
      expect(problems).to.contain(name);
    }
  });

  it('accepts a complete production environment', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'token',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_CLIENT_SECRET: 'secret',
      MONGODB_URI: 'mongodb+srv://user:pw@cluster.example.net/tsunagu',
      SESSION_SECRET: '3f9c1e7ab24d8e60c5f1a9b7d3e2c48f',
      PUBLIC_URL: 'https://tsunagu.example.com',
      PORT: '8080',
    });
    expect(config.mode).to.equal('production');
    expect(config.port).to.equal(8080);
    expect(config.discord.clientId).to.equal('123456789012345678');
  });

  it('lets command deployment run with only the token and application id', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'token', DISCORD_CLIENT_ID: '123456789012345678' }, 'deploy');
    expect(config.mode).to.equal('production');
    expect(() => loadConfig({ DISCORD_TOKEN: 'token' }, 'deploy')).to.throw(ConfigError, /DISCORD_CLIENT_ID/);
  });

  it('rejects a time zone that is not IANA', () => {
    expect(() => loadConfig({ DEFAULT_TIME_ZONE: 'Tokyo/Japan' })).to.throw(ConfigError, /DEFAULT_TIME_ZONE/);
  });

  it('rejects a MONGODB_URI that is not a mongodb URI', () => {
    expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).to.throw(ConfigError, /MONGODB_URI/);
  });

  describe('SESSION_SECRET strength (the dashboard signs sessions and CSRF tokens with it)', () => {
    const production = {
      DISCORD_TOKEN: 'token',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_CLIENT_SECRET: 'secret',
      MONGODB_URI: 'mongodb://db.example.net/tsunagu',
      PUBLIC_URL: 'https://tsunagu.example.com',
    };
    const problemsOf = (env: NodeJS.ProcessEnv, purpose?: 'web' | 'worker') => {
      try {
        loadConfig(env, purpose);
        return [];
      } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
    };

    it('refuses 32 × "a" in production with one clear message', () => {
      const problems = problemsOf({ ...production, SESSION_SECRET: 'a'.repeat(32) });
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^SESSION_SECRET is too easy to guess .*openssl rand -hex 32/);
    });

    it('refuses a word, a short pattern repeated and a secret under 32 characters', () => {
      for (const secret of ['passwordpasswordpasswordpassword', '0123456789'.repeat(4), 'Zq8#kP2!vX9@mL4$'])
        expect(weakSecretReason(secret), secret).to.be.a('string');
    });

    it('refuses the alphabet or digits typed out, up or down, even with high entropy', () => {
      for (const secret of [
        'abcdefghijklmnopqrstuvwxyz012345',
        'zyxwvutsrqponmlkjihgfedcba987654',
        'Xq7#9fK2-ABCDEFGHIJ-mN4pL8wT0sZ!',
      ])
        expect(weakSecretReason(secret), secret).to.match(/run like abcdefgh.*openssl rand -hex 32/);
      // Short runs happen in random values and are fine.
      expect(weakSecretReason('9f3a4b5c0d1e7f2a8b6c3d9e0f1a2b7c')).to.equal(undefined);
    });

    it('accepts random secrets in hex and base64 (openssl rand -hex 32, -base64 32)', () => {
      for (const secret of [
        '3f9c1e7ab24d8e60c5f1a9b7d3e2c48f',
        'b8e1f0c27a9d4e6b3c5f8a1d2e7b9c04f6a3d8e1b2c7f9a0e4d6b1c3a5f7e9d2',
        'q0VYk7c2Zr1mH8pL4wN9sT3xB6fJ5dG+uE/aR1iO2yM=',
      ])
        expect(weakSecretReason(secret), secret).to.equal(undefined);
    });

    it('checks the length in the sandbox too, the entropy only in production', () => {
      expect(problemsOf({ SESSION_SECRET: 'short' })).to.deep.equal([
        'SESSION_SECRET must be at least 32 characters',
      ]);
      expect(problemsOf({ SESSION_SECRET: 'a'.repeat(32) })).to.deep.equal([]);
    });
  });

  describe('per process', () => {
    it('lets the bot worker run without SESSION_SECRET, PUBLIC_URL or the OAuth2 client', () => {
      const config = loadConfig(
        { DISCORD_TOKEN: 'token', MONGODB_URI: 'mongodb://db.example.net/t' },
        'worker',
      );
      expect(config.mode).to.equal('production');
      expect(config.sessionSecret).to.equal(undefined);
    });

    it('does not judge a SESSION_SECRET the worker does not use', () => {
      const env = {
        DISCORD_TOKEN: 'token',
        MONGODB_URI: 'mongodb://db.example.net/t',
        SESSION_SECRET: 'weak',
      };
      expect(loadConfig(env, 'worker').mode).to.equal('production');
    });

    it('still requires MONGODB_URI for the worker', () => {
      expect(() => loadConfig({ DISCORD_TOKEN: 'token' }, 'worker')).to.throw(ConfigError, /MONGODB_URI/);
    });

    it('makes the dashboard (the default purpose) require SESSION_SECRET', () => {
      expect(() => loadConfig({ DISCORD_TOKEN: 'token' })).to.throw(ConfigError, /SESSION_SECRET/);
      expect(() => loadConfig({ DISCORD_TOKEN: 'token' }, 'web')).to.throw(ConfigError, /SESSION_SECRET/);
    });
  });
});
