/** The prompts page's view model: every theme pack, its built-in prompts and the guild's own. */
import {
  MAX_CUSTOM_PER_THEME,
  type CustomPromptView,
} from '../../shared/deepen/mixer/custom-prompt.service.js';
import { PROMPT_MAX_LENGTH, THEME_PACKS } from '../../shared/deepen/prompts/index.js';
import type { PresentContext } from '../core/format.js';

/** What was typed into the form that failed, to show it again with its errors. */
export interface PromptFormState {
  /** Which form failed: the add form, or the edit form of one prompt. */
  form: 'add' | 'edit' | null;
  promptId?: string;
  values: { theme?: string; text?: string };
  errors: string[];
}

export const NO_FORM: PromptFormState = { form: null, values: {}, errors: [] };

export function presentPromptsPage(
  input: {
    guildId: string;
    custom: ReadonlyMap<string, readonly CustomPromptView[]>;
    /** May add, edit and delete (others see the lists only). */
    organiser: boolean;
    form: PromptFormState;
    /** The notice after a redirect, already localized. */
    notice: string | null;
  },
  ctx: PresentContext,
) {
  const { guildId, form, organiser } = input;
  const base = `/guilds/${guildId}/prompts`;
  const chosen = form.form === 'add' ? form.values.theme : undefined;
  const themes = THEME_PACKS.map((pack) => {
    const own = input.custom.get(pack.id) ?? [];
    return {
      id: pack.id,
      anchor: `theme-${pack.id}`,
      name: pack.name[ctx.locale],
      description: pack.description[ctx.locale],
      builtInTitle: ctx.t('deepen.mixer.prompts.web.builtIn', { count: pack.prompts.length }),
      builtIn: pack.prompts.map((p) => p.text[ctx.locale]),
      customTitle: ctx.t('deepen.mixer.prompts.web.custom', { count: own.length, max: MAX_CUSTOM_PER_THEME }),
      custom: own.map((p) => {
        const failed = form.form === 'edit' && form.promptId === p.id;
        return {
          id: p.id,
          text: p.text,
          editAction: `${base}/${p.id}/edit`,
          deleteAction: `${base}/${p.id}/delete`,
          // A failed edit opens again with what was typed.
          editing: failed,
          value: failed ? (form.values.text ?? '') : p.text,
          errors: failed ? form.errors : [],
        };
      }),
    };
  });
  return {
    organiser,
    notice: input.notice,
    maxLength: PROMPT_MAX_LENGTH,
    addAction: base,
    themeOptions: THEME_PACKS.map((pack) => ({
      value: pack.id,
      name: pack.name[ctx.locale],
      selected: chosen === pack.id,
    })),
    addText: form.form === 'add' ? (form.values.text ?? '') : '',
    addErrors: form.form === 'add' ? form.errors : [],
    themes,
  };
}
