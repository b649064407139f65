/**
 * The dashboard's prompts page through supertest: every theme's built-in prompts and the guild's
 * own, add / edit / delete written to the database by the web (no worker), CSRF, zod validation
 * with localized errors, escaping, and who may change prompts (organisers, like /mixer prompts).
 */
import { expect } from 'chai';
import { dashboardApp, signedIn, useGuildPageSuite } from '../../../support/web/dashboard-app.js';
import { csrfFrom } from '../../../support/web/browser.js';
import { CustomPromptModel } from '../../../../shared/deepen/mixer/custom-prompt.model.js';
import {
  addCustomPrompt,
  listCustomPrompts,
  MAX_CUSTOM_PER_THEME,
} from '../../../../shared/deepen/mixer/custom-prompt.service.js';
import { updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';

const MALICIOUS = '<script>alert(1)</script>';

describe('dashboard prompts page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_prompts', '/prompts');

  const seed = (text: string, theme = 'career', guildId = suite.world.guildA) =>
    addCustomPrompt({ guildId, theme, text, by: suite.world.people.manager });

  it('lists every theme with its built-in prompts in the visitor language and the guild prompts, escaped', async () => {
    await seed(`${MALICIOUS} 転職のきっかけは？`);
    await seed('Only in guild B', 'career', suite.world.guildB);
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text.match(/data-testid="prompt-theme"/g)).to.have.length(7);
    expect(ja.text).to.include('在籍時の思い出').and.include('入社した日のこと、覚えていますか？');
    expect(ja.text).to.include('独自のトークテーマ（1 / 25 件）');
    expect(ja.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt; 転職のきっかけは？');
    expect(ja.text).to.not.include(MALICIOUS).and.not.include('Only in guild B');
    expect(ja.text).to.include('data-testid="nav-prompts"');
    const en = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(en.text).to.include('Memories of the company').and.include('Do you remember your first day?');
    expect(en.text).to.include('Your prompts (1 of 25)');
  });

  it('adds, edits and deletes a prompt with the CSRF token, and says so after each', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    const token = csrfFrom(page.text);
    const added = await agent
      .post(suite.path)
      .type('form')
      .send({ _csrf: token, theme: 'home-time', text: '  最近ハマっている料理は？  ' })
      .expect(303);
    expect(added.headers.location).to.equal(`${suite.path}?done=added#theme-home-time`);
    const [prompt] = await listCustomPrompts(suite.world.guildA, 'home-time');
    expect(prompt).to.deep.include({ text: '最近ハマっている料理は？', theme: 'home-time' });
    const row = await CustomPromptModel.findOne({ promptId: prompt!.id }).lean();
    expect(row!.createdBy).to.equal(suite.world.people.manager);
    const notice = await agent.get(`${suite.path}?done=added`).set('Accept-Language', 'en').expect(200);
    expect(notice.text).to.include('Prompt added.');

    await agent
      .post(`${suite.path}/${prompt!.id}/edit`)
      .type('form')
      .send({ _csrf: token, text: 'What did you cook last weekend?' })
      .expect(303);
    expect(await listCustomPrompts(suite.world.guildA, 'home-time')).to.deep.equal([
      { id: prompt!.id, text: 'What did you cook last weekend?', theme: 'home-time' },
    ]);

    await agent.post(`${suite.path}/${prompt!.id}/delete`).type('form').send({ _csrf: token }).expect(303);
    expect(await CustomPromptModel.countDocuments()).to.equal(0);
    const after = await agent.get(`${suite.path}?done=deleted`).set('Accept-Language', 'ja').expect(200);
    expect(after.text).to.include('トークテーマを削除しました。');
  });

  it('refuses a post without the CSRF token and changes nothing', async () => {
    const mine = await seed('Keep me');
    const agent = await signedIn(suite.app, suite.world.people.manager);
    await agent.post(suite.path).type('form').send({ theme: 'career', text: 'No token' }).expect(403);
    await agent.post(`${suite.path}/${mine.id}/edit`).type('form').send({ text: 'Changed' }).expect(403);
    await agent.post(`${suite.path}/${mine.id}/delete`).type('form').send({}).expect(403);
    expect(await listCustomPrompts(suite.world.guildA, 'career')).to.deep.equal([mine]);
  });

  it('answers a bad form with every problem in the visitor language, keeps what was typed and stores nothing', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const token = csrfFrom((await agent.get(suite.path).expect(200)).text);
    const empty = await agent
      .post(suite.path)
      .set('Accept-Language', 'ja')
      .type('form')
      .send({ _csrf: token, theme: 'no-such-theme', text: '   ' });
    expect(empty.status).to.equal(400);
    expect(empty.text)
      .to.include('テーマを一覧から選んでください。')
      .and.include('トークテーマは1〜300文字で書いてください。');
    const long = await agent
      .post(suite.path)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: token, theme: 'career', text: `${MALICIOUS}${'あ'.repeat(300)}` });
    expect(long.status).to.equal(400);
    expect(long.text).to.include('Write a prompt of 1 to 300 characters.');
    // What was typed comes back escaped in the textarea.
    expect(long.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;あ').and.not.include(MALICIOUS);
    expect(await CustomPromptModel.countDocuments()).to.equal(0);

    const mine = await seed('Before');
    const edit = await agent
      .post(`${suite.path}/${mine.id}/edit`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: token, text: 'x'.repeat(301) });
    expect(edit.status).to.equal(400);
    expect(edit.text).to.include('Write a prompt of 1 to 300 characters.').and.include('<details open>');
    expect(await listCustomPrompts(suite.world.guildA, 'career')).to.deep.equal([mine]);
  });

  it("refuses a theme's 26th prompt with the service's localized reason", async () => {
    for (let i = 0; i < MAX_CUSTOM_PER_THEME; i++) await seed(`Prompt ${i}`, 'learning');
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const token = csrfFrom((await agent.get(suite.path).expect(200)).text);
    const full = await agent
      .post(suite.path)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: token, theme: 'learning', text: 'One more' });
    expect(full.status).to.equal(400);
    expect(full.text).to.include('This theme already has 25 prompts of yours. Remove one first.');
    expect(await CustomPromptModel.countDocuments({ theme: 'learning' })).to.equal(MAX_CUSTOM_PER_THEME);
  });

  it('lets the organiser role change prompts, shows a moderator the lists only and refuses their posts', async () => {
    const mine = await seed('Shared prompt');
    // The organiser role holder (configureGuildA) may change prompts.
    const organiser = await signedIn(suite.app, suite.world.people.moderator);
    const page = await organiser.get(suite.path).expect(200);
    expect(page.text).to.include('data-testid="prompt-add"').and.include('data-testid="prompt-edit"');
    await organiser
      .post(`${suite.path}/${mine.id}/edit`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), text: 'Edited by the organiser role' })
      .expect(303);

    // The same person as a moderator only (another role organises): the page, but no forms.
    await updateGuildSettings(suite.world.guildA, {
      roles: { organiser: '300000000000000001', moderator: suite.world.organiserRoleA },
    });
    const moderator = await signedIn(dashboardApp(suite.world), suite.world.people.moderator);
    const readOnly = await moderator.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(readOnly.text).to.include('Only organisers (Manage Server or the organiser role)');
    expect(readOnly.text).to.include('Edited by the organiser role');
    expect(readOnly.text)
      .to.not.include('data-testid="prompt-add"')
      .and.not.include('data-testid="prompt-edit"');
    const refused = await moderator
      .post(`${suite.path}/${mine.id}/delete`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfFrom(readOnly.text) });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('Only organisers (Manage Server or the organiser role)');
    expect(await CustomPromptModel.countDocuments()).to.equal(1);

    // A plain member gets no page at all.
    const member = await signedIn(suite.app, suite.world.people.member);
    await member.get(suite.path).expect(403);
  });

  it("never touches another guild's prompt, and answers 404 for a malformed id", async () => {
    const theirs = await seed('Guild B only', 'career', suite.world.guildB);
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const token = csrfFrom((await agent.get(suite.path).expect(200)).text);
    await agent
      .post(`${suite.path}/${theirs.id}/edit`)
      .type('form')
      .send({ _csrf: token, text: 'Hijacked' })
      .expect(404);
    // Another guild's prompt is, for this guild, one that does not exist: a delete is "done".
    await agent.post(`${suite.path}/${theirs.id}/delete`).type('form').send({ _csrf: token }).expect(303);
    await agent.post(`${suite.path}/not-an-id/delete`).type('form').send({ _csrf: token }).expect(404);
    expect(await listCustomPrompts(suite.world.guildB, 'career')).to.deep.equal([theirs]);
  });

  it('a second delete (two tabs) lands on the page as done; an edit of a deleted prompt is told so', async () => {
    const mine = await seed('Soon gone', 'career');
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const token = csrfFrom((await agent.get(suite.path).expect(200)).text);
    for (const _ of [1, 2]) {
      const res = await agent.post(`${suite.path}/${mine.id}/delete`).type('form').send({ _csrf: token });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.include('done=deleted');
    }
    expect(await CustomPromptModel.countDocuments()).to.equal(0);
    for (const [lang, text] of [
      ['en', 'That prompt no longer exists'],
      ['ja', 'そのお題はもうありません'],
    ] as const) {
      const edited = await agent
        .post(`${suite.path}/${mine.id}/edit`)
        .set('Accept-Language', lang)
        .type('form')
        .send({ _csrf: token, text: 'Too late' });
      expect(edited.status).to.equal(404);
      expect(edited.text).to.include(text).and.include('data-testid="prompts-notice"');
    }
  });
});
