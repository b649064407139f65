import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import {
  attachPanelMessage,
  createRolePanel,
  deleteRolePanel,
  getRolePanel,
  selectPanelRoles,
  togglePanelRole,
} from '../../../shared/connect/role-panel.service.js';
import type { DomainError } from '../../../shared/errors.js';

const guildId = '900000000000000007';
const options = [
  { roleId: '400000000000000001', label: 'Kanto' },
  { roleId: '400000000000000002', label: 'Kansai', emoji: '🏯' },
  { roleId: '400000000000000003', label: 'Overseas' },
];

describe('role panel service (mongoose on the store)', () => {
  useMongoose('panels');
  before(() => ensureIndexes());

  it('stores a panel and answers clicks from the stored config alone (as after a restart)', async () => {
    const panel = await createRolePanel({
      guildId,
      channelId: '200000000000000009',
      mode: 'buttons',
      maxPicks: 1,
      options,
    });
    await attachPanelMessage(panel.panelId, '300000000000000009');
    const stored = await getRolePanel(panel.panelId);
    expect(stored).to.include({ messageId: '300000000000000009', maxPicks: 1, mode: 'buttons' });
    expect(stored.options[1]).to.deep.equal({ roleId: '400000000000000002', label: 'Kansai', emoji: '🏯' });
    const outcome = await togglePanelRole({
      panelId: panel.panelId,
      memberRoleIds: ['400000000000000001'],
      clickedRoleId: '400000000000000003',
    });
    expect(outcome).to.deep.equal({
      kind: 'added',
      add: ['400000000000000003'],
      remove: ['400000000000000001'],
    });
  });

  it('applies a select submit within the panel limit', async () => {
    const panel = await createRolePanel({
      guildId,
      channelId: '200000000000000009',
      mode: 'select',
      maxPicks: 2,
      options,
    });
    const outcome = await selectPanelRoles({
      panelId: panel.panelId,
      memberRoleIds: ['400000000000000001'],
      selectedRoleIds: ['400000000000000002', '400000000000000003'],
    });
    expect(outcome).to.deep.equal({
      kind: 'applied',
      add: ['400000000000000002', '400000000000000003'],
      remove: ['400000000000000001'],
    });
  });

  it('refuses an invalid panel and answers NOT_FOUND for a deleted one', async () => {
    const invalid = await createRolePanel({
      guildId,
      channelId: 'c',
      mode: 'buttons',
      maxPicks: 5,
      options,
    }).catch((e: unknown) => e);
    expect((invalid as DomainError).i18nKey).to.equal('connect.rolePanel.error.maxPicks');
    const panel = await createRolePanel({
      guildId,
      channelId: '200000000000000009',
      mode: 'buttons',
      maxPicks: 3,
      options,
    });
    expect(await deleteRolePanel(panel.panelId)).to.deep.equal({
      channelId: '200000000000000009',
      messageId: null,
    });
    const gone = await togglePanelRole({
      panelId: panel.panelId,
      memberRoleIds: [],
      clickedRoleId: '400000000000000001',
    }).catch((e: unknown) => e);
    expect((gone as DomainError).code).to.equal('NOT_FOUND');
    const garbage = await getRolePanel('not-an-id').catch((e: unknown) => e);
    expect((garbage as DomainError).code).to.equal('NOT_FOUND');
  });
});
