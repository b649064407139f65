import { Router, type Request, type Response } from 'express';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { describeDomainError, isDomainError } from '../../shared/errors.js';
import type { MessageKey, Translator, Vars } from '../../shared/i18n/index.js';
import { mayNominate as isOrganiser } from '../know/relay-policy.js';
import { DONE, PROMPT_ID, parseAddForm, parseEditForm } from './prompts.schema.js';
import { NO_FORM, presentPromptsPage, type PromptFormState } from './prompts.presenter.js';

function issueTexts(t: Translator, issues: { key: MessageKey; vars: Vars }[]): string[] {
  return issues.map((i) => t(i.key, i.vars));
}

/**
 * GET /prompts: every theme pack with its built-in prompts and the guild's own prompts.
 * POST /prompts (add), /prompts/:promptId/edit, /prompts/:promptId/delete: organisers only (the
 * same people as `/mixer prompts` in Discord: Manage Server or the organiser role; moderators
 * see the page). Prompts are Tsunagu's own data, so the web writes them itself, no worker.
 */
export function promptsRoutes(deps: GuildPageDeps): Router {
  const { reads } = deps;
  const router = Router({ mergeParams: true });

  async function organiser(res: Response): Promise<boolean> {
    return isOrganiser(res.locals.access, await reads.organiserRole(res.locals.guild!.id));
  }

  async function render(
    req: Request,
    res: Response,
    form: PromptFormState,
    status = 200,
    told: string | null = null,
  ) {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const [custom, mayEdit] = await Promise.all([reads.customPrompts(guildId), organiser(res)]);
    const done = DONE.safeParse(req.query.done);
    const notice =
      told ?? (done.success && status === 200 ? ctx.t(`deepen.mixer.prompts.web.done.${done.data}`) : null);
    const prompts = presentPromptsPage({ guildId, custom, organiser: mayEdit, form, notice }, ctx);
    res
      .status(status)
      .render(
        'deepen/prompts',
        guildPageLocals(res, 'prompts', ctx.t('deepen.mixer.prompts.web.title'), ctx, { prompts }),
      );
  }

  async function requireOrganiser(res: Response): Promise<void> {
    if (!(await organiser(res)))
      throw new ForbiddenError('deepen.mixer.prompts.web.organisersOnly', 'not an organiser');
  }

  const promptParam = (id: unknown): string => {
    const parsed = PROMPT_ID.safeParse(id);
    if (!parsed.success) throw new NotFoundError();
    return parsed.data;
  };

  /** Runs a write; a refusal from the service (theme full, unknown id…) re-renders the form. */
  async function write(
    req: Request,
    res: Response,
    failed: Omit<PromptFormState, 'errors'>,
    run: () => Promise<unknown>,
    done: 'added' | 'edited' | 'deleted',
    anchor: string,
  ) {
    try {
      await run();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.kind === 'NOT_FOUND') {
        // Deleted meanwhile (a second tab, a double submit): a delete is done; an edit is told.
        if (done === 'deleted')
          return res.redirect(303, `/guilds/${res.locals.guild!.id}/prompts?done=deleted`);
        return render(req, res, NO_FORM, 404, res.locals.t('deepen.events.web.promptGone'));
      }
      const errors = describeDomainError(res.locals.locale, error).split('\n');
      return render(req, res, { ...failed, errors }, 400);
    }
    res.redirect(303, `/guilds/${res.locals.guild!.id}/prompts?done=${done}#${anchor}`);
  }

  router.get('/prompts', (req, res) => render(req, res, NO_FORM));

  router.post('/prompts', async (req, res) => {
    await requireOrganiser(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { values, issues } = parseAddForm(body);
    const typed = { theme: String(body.theme ?? ''), text: typeof body.text === 'string' ? body.text : '' };
    const failed = { form: 'add' as const, values: typed };
    if (issues.length > 0 || !values.theme || !values.text)
      return render(req, res, { ...failed, errors: issueTexts(res.locals.t, issues) }, 400);
    const { theme, text } = values;
    await write(
      req,
      res,
      failed,
      () => reads.addCustomPrompt({ guildId: res.locals.guild!.id, theme, text, by: res.locals.user!.id }),
      'added',
      `theme-${theme}`,
    );
  });

  router.post('/prompts/:promptId/edit', async (req, res) => {
    const promptId = promptParam(req.params.promptId);
    await requireOrganiser(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { values, issues } = parseEditForm(body);
    const failed = {
      form: 'edit' as const,
      promptId,
      values: { text: typeof body.text === 'string' ? body.text : '' },
    };
    if (issues.length > 0 || !values.text)
      return render(req, res, { ...failed, errors: issueTexts(res.locals.t, issues) }, 400);
    const text = values.text;
    await write(
      req,
      res,
      failed,
      () => reads.updateCustomPrompt({ guildId: res.locals.guild!.id, promptId, text }),
      'edited',
      promptId,
    );
  });

  router.post('/prompts/:promptId/delete', async (req, res) => {
    const promptId = promptParam(req.params.promptId);
    await requireOrganiser(res);
    await write(
      req,
      res,
      { form: null, values: {} },
      () => reads.removeCustomPrompt(res.locals.guild!.id, promptId),
      'deleted',
      'prompts',
    );
  });
  return router;
}
