/**
 * What a click on a role panel does, given the member's current roles. Pure.
 */

export interface PanelRules {
  /** Role ids offered by the panel. */
  roleIds: string[];
  /** 1 = pick one (a new pick replaces the old one), N = up to N. */
  maxPicks: number;
}

export type ToggleOutcome =
  | { kind: 'added'; add: string[]; remove: string[] }
  | { kind: 'removed'; add: string[]; remove: string[] }
  | { kind: 'limitReached'; add: []; remove: []; maxPicks: number }
  | { kind: 'notOnPanel'; add: []; remove: [] };

/**
 * A button click: removes the role when the member has it, otherwise adds it. In pick-one mode
 * the member's other roles from this panel are removed; with a limit N > 1 a click beyond N is
 * refused (the member removes one first), because silently dropping a role surprises people.
 */
export function computeRoleToggle(
  panel: PanelRules,
  memberRoleIds: readonly string[],
  clickedRoleId: string,
): ToggleOutcome {
  if (!panel.roleIds.includes(clickedRoleId)) return { kind: 'notOnPanel', add: [], remove: [] };
  const has = new Set(memberRoleIds);
  if (has.has(clickedRoleId)) return { kind: 'removed', add: [], remove: [clickedRoleId] };
  const held = panel.roleIds.filter((id) => has.has(id));
  if (panel.maxPicks === 1) return { kind: 'added', add: [clickedRoleId], remove: held };
  if (held.length >= panel.maxPicks)
    return { kind: 'limitReached', add: [], remove: [], maxPicks: panel.maxPicks };
  return { kind: 'added', add: [clickedRoleId], remove: [] };
}

export type SelectionOutcome =
  | { kind: 'applied'; add: string[]; remove: string[] }
  | { kind: 'limitReached'; add: []; remove: []; maxPicks: number };

/**
 * A select menu submit: the selection becomes the member's set of roles from this panel.
 * Only roles the member lacks are added and only panel roles they hold are removed (no
 * needless API calls). Values not on the panel are ignored.
 */
export function computeRoleSelection(
  panel: PanelRules,
  memberRoleIds: readonly string[],
  selectedRoleIds: readonly string[],
): SelectionOutcome {
  const selected = [...new Set(selectedRoleIds.filter((id) => panel.roleIds.includes(id)))];
  if (selected.length > panel.maxPicks)
    return { kind: 'limitReached', add: [], remove: [], maxPicks: panel.maxPicks };
  const has = new Set(memberRoleIds);
  return {
    kind: 'applied',
    add: selected.filter((id) => !has.has(id)),
    remove: panel.roleIds.filter((id) => has.has(id) && !selected.includes(id)),
  };
}
