/**
 * The emulator's OAuth2 authorization-code flow, driven with fetch exactly as the dashboard's
 * login does: authorize → redirect with code and state → token exchange → Bearer API calls.
 */
import { expect } from 'chai';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { silentLogger } from '../../../shared/logger.js';
import { oauth2Of } from '../../../sandbox/discord/oauth2.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

const REDIRECT = 'http://127.0.0.1:5999/auth/callback';

describe('emulator OAuth2', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 3 });
  });

  after(async () => {
    await emu?.stop();
  });

  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${emu.baseUrl}/oauth2/authorize?${new URLSearchParams({
      client_id: emu.application.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'identify guilds',
      state: 'st4te',
      ...extra,
    })}`;

  const authorize = async (extra: Record<string, string> = {}) => {
    const res = await fetch(authorizeUrl(extra), { redirect: 'manual' });
    return {
      status: res.status,
      location: res.headers.get('location') ? new URL(res.headers.get('location')!) : undefined,
      text: await res.text(),
    };
  };

  const exchange = async (form: Record<string, string>) => {
    const res = await fetch(`${emu.restBase}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: emu.application.clientId,
        client_secret: emu.application.clientSecret,
        ...form,
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  const bearer = async (path: string, token: string) => {
    const res = await fetch(`${emu.restBase}/v10${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  };

  const codeFor = async (userId: string) => {
    const { location } = await authorize({ login_as: userId });
    return location!.searchParams.get('code')!;
  };

  it('runs the whole code flow and lists the user’s guilds with owner and permissions', async () => {
    const { status, location } = await authorize({ login_as: seeded.owner.id });
    expect(status).to.equal(302);
    expect(`${location!.origin}${location!.pathname}`).to.equal(REDIRECT);
    expect(location!.searchParams.get('state')).to.equal('st4te');
    const token = await exchange({
      grant_type: 'authorization_code',
      code: location!.searchParams.get('code')!,
      redirect_uri: REDIRECT,
    });
    expect(token.status).to.equal(200);
    expect(token.body).to.include({ token_type: 'Bearer', scope: 'identify guilds' });
    const me = await bearer('/users/@me', token.body.access_token!);
    expect(me.body).to.include({ id: seeded.owner.id, username: seeded.owner.username });
    const guilds = await bearer('/users/@me/guilds', token.body.access_token!);
    expect(guilds.status).to.equal(200);
    const acme = (guilds.body as { id: string; owner: boolean; permissions: string }[]).find(
      (g) => g.id === seeded.guild.id,
    )!;
    expect(acme.owner).to.equal(true);
    expect(BigInt(acme.permissions) & PermissionFlagsBits.ManageGuild).to.equal(
      PermissionFlagsBits.ManageGuild,
    );
  });

  it('gives a plain member the guild without Manage Guild', async () => {
    const member = seeded.members[0]!;
    const token = await exchange({
      grant_type: 'authorization_code',
      code: await codeFor(member.id),
      redirect_uri: REDIRECT,
    });
    const guilds = (await bearer('/users/@me/guilds', token.body.access_token!)).body as {
      id: string;
      owner: boolean;
      permissions: string;
    }[];
    const acme = guilds.find((g) => g.id === seeded.guild.id)!;
    expect(acme.owner).to.equal(false);
    expect(BigInt(acme.permissions) & PermissionFlagsBits.ManageGuild).to.equal(0n);
  });

  it('answers invalid_grant when a code is used twice or with another redirect_uri', async () => {
    const code = await codeFor(seeded.owner.id);
    await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const reused = await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const otherRedirect = await exchange({
      grant_type: 'authorization_code',
      code: await codeFor(seeded.owner.id),
      redirect_uri: 'http://127.0.0.1:5999/other',
    });
    expect(reused.status).to.equal(400);
    expect(reused.body.error).to.equal('invalid_grant');
    expect(reused.body.error_description).to.be.a('string');
    expect(otherRedirect.body.error).to.equal('invalid_grant');
  });

  it('answers invalid_client for a wrong client secret', async () => {
    const res = await exchange({
      grant_type: 'authorization_code',
      code: await codeFor(seeded.owner.id),
      redirect_uri: REDIRECT,
      client_secret: 'wrong',
    });
    expect(res.status).to.equal(401);
    expect(res.body.error).to.equal('invalid_client');
  });

  it('refreshes a token, after which the old access token no longer works', async () => {
    const first = await exchange({
      grant_type: 'authorization_code',
      code: await codeFor(seeded.owner.id),
      redirect_uri: REDIRECT,
    });
    const refreshed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
    });
    expect(refreshed.status).to.equal(200);
    expect(refreshed.body.access_token).not.to.equal(first.body.access_token);
    expect((await bearer('/users/@me/guilds', first.body.access_token!)).status).to.equal(401);
    expect((await bearer('/users/@me/guilds', refreshed.body.access_token!)).status).to.equal(200);
  });

  it('revokes a token', async () => {
    const token = await exchange({
      grant_type: 'authorization_code',
      code: await codeFor(seeded.owner.id),
      redirect_uri: REDIRECT,
    });
    const res = await fetch(`${emu.restBase}/oauth2/token/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: token.body.access_token!,
        client_id: emu.application.clientId,
        client_secret: emu.application.clientSecret,
      }),
    });
    expect(res.status).to.equal(200);
    expect((await bearer('/users/@me/guilds', token.body.access_token!)).status).to.equal(401);
  });

  it('logs in as the configured default user when the request names nobody', async () => {
    oauth2Of(emu.state).defaultUserId = seeded.members[1]!.id;
    try {
      const { location } = await authorize();
      const token = await exchange({
        grant_type: 'authorization_code',
        code: location!.searchParams.get('code')!,
        redirect_uri: REDIRECT,
      });
      expect(emu.state.data.oauthTokens.get(token.body.access_token!)?.userId).to.equal(
        seeded.members[1]!.id,
      );
    } finally {
      oauth2Of(emu.state).defaultUserId = undefined;
    }
  });

  it('shows a page to pick a user when nobody is chosen', async () => {
    const { status, text } = await authorize();
    expect(status).to.equal(200);
    expect(text).to.contain(`login_as=${seeded.owner.id}`);
  });

  it('refuses a redirect_uri outside 127.0.0.1/localhost and redirects an unsupported scope with invalid_scope', async () => {
    const badRedirect = await authorize({
      redirect_uri: 'https://evil.example/cb',
      login_as: seeded.owner.id,
    });
    const badScope = await authorize({ scope: 'identify messages.read', login_as: seeded.owner.id });
    expect(badRedirect.status).to.equal(400);
    expect(badScope.location!.searchParams.get('error')).to.equal('invalid_scope');
    expect(badScope.location!.searchParams.get('state')).to.equal('st4te');
  });

  it('refuses /users/@me/guilds without the guilds scope', async () => {
    const { location } = await authorize({ scope: 'identify', login_as: seeded.owner.id });
    const token = await exchange({
      grant_type: 'authorization_code',
      code: location!.searchParams.get('code')!,
      redirect_uri: REDIRECT,
    });
    const res = await bearer('/users/@me/guilds', token.body.access_token!);
    expect(res.status).to.equal(401);
  });
});
