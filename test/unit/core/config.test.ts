import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../shared/config.js';

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
      SESSION_SECRET: 'x'.repeat(32),
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
});
