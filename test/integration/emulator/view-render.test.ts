/**
 * The Discord view draws messages as Discord does, in headless Chromium: mentions by name,
 * timestamps in the viewer's zone, markdown, embeds, attachments, components — and never a
 * message's text as markup, nor anything loaded from elsewhere. Ephemeral replies show only to
 * the member who got them.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { openViewPage, type ViewPage } from './view-browser.js';
import { startViewWorld, type ViewWorld } from './view-world.js';

/** The part of an <img> the test reads in the page (the test's TypeScript has no DOM types). */
type LoadedImage = { naturalWidth: number };

const NEW_YEAR = 1767225600; // 2026-01-01T00:00:00Z
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

describe('Discord view: how messages look (browser)', function () {
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

  it('names mentioned people, roles and channels, and shows a message’s markup as text', async () => {
    const [author] = w.seeded.members;
    const general = w.channel('general');
    w.emu.state.members.addRole(w.guildId, w.seeded.owner.id, w.seeded.roles.Organiser!.id);
    w.emu.state.messages.create(general, {
      authorId: author!.id,
      content: `Hi <@${w.seeded.owner.id}>, <@&${w.seeded.roles.Alumni!.id}> see <#${w.channel('events')}> **now** <img src=x onerror=alert(1)><script>alert(2)</script>`,
    });
    await view.open({ channel: general, as: w.seeded.owner.id });
    const message = view.page.getByTestId('message').last();
    await message.getByText('@Owner').waitFor();
    expect(await message.locator('.mention').allTextContents()).to.deep.equal([
      '@Owner',
      '@Alumni',
      '#events',
    ]);
    expect(await message.locator('strong').textContent()).to.equal('now');
    expect(await message.locator('.message-content').textContent()).to.include(
      '<img src=x onerror=alert(1)><script>alert(2)</script>',
    );
    expect(await view.page.locator('img[src="x"], .message-content script').count()).to.equal(0);
    const roleColour = await message
      .locator('.role-mention')
      .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color);
    expect(roleColour).to.equal('rgb(88, 101, 242)');
  });

  it('shows <t:…> timestamps in each style, in the viewer’s time zone and the view’s language', async () => {
    const general = w.channel('general');
    w.emu.state.messages.create(general, {
      authorId: w.emu.botUser.id,
      content: `<t:${NEW_YEAR}:F> | <t:${NEW_YEAR}:d> | <t:${NEW_YEAR}:t> | <t:${NEW_YEAR}:R>`,
    });
    await view.open({ channel: general, as: w.seeded.owner.id });
    const times = view.page.getByTestId('message').last().locator('time.md-timestamp');
    await times.first().waitFor();
    const [full, date, time, relative] = await times.allTextContents();
    expect(full).to.equal('2026年1月1日木曜日 9:00');
    expect(date).to.equal('2026/01/01');
    expect(time).to.equal('9:00');
    expect(relative).to.match(/前|後/);
    expect(await times.first().getAttribute('datetime')).to.equal('2026-01-01T00:00:00.000Z');

    const ny = await openViewPage(browser, w, { locale: 'en-US', timezoneId: 'America/New_York' });
    await ny.page.addInitScript({
      content: `if (location.protocol === 'http:') localStorage.setItem('tsunagu.discordView.lang', 'en');`,
    });
    await ny.open({ channel: general, as: w.seeded.owner.id });
    const nyFull = ny.page.getByTestId('message').last().locator('time.md-timestamp').first();
    expect(await nyFull.textContent()).to.match(/^Wednesday, December 31, 2025 at 7:00\sPM$/);
    expect(ny.problems).to.deep.equal([]);
    await ny.page.context().close();
  });

  it('draws an embed: colour bar, title, inline fields three to a row, footer, and no external image', async () => {
    const general = w.channel('general');
    w.emu.state.data.attachments.set('900', { filename: 'local.png', contentType: 'image/png', data: PIXEL });
    w.emu.state.messages.create(general, {
      authorId: w.emu.botUser.id,
      embeds: [
        {
          title: '山田 花子 さんの自己紹介',
          description: 'よろしく **お願いします**',
          color: 0x57f287,
          fields: [
            { name: '退職年', value: '2019', inline: true },
            { name: '在籍期間', value: '5〜10年', inline: true },
            { name: '新卒入社', value: 'はい', inline: true },
            { name: '興味・関心', value: '登山', inline: false },
          ],
          footer: { text: '自己紹介・つなぐ' },
          thumbnail: { url: 'https://cdn.example.com/avatar.png' },
          image: { url: `${w.emu.baseUrl}/attachments/900/local.png` },
        },
      ],
    });
    await view.open({ channel: general, as: w.seeded.owner.id });
    const embed = view.page.getByTestId('embed').last();
    await embed.waitFor();
    expect(await embed.locator('.embed-title').textContent()).to.equal('山田 花子 さんの自己紹介');
    expect(await embed.locator('.embed-field.span-4').count()).to.equal(3);
    expect(await embed.locator('.embed-field.span-12').count()).to.equal(1);
    expect(await embed.locator('.embed-footer').textContent()).to.equal('自己紹介・つなぐ');
    expect(
      await embed.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).borderLeftColor),
    ).to.equal('rgb(87, 242, 135)');
    expect(await embed.locator('.embed-thumbnail.image-placeholder').getAttribute('title')).to.equal(
      'https://cdn.example.com/avatar.png',
    );
    // The emulator's own file (an absolute 127.0.0.1 URL) becomes a same-origin path, so it loads.
    const image = embed.locator('img.embed-image');
    expect(await image.getAttribute('src')).to.equal('/attachments/900/local.png');
    // Loaded: the 1×1 pixel arrived (an <img> blocked by the CSP would have no width).
    await view.page.waitForFunction(
      (el) => (el as unknown as LoadedImage).naturalWidth === 1,
      await image.elementHandle(),
    );
  });

  it('draws buttons by style, disabled and link buttons, and every kind of select menu', async () => {
    const general = w.channel('general');
    w.emu.state.messages.create(general, {
      authorId: w.emu.botUser.id,
      content: 'Pick',
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: 'Primary', custom_id: 'p' },
            { type: 2, style: 3, label: 'Success', custom_id: 's' },
            { type: 2, style: 4, label: 'Danger', custom_id: 'd', disabled: true },
            { type: 2, style: 5, label: 'Docs', url: 'https://discord.com/developers' },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 3,
              custom_id: 'str',
              placeholder: 'Choose a colour',
              options: [
                { label: 'Red', value: 'red' },
                { label: 'Blue', value: 'blue', description: 'calm' },
              ],
            },
          ],
        },
        { type: 1, components: [{ type: 5, custom_id: 'usr', placeholder: 'Who?', max_values: 2 }] },
        { type: 1, components: [{ type: 6, custom_id: 'rol', placeholder: 'Which role?' }] },
        { type: 1, components: [{ type: 8, custom_id: 'chn', placeholder: 'Where?', channel_types: [2] }] },
      ] as never,
    });
    await view.open({ channel: general, as: w.seeded.owner.id });
    const message = view.page.getByTestId('message').last();
    await message.getByRole('button', { name: 'Primary' }).waitFor();
    const style = (id: string) => message.locator(`button[data-custom-id="${id}"]`).getAttribute('class');
    expect(await style('p')).to.equal('button button-primary');
    expect(await style('s')).to.equal('button button-success');
    expect(await style('d')).to.equal('button button-danger');
    expect(await message.getByRole('button', { name: 'Danger' }).isDisabled()).to.equal(true);
    const link = message.getByRole('link', { name: /Docs/ });
    expect(await link.getAttribute('href')).to.equal('https://discord.com/developers');
    expect(await link.getAttribute('rel')).to.equal('noopener noreferrer');
    const options = (id: string) =>
      message.locator(`select[data-custom-id="${id}"] option:not([disabled])`).allTextContents();
    expect(await options('str')).to.deep.equal(['Red', 'Blue — calm']);
    expect(await options('usr')).to.include.members(['@Owner', '@Member 001']);
    expect(await message.locator('select[data-custom-id="usr"]').getAttribute('multiple')).to.not.equal(null);
    expect(await options('rol')).to.include.members(['@Alumni', '@Organiser']);
    expect(await options('chn')).to.deep.equal(['#Lounge', '#Room 1', '#Room 2']);
  });

  it('shows an ephemeral reply only to the member who got it', async () => {
    const [asker] = w.seeded.members;
    const general = w.channel('general');
    const next = w.nextInteraction();
    await w.control('POST', '/interactions/slash', {
      guildId: w.guildId,
      channelId: general,
      userId: asker!.id,
      name: 'profile',
      options: { field: 'industry' },
    });
    await w.answer(await next, { type: 4, data: { content: 'あなたのプロフィール', flags: 64 } });

    await view.open({ channel: general, as: asker!.id });
    const mine = view.page.getByTestId('ephemeral-message');
    await mine.getByText('あなたのプロフィール').waitFor();
    expect(await mine.textContent()).to.include('これはあなただけに表示されています');

    await view.open({ channel: general, as: w.seeded.owner.id });
    await view.page.getByTestId('message').last().waitFor();
    expect(await view.page.getByText('あなたのプロフィール').count()).to.equal(0);
  });
});
