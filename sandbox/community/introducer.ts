/**
 * One simulated alumnus going through the self-introduction as a person would: click the
 * "Introduce yourself" button in the welcome DM, fill the modal, answer the survey's select
 * menus, post, and (when asked) nominate the next person for the intro relay. It only reads
 * what the bot showed (messages and components) and acts through the emulator's drivers.
 */
import { ComponentType, type APIMessage, type APIMessageComponent } from 'discord-api-types/v10';
import type { Drivers, InteractionHandle } from '../discord/drivers.js';
import type { SimulatedAlumnus } from './alumni-generator.js';

type Flat = APIMessageComponent & {
  custom_id?: string;
  options?: { value: string }[];
  max_values?: number;
  min_values?: number;
  disabled?: boolean;
};

/** Every interactive component of a message (action rows flattened). */
export function componentsOf(message: APIMessage | undefined): Flat[] {
  const out: Flat[] = [];
  const walk = (list: readonly unknown[] | undefined): void => {
    for (const c of (list ?? []) as (Flat & { components?: unknown[] })[]) {
      if (c.type === ComponentType.ActionRow) walk(c.components);
      else out.push(c);
    }
  };
  walk(message?.components);
  return out;
}

function find(message: APIMessage | undefined, prefix: string): Flat | undefined {
  return componentsOf(message).find((c) => c.custom_id?.startsWith(prefix) && !c.disabled);
}

/** The value this person would pick for a survey field, if it is offered; else a plausible one. */
function choose(person: SimulatedAlumnus, field: string, offered: string[], random: () => number): string[] {
  const wanted: Record<string, string[]> = {
    leaveYear: [String(person.leaveYear)],
    tenureBand: [person.tenureBand],
    joinedAsNewGraduate: [String(person.joinedAsNewGraduate)],
    industry: [person.industry],
    region: [person.region],
    ageBand: [person.ageBand],
    lifeStages: person.lifeStages,
  };
  const mine = (wanted[field] ?? []).filter((v) => offered.includes(v));
  if (mine.length > 0) return mine;
  const fallback = offered[Math.floor(random() * offered.length)];
  return fallback === undefined ? [] : [fallback];
}

export interface IntroOutcome {
  posted: boolean;
  /** The message that asked for a nomination, if the bot asked. */
  nominationPrompt?: APIMessage;
}

/**
 * Runs the intro flow for `userId` in `guildId`; resolves when the intro is posted.
 * Throws (with what was expected) when the bot's UI did not offer the next step.
 */
export async function introduce(
  drivers: Drivers,
  guildId: string,
  userId: string,
  person: SimulatedAlumnus,
  random: () => number,
): Promise<IntroOutcome> {
  const act = { locale: person.locale };
  const dm = await drivers.waitFor(
    () => drivers.dmsTo(userId).find((m) => find(m, `intro:start:${guildId}`)),
    60_000,
    'the welcome DM with the intro button',
  );
  const start = find(dm, 'intro:start:') as Flat;
  const opened = drivers.clickButton(dm.id, start.custom_id as string, userId, act);
  await opened.waitForModal();
  const submitted = drivers.submitModal(
    opened,
    undefined,
    {
      name: person.displayName,
      career: `${person.leaveYear}年まで ${person.departmentThen}`,
      currentWork: person.roleNow,
      interests: person.interests.join('、'),
      greeting: person.greeting,
    },
    act,
  );
  let form = await submitted.waitForReply();

  const answered = new Set<string>();
  const pick = async (component: Flat): Promise<void> => {
    const field = (component.custom_id as string).split(':')[3] ?? 'decade';
    const offered = (component.options ?? []).map((o) => o.value);
    let values: string[];
    if (component.custom_id?.startsWith('intro:decade')) {
      const decade = String(Math.floor(person.leaveYear / 10) * 10);
      values = offered.includes(decade) ? [decade] : offered.slice(0, 1);
    } else {
      values = choose(person, field, offered, random).slice(0, component.max_values ?? 1);
    }
    if (values.length === 0) return;
    answered.add(component.custom_id as string);
    form = await update(drivers.selectValues(form.id, component.custom_id as string, userId, values, act));
  };

  for (let guard = 0; guard < 20; guard++) {
    const next = componentsOf(form).find(
      (c) =>
        c.type === ComponentType.StringSelect &&
        !c.disabled &&
        !answered.has(c.custom_id as string) &&
        (c.custom_id?.startsWith('intro:attr:') || c.custom_id?.startsWith('intro:decade:')),
    );
    if (next) {
      await pick(next);
      continue;
    }
    const page = find(form, `intro:page:${guildId}:2`);
    if (page && !answered.has(page.custom_id as string)) {
      answered.add(page.custom_id as string);
      form = await update(drivers.clickButton(form.id, page.custom_id as string, userId, act));
      continue;
    }
    break;
  }

  const post = find(form, `intro:post:${guildId}`);
  if (!post) throw new Error('the survey offered no "post" button');
  const posted = drivers.clickButton(form.id, post.custom_id as string, userId, act);
  const reply = await posted.waitForReply();
  // The baton holder is asked to nominate in a follow-up right after the post.
  const followUp = await posted.waitForFollowUp(1, 3_000).catch(() => undefined);
  const nominationPrompt = [reply, followUp].find((m) => find(m, `relay:nominate:${guildId}`));
  return { posted: true, ...(nominationPrompt ? { nominationPrompt } : {}) };
}

/**
 * Picks the next person in the relay's select on the prompt message: the bot offers only members
 * without an intro, so the simulated holder chooses among those options (`choose` returns the
 * value it prefers, or nothing to let the baton wait). Undefined when nobody was offered.
 */
export async function nominateNext(
  drivers: Drivers,
  prompt: APIMessage,
  guildId: string,
  userId: string,
  choose: (offered: string[]) => string | undefined,
  locale: string,
): Promise<{ nomineeId: string; reply: APIMessage } | undefined> {
  const select = find(prompt, `relay:nominate:${guildId}`);
  const offered = (select?.options ?? []).map((o) => o.value);
  const nomineeId = select ? choose(offered) : undefined;
  if (!select || !nomineeId) return undefined;
  const reply = await drivers
    .selectValues(prompt.id, select.custom_id as string, userId, [nomineeId], { locale })
    .waitForReply();
  return { nomineeId, reply };
}

async function update(handle: InteractionHandle): Promise<APIMessage> {
  return handle.waitForReply();
}
