import { expect } from 'chai';
import { computeRoleSelection, computeRoleToggle } from '../../../shared/connect/role-toggle.js';
import { checkRolePanel } from '../../../shared/connect/role-panel.service.js';

describe('role panel toggle', () => {
  const panel = { roleIds: ['r1', 'r2', 'r3'], maxPicks: 2 };

  it('adds a role the member lacks', () => {
    expect(computeRoleToggle(panel, ['other'], 'r1')).to.deep.equal({
      kind: 'added',
      add: ['r1'],
      remove: [],
    });
  });

  it('removes a role the member has', () => {
    expect(computeRoleToggle(panel, ['r1'], 'r1')).to.deep.equal({
      kind: 'removed',
      add: [],
      remove: ['r1'],
    });
  });

  it('refuses a pick beyond the limit instead of dropping a role silently', () => {
    expect(computeRoleToggle(panel, ['r1', 'r2'], 'r3')).to.deep.include({
      kind: 'limitReached',
      maxPicks: 2,
    });
  });

  it('in pick-one mode swaps the old pick for the new one', () => {
    expect(computeRoleToggle({ ...panel, maxPicks: 1 }, ['r2', 'other'], 'r3')).to.deep.equal({
      kind: 'added',
      add: ['r3'],
      remove: ['r2'],
    });
  });

  it('ignores a role that is not on the panel', () => {
    expect(computeRoleToggle(panel, [], 'admin')).to.deep.include({ kind: 'notOnPanel' });
  });

  it('turns a select submit into only the changes needed', () => {
    expect(computeRoleSelection(panel, ['r1', 'r2', 'other'], ['r2', 'r3'])).to.deep.equal({
      kind: 'applied',
      add: ['r3'],
      remove: ['r1'],
    });
  });

  it('refuses a selection with more roles than the limit', () => {
    expect(computeRoleSelection(panel, [], ['r1', 'r2', 'r3'])).to.deep.include({ kind: 'limitReached' });
  });

  it('rejects a panel with no options, more than 25, duplicates or a limit above the options', () => {
    const base = { guildId: 'g', channelId: 'c', mode: 'buttons' as const, maxPicks: 1 };
    const option = (i: number) => ({ roleId: `r${i}`, label: `Role ${i}` });
    expect(checkRolePanel({ ...base, options: [] }).map((i) => i.i18nKey)).to.include(
      'connect.rolePanel.error.optionCount',
    );
    expect(
      checkRolePanel({ ...base, options: Array.from({ length: 26 }, (_, i) => option(i)) }).map(
        (i) => i.i18nKey,
      ),
    ).to.include('connect.rolePanel.error.optionCount');
    expect(checkRolePanel({ ...base, options: [option(1), option(1)] }).map((i) => i.i18nKey)).to.include(
      'connect.rolePanel.error.duplicateRole',
    );
    expect(
      checkRolePanel({ ...base, maxPicks: 3, options: [option(1), option(2)] }).map((i) => i.i18nKey),
    ).to.include('connect.rolePanel.error.maxPicks');
    expect(checkRolePanel({ ...base, maxPicks: 2, options: [option(1), option(2)] })).to.deep.equal([]);
  });
});
