import { expect } from 'chai';
import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { buildComponentRegistry, routeComponent } from '../../../bot/core/component-router.js';
import type { ComponentFamily } from '../../../bot/core/component.js';
import { ALL_COMPONENTS as componentFamilies } from '../../../bot/features.js';
import { UserError } from '../../../bot/core/user-error.js';
import { fakeContext } from '../../support/fake-context.js';

function fakeButton(customId: string) {
  return {
    customId,
    isButton: () => true,
    isAnySelectMenu: () => false,
    isModalSubmit: () => false,
  } as unknown as ButtonInteraction;
}

function fakeModal(customId: string) {
  return {
    customId,
    isButton: () => false,
    isAnySelectMenu: () => false,
    isModalSubmit: () => true,
  } as unknown as ModalSubmitInteraction;
}

describe('component router', () => {
  it('registers every shipped family under a unique prefix', () => {
    const prefixes = componentFamilies.map((f) => f.prefix);
    expect(new Set(prefixes).size).to.equal(prefixes.length);
    expect(() => buildComponentRegistry(componentFamilies)).to.not.throw();
  });

  it('refuses two families with the same prefix', () => {
    const family: ComponentFamily = { prefix: 'twin' };
    expect(() => buildComponentRegistry([family, family])).to.throw(/duplicate component prefix/);
  });

  it('refuses a prefix containing the separator', () => {
    expect(() => buildComponentRegistry([{ prefix: 'a:b' }])).to.throw(/invalid component prefix/);
  });

  it('sends a button to its family with the arguments after the prefix', async () => {
    const seen: string[][] = [];
    const family: ComponentFamily = { prefix: 'panel', button: async (_i, args) => void seen.push(args) };
    await routeComponent(fakeButton('panel:p1:role9'), fakeContext({ components: [family] }));
    expect(seen).to.deep.equal([['p1', 'role9']]);
  });

  it('sends a modal submission to the modal handler of its family', async () => {
    const seen: string[][] = [];
    const family: ComponentFamily = {
      prefix: 'intro',
      button: async () => expect.fail('not a button'),
      modal: async (_i, args) => void seen.push(args),
    };
    await routeComponent(fakeModal('intro:submit'), fakeContext({ components: [family] }));
    expect(seen).to.deep.equal([['submit']]);
  });

  it('answers "no longer active" for an unknown prefix', async () => {
    const error = await routeComponent(fakeButton('gone:1'), fakeContext()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UserError);
    expect((error as UserError).key).to.equal('bot.error.expiredComponent');
  });

  it('answers "no longer active" when the family has no handler for that kind', async () => {
    const family: ComponentFamily = { prefix: 'only-buttons', button: async () => undefined };
    const error = await routeComponent(
      fakeModal('only-buttons'),
      fakeContext({ components: [family] }),
    ).catch((e: unknown) => e);
    expect((error as UserError).key).to.equal('bot.error.expiredComponent');
  });
});
