/**
 * Role panels: validated configuration stored by id, so the buttons and menus that carry the
 * panel id keep working after restarts.
 */
import { Types } from 'mongoose';
import { RolePanel } from './role-panel.model.js';
import { DomainError, throwIfIssues, type FieldIssue } from '../errors.js';
import {
  computeRoleSelection,
  computeRoleToggle,
  type SelectionOutcome,
  type ToggleOutcome,
} from './role-toggle.js';

export { computeRoleSelection, computeRoleToggle } from './role-toggle.js';
export type { SelectionOutcome, ToggleOutcome, PanelRules } from './role-toggle.js';

/** Discord allows 25 buttons (5 rows × 5) or 25 select options per message. */
export const PANEL_OPTIONS_MAX = 25;
export const PANEL_LABEL_MAX = 80;

export interface RolePanelOption {
  roleId: string;
  label: string;
  emoji: string | null;
}

export interface RolePanelView {
  panelId: string;
  guildId: string;
  channelId: string;
  messageId: string | null;
  title: string | null;
  mode: 'buttons' | 'select';
  maxPicks: number;
  options: RolePanelOption[];
}

export interface RolePanelInput {
  guildId: string;
  channelId: string;
  title?: string | null;
  mode: 'buttons' | 'select';
  maxPicks: number;
  options: { roleId: string; label: string; emoji?: string | null }[];
}

/** Every problem with a panel configuration (pure). */
export function checkRolePanel(input: RolePanelInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const n = input.options.length;
  if (n < 1 || n > PANEL_OPTIONS_MAX) {
    issues.push({
      field: 'options',
      i18nKey: 'connect.rolePanel.error.optionCount',
      vars: { max: PANEL_OPTIONS_MAX },
    });
  }
  if (
    !Number.isInteger(input.maxPicks) ||
    input.maxPicks < 1 ||
    input.maxPicks > Math.max(1, Math.min(n, PANEL_OPTIONS_MAX))
  ) {
    issues.push({
      field: 'maxPicks',
      i18nKey: 'connect.rolePanel.error.maxPicks',
      vars: { max: Math.max(1, Math.min(n, PANEL_OPTIONS_MAX)) },
    });
  }
  if (new Set(input.options.map((o) => o.roleId)).size !== n) {
    issues.push({ field: 'options', i18nKey: 'connect.rolePanel.error.duplicateRole', vars: {} });
  }
  for (const option of input.options) {
    const length = [...option.label.trim()].length;
    if (length === 0 || length > PANEL_LABEL_MAX) {
      issues.push({
        field: 'options',
        i18nKey: 'connect.rolePanel.error.label',
        vars: { max: PANEL_LABEL_MAX },
      });
      break;
    }
  }
  if (!['buttons', 'select'].includes(input.mode)) {
    issues.push({ field: 'mode', i18nKey: 'connect.rolePanel.error.mode', vars: {} });
  }
  return issues;
}

/**
 * Validates and stores a panel (message id comes later, once posted).
 * @throws DomainError INVALID_INPUT listing every problem.
 */
export async function createRolePanel(input: RolePanelInput): Promise<RolePanelView> {
  throwIfIssues(checkRolePanel(input));
  const doc = await RolePanel.create({
    guildId: input.guildId,
    channelId: input.channelId,
    title: input.title ?? null,
    mode: input.mode,
    maxPicks: input.maxPicks,
    options: input.options.map((o) => ({ roleId: o.roleId, label: o.label.trim(), emoji: o.emoji ?? null })),
  });
  return toView(doc.toObject());
}

/** Records the posted message of a panel. @throws DomainError NOT_FOUND. */
export async function attachPanelMessage(panelId: string, messageId: string): Promise<RolePanelView> {
  const doc = Types.ObjectId.isValid(panelId)
    ? await RolePanel.findByIdAndUpdate(panelId, { $set: { messageId } }, { returnDocument: 'after' }).lean()
    : null;
  if (!doc) throw new DomainError('NOT_FOUND', 'connect.rolePanel.error.notFound');
  return toView(doc);
}

/** A panel by id (from a component's custom_id). @throws DomainError NOT_FOUND. */
export async function getRolePanel(panelId: string): Promise<RolePanelView> {
  const doc = Types.ObjectId.isValid(panelId) ? await RolePanel.findById(panelId).lean() : null;
  if (!doc) throw new DomainError('NOT_FOUND', 'connect.rolePanel.error.notFound');
  return toView(doc);
}

/** The guild's panels, for listing and cleanup. */
export async function listRolePanels(guildId: string): Promise<RolePanelView[]> {
  const docs = await RolePanel.find({ guildId }).sort({ createdAt: 1 }).lean();
  return docs.map(toView);
}

/** Deletes a panel; returns its message so the adapter can remove it. @throws DomainError NOT_FOUND. */
export async function deleteRolePanel(
  panelId: string,
): Promise<{ channelId: string; messageId: string | null }> {
  const doc = Types.ObjectId.isValid(panelId) ? await RolePanel.findByIdAndDelete(panelId).lean() : null;
  if (!doc) throw new DomainError('NOT_FOUND', 'connect.rolePanel.error.notFound');
  return { channelId: doc.channelId, messageId: doc.messageId ?? null };
}

/** Loads the panel and computes a button click. @throws DomainError NOT_FOUND. */
export async function togglePanelRole(input: {
  panelId: string;
  memberRoleIds: readonly string[];
  clickedRoleId: string;
}): Promise<ToggleOutcome> {
  const panel = await getRolePanel(input.panelId);
  return computeRoleToggle(rules(panel), input.memberRoleIds, input.clickedRoleId);
}

/** Loads the panel and computes a select-menu submit. @throws DomainError NOT_FOUND. */
export async function selectPanelRoles(input: {
  panelId: string;
  memberRoleIds: readonly string[];
  selectedRoleIds: readonly string[];
}): Promise<SelectionOutcome> {
  const panel = await getRolePanel(input.panelId);
  return computeRoleSelection(rules(panel), input.memberRoleIds, input.selectedRoleIds);
}

function rules(panel: RolePanelView) {
  return { roleIds: panel.options.map((o) => o.roleId), maxPicks: panel.maxPicks };
}

function toView(doc: Record<string, unknown>): RolePanelView {
  const options = (doc.options as { roleId: string; label: string; emoji?: string | null }[]) ?? [];
  return {
    panelId: String(doc._id),
    guildId: doc.guildId as string,
    channelId: doc.channelId as string,
    messageId: (doc.messageId as string | null) ?? null,
    title: (doc.title as string | null) ?? null,
    mode: doc.mode as 'buttons' | 'select',
    maxPicks: doc.maxPicks as number,
    options: options.map((o) => ({ roleId: o.roleId, label: o.label, emoji: o.emoji ?? null })),
  };
}
