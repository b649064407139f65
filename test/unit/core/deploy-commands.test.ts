import { expect } from 'chai';
import { guildFromArgs } from '../../../bot/deploy-commands.js';

describe('deploy-commands arguments', () => {
  it('GIVEN --guild <id> THEN deploys to that guild', () => {
    expect(guildFromArgs(['node', 'deploy', '--guild', '123456789012345678'])).to.equal('123456789012345678');
  });

  it('GIVEN no --guild THEN deploys globally (unless DEV_GUILD_ID is set)', () => {
    expect(guildFromArgs(['node', 'deploy'])).to.equal(undefined);
  });
});
