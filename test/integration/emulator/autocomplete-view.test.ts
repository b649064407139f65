/**
 * Autocomplete in the Discord view, in headless Chromium: the acting member types into an option
 * with `autocomplete: true`, the view asks the bot (an autocomplete interaction through the
 * control API and the drivers), lists the suggestions, and the picked one's value is what the
 * command then gets. The bot here is a stand-in answering over REST as discord.js would.
 */
import { expect } from 'chai';
import { GatewayDispatchEvents, InteractionType } from 'discord-api-types/v10';
import type { Browser } from 'playwright-core';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { launchChromium } from '../../support/browser.js';
import { openViewPage, type ViewPage } from './view-browser.js';
import { COMMANDS, startViewWorld, type PersonInteraction, type ViewWorld } from './view-world.js';

const NOMINATE = {
  name: 'nominate',
  description: 'Hand the baton on',
  name_localizations: { ja: '指名' },
  options: [
    {
      type: 3,
      name: 'member',
      description: 'Who gets it',
      name_localizations: { ja: 'メンバー' },
      required: true,
      autocomplete: true,
    },
    { type: 4, name: 'chain', description: 'Which chain', min_value: 1 },
  ],
};

const PEOPLE = [
  { name: 'Ken (@ken)', value: '1001' },
  { name: 'Kenta (@kenta)', value: '1002' },
  { name: 'Aya (@aya)', value: '1003' },
];

describe('Discord view: autocomplete suggestions (browser)', function () {
  this.timeout(30_000);
  let w: ViewWorld;
  let browser: Browser;
  let view: ViewPage;
  /** Every autocomplete interaction the bot got, in order. */
  let asked: PersonInteraction[];
  /** Whether the stand-in bot answers autocomplete interactions. */
  let answering: boolean;

  before(async () => {
    w = await startViewWorld();
    await w.asBot('PUT', `/applications/${w.emu.application.id}/guilds/${w.guildId}/commands`, [
      ...COMMANDS,
      NOMINATE,
    ]);
    w.emu.state.onDispatch((event, data) => {
      const interaction = data as PersonInteraction;
      if (event !== GatewayDispatchEvents.InteractionCreate) return;
      if (interaction.type !== InteractionType.ApplicationCommandAutocomplete) return;
      asked.push(interaction);
      if (!answering) return;
      const typed = String(
        (interaction.data.options as { focused?: boolean; value: string }[]).find((o) => o.focused)?.value,
      ).toLowerCase();
      void w.answer(interaction, {
        type: 8,
        data: { choices: PEOPLE.filter((p) => p.name.toLowerCase().includes(typed)) },
      });
    });
    browser = await launchChromium();
    view = await openViewPage(browser, w);
  });

  after(async () => {
    await browser?.close();
    await w?.emu.stop();
  });

  beforeEach(() => {
    asked = [];
    answering = true;
  });

  afterEach(() => {
    expect(view.problems).to.deep.equal([]);
  });

  async function openNominate() {
    await view.open({ channel: w.channel('general'), as: w.seeded.owner.id });
    await view.page.getByTestId('open-slash').click();
    const panel = view.page.getByTestId('slash-panel');
    await panel.getByRole('button', { name: /\/指名/ }).click();
    return panel;
  }

  it('asks the bot as the member types, lists its suggestions, and runs the command with the picked value', async () => {
    const panel = await openNominate();
    const field = panel.getByRole('combobox', { name: /メンバー/ });
    await field.pressSequentially('ken', { delay: 30 });
    const options = panel.getByRole('option');
    // Every prefix of "ken" matches the same two people (a late answer to an older request is dropped).
    await view.page.waitForFunction(
      (expected) => {
        // Runs in the page (this file is typed without the DOM library).
        const page = globalThis as unknown as {
          document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
        };
        const shown = Array.from(page.document.querySelectorAll('[role=option]'), (o) => o.textContent);
        return shown.join('|') === expected;
      },
      'Ken (@ken)|Kenta (@kenta)',
      { timeout: 10_000 },
    );
    expect(await options.allTextContents()).to.deep.equal(['Ken (@ken)', 'Kenta (@kenta)']);
    // What was typed went to the bot focused, as a string (earlier keystrokes may have asked too).
    const ken = await driversFor(w.emu).waitFor(
      () => asked.find((i) => JSON.stringify(i.data).includes('"value":"ken"')),
      5000,
      'the interaction with "ken"',
    );
    expect((ken.data as { options: unknown }).options).to.deep.equal([
      { type: 3, name: 'member', value: 'ken', focused: true },
    ]);

    await panel.getByRole('option', { name: 'Kenta (@kenta)' }).click();
    expect(await field.inputValue()).to.equal('Kenta (@kenta)');
    const next = w.nextInteraction();
    await panel.getByRole('button', { name: '送信' }).click();
    const run = await next;
    expect(run.type).to.equal(InteractionType.ApplicationCommand);
    expect((run.data as { options: unknown }).options).to.deep.equal([
      { type: 3, name: 'member', value: '1002' },
    ]);
    await w.answer(run, { type: 4, data: { content: 'Kenta を指名しました', flags: 64 } });
    await view.page.getByTestId('ephemeral-message').getByText('Kenta を指名しました').waitFor();
  });

  it('sends the other options filled so far, and says so when nothing matches', async () => {
    const panel = await openNominate();
    await panel.getByLabel(/chain/).fill('2');
    await panel.getByRole('combobox', { name: /メンバー/ }).fill('zzz');
    await panel.getByRole('status').getByText('一致する候補はありません').waitFor();
    expect((asked.at(-1)!.data as { options: unknown }).options).to.deep.equal([
      { type: 3, name: 'member', value: 'zzz', focused: true },
      { type: 4, name: 'chain', value: 2 },
    ]);
  });

  it('shows that loading options failed when the bot does not answer within 3 seconds', async () => {
    answering = false;
    const panel = await openNominate();
    await panel.getByRole('combobox', { name: /メンバー/ }).fill('ke');
    await panel.getByRole('status').getByText('候補を読み込めませんでした').waitFor({ timeout: 10_000 });
    expect(await panel.getByRole('option').count()).to.equal(0);
  });
});
