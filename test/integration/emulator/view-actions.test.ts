/**
 * Acting in the Discord view, in headless Chromium: everything goes through the control API and
 * the people drivers, so the bot (here a stand-in answering over REST) gets real interactions and
 * gateway events; the page follows every change live, without reloading.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { launchChromium } from '../../support/browser.js';
import { openViewPage, type ViewPage } from './view-browser.js';
import { startViewWorld, type ViewWorld } from './view-world.js';

/** The bot posts a message with one button in #general. */
function postButton(w: ViewWorld, label: string, customId: string): void {
  w.emu.state.messages.create(w.channel('general'), {
    authorId: w.emu.botUser.id,
    content: label,
    components: [{ type: 1, components: [{ type: 2, style: 1, label, custom_id: customId }] }] as never,
  });
}

describe('Discord view: acting as a member (browser)', function () {
  this.timeout(30_000);
  let w: ViewWorld;
  let browser: Browser;
  let view: ViewPage;

  before(async () => {
    w = await startViewWorld();
    browser = await launchChromium();
    view = await openViewPage(browser, w);
  });

  after(async () => {
    await browser?.close();
    await w?.emu.stop();
  });

  afterEach(() => {
    expect(view.problems).to.deep.equal([]);
  });

  it('shows a message someone else posts, live', async () => {
    const general = w.channel('general');
    await view.open({ channel: general, as: w.seeded.owner.id });
    driversFor(w.emu).sendMessage(general, w.seeded.members[0]!.id, 'ライブで届きました');
    await view.page.getByText('ライブで届きました').waitFor();
  });

  it('sends a message as the member', async () => {
    const [member] = w.seeded.members;
    await view.open({ channel: w.channel('general'), as: member!.id });
    await view.page.getByRole('textbox', { name: 'メッセージ' }).fill('こんにちは **みなさん**');
    await view.page.keyboard.press('Enter');
    await view.page.locator('.message-content strong', { hasText: 'みなさん' }).waitFor();
    const sent = driversFor(w.emu).messagesIn(w.channel('general')).at(-1)!;
    expect(sent).to.include({ content: 'こんにちは **みなさん**' });
    expect(sent.author.id).to.equal(member!.id);
  });

  it('runs a slash command by its Japanese name with a required channel option', async () => {
    await view.open({ channel: w.channel('general'), as: w.seeded.owner.id });
    await view.page.getByTestId('open-slash').click();
    const panel = view.page.getByTestId('slash-panel');
    await panel.getByRole('button', { name: /\/セットアップ チャンネル/ }).click();
    const option = panel.getByLabel(/ウェルカム/);
    expect(await option.getAttribute('required')).to.not.equal(null);
    expect(await panel.locator('.required-mark').count()).to.equal(1);
    await option.selectOption({ label: '#welcome' });
    const next = w.nextInteraction();
    await panel.getByRole('button', { name: '送信' }).click();
    const interaction = await next;
    expect(interaction.data).to.deep.include({ name: 'setup' });
    expect((interaction.data as { options: unknown }).options).to.deep.equal([
      { type: 1, name: 'channels', options: [{ type: 7, name: 'welcome', value: w.channel('welcome') }] },
    ]);
    await w.answer(interaction, { type: 4, data: { content: '設定しました', flags: 64 } });
    await view.page.getByTestId('ephemeral-message').getByText('設定しました').waitFor();
  });

  it('opens the bot’s modal and holds it to the text inputs’ min and max lengths', async () => {
    const general = w.channel('general');
    postButton(w, '答える', 'ask');
    await view.open({ channel: general, as: w.seeded.owner.id });
    const clicked = w.nextInteraction();
    await view.page.getByRole('button', { name: '答える' }).click();
    await w.answer(await clicked, {
      type: 9,
      data: {
        custom_id: 'answer',
        title: 'ひとこと',
        components: [
          {
            type: 18,
            label: 'ニックネーム',
            component: { type: 4, custom_id: 'nick', style: 1, min_length: 3, max_length: 8 },
          },
          { type: 18, label: 'メモ', component: { type: 4, custom_id: 'memo', style: 2, required: false } },
        ],
      },
    });
    const modal = view.page.getByTestId('modal');
    const nick = modal.getByLabel('ニックネーム');
    expect(await nick.getAttribute('maxlength')).to.equal('8');
    await nick.fill('あい');
    await modal.getByRole('button', { name: '送信' }).click();
    expect(
      await nick.evaluate((el) => (el as unknown as { validationMessage: string }).validationMessage),
    ).to.equal('3 文字以上で入力してください。');
    await nick.fill('あいうえおかきくけこ');
    expect(await nick.inputValue()).to.equal('あいうえおかきく');
    const submitted = w.nextInteraction();
    await modal.getByRole('button', { name: '送信' }).click();
    const submit = await submitted;
    expect(submit.type).to.equal(5);
    expect(JSON.stringify(submit.data)).to.include('"custom_id":"nick","value":"あいうえおかきく"');
    await modal.waitFor({ state: 'detached' });
    await w.answer(submit, { type: 4, data: { content: 'ありがとう', flags: 64 } });
  });

  it('says the interaction failed when the bot does not answer in time', async () => {
    await w.control('PUT', '/settings', { interactionResponseMs: 200 });
    postButton(w, '待つ', 'wait');
    await view.open({ channel: w.channel('general'), as: w.seeded.owner.id });
    await view.page.getByRole('button', { name: '待つ' }).click();
    await view.page.getByTestId('toast').filter({ hasText: 'インタラクションに失敗しました' }).waitFor();
    await w.control('PUT', '/settings', { interactionResponseMs: 3000 });
  });

  it('joins, moves between and leaves voice channels, shown live in the channel list', async () => {
    const [member] = w.seeded.members;
    await view.open({ channel: w.channel('general'), as: member!.id });
    const sidebar = view.page.locator('.sidebar');
    await sidebar.getByRole('button', { name: 'Lounge' }).click();
    await sidebar.locator('.voice-member', { hasText: 'Member 001' }).waitFor();
    expect(w.emu.state.voice.find(w.guildId, member!.id)?.channelId).to.equal(w.channel('Lounge'));
    await sidebar.getByRole('button', { name: 'Room 1' }).click();
    await view.page.getByText('ボイス接続中: Room 1').waitFor();
    await view.page.getByRole('button', { name: '切断' }).click();
    await view.page.getByText('ボイス接続中').waitFor({ state: 'detached' });
    expect(w.emu.state.voice.find(w.guildId, member!.id)).to.equal(undefined);
    driversFor(w.emu).voiceJoin(w.guildId, w.seeded.members[1]!.id, w.channel('Room 2'));
    await sidebar.locator('.voice-member', { hasText: 'Member 002' }).waitFor();
  });

  it('lets someone outside the guild join through an invite, then leave it', async () => {
    const outsider = w.emu.state.users.create({ username: 'outsider', globalName: '外の人' });
    const invite = w.emu.state.invites.create(w.channel('general'), { inviterId: w.seeded.owner.id });
    await view.open({ channel: w.channel('general'), as: outsider.id });
    const banner = view.page.getByTestId('join-banner');
    await banner.getByText('外の人 は Acme アルムナイ のメンバーではありません。').waitFor();
    await banner.getByRole('combobox').selectOption(invite.code);
    await banner.getByRole('button', { name: 'サーバーに参加' }).click();
    await view.page.getByTestId('member-list').getByText('外の人').waitFor();
    expect(w.emu.state.invites.get(invite.code).uses).to.equal(1);
    await view.page.getByRole('button', { name: 'サーバーから脱退' }).click();
    await view.page.getByRole('button', { name: '脱退する' }).click();
    await view.page.getByTestId('join-banner').waitFor();
    expect(w.emu.state.members.find(w.guildId, outsider.id)).to.equal(undefined);
  });

  it('acts as whoever is picked, and closes that person’s DMs', async () => {
    const [, , third] = w.seeded.members;
    w.emu.state.channels.openDm(third!.id);
    await view.open({ channel: w.channel('general'), as: w.seeded.owner.id });
    await view.page.getByTestId('actor-picker').selectOption(third!.id);
    await view.page.getByTestId('user-panel').getByText('Member 003').waitFor();
    await view.page.getByTestId('open-dms').click();
    await view.page.getByLabel('ボットからのDMを受け取らない').check();
    await driversFor(w.emu).waitFor(() => w.emu.state.users.get(third!.id).dmsClosed, 3000, 'DMs closed');
  });

  it('switches its own words between Japanese and English', async () => {
    await view.open({ channel: w.channel('general'), as: w.seeded.owner.id });
    await view.page.getByRole('button', { name: 'English' }).click();
    await view.page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await view.page.getByTestId('open-slash').textContent()).to.equal('/ Commands');
    expect(await view.page.locator('html').getAttribute('lang')).to.equal('en');
    await view.page.getByRole('button', { name: '日本語' }).click();
    await view.page.getByRole('textbox', { name: 'メッセージ' }).waitFor();
  });
});
