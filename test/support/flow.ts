/** People-like steps shared by the Connect tests: join, open the intro, fill it in, post it. */
import type { APIMessage } from 'discord-api-types/v10';
import type { ConnectWorld } from './connect-world.js';

export const INTRO_TEXT = {
  name: 'Aiko Tanaka',
  career: 'Sales, 2015–2024',
  currentWork: 'Product manager at a start-up',
  interests: 'hiking, coffee、写真',
  greeting: 'Happy to reconnect with everyone!',
};

/** The custom ids of a message's components. */
export function customIds(message: { components?: unknown[] }): string[] {
  return (
    JSON.stringify(message.components ?? [])
      .match(/"custom_id":"[^"]+"/g)
      ?.map((m) => m.slice(13, -1)) ?? []
  );
}

/** A new person joins and waits for the welcome DM (the intro button). */
export async function joinAndGetDm(
  w: ConnectWorld,
  name: string,
  inviteCode?: string,
): Promise<{ userId: string; dm: APIMessage }> {
  const userId = w.person(name);
  w.drivers.memberJoin(w.guildId, userId, inviteCode ? { inviteCode } : {});
  const dm = await w.until(() => w.drivers.dmsTo(userId)[0], `${name}'s welcome DM`);
  return { userId, dm };
}

/** Clicks the intro button and submits the modal; returns the ephemeral survey message. */
export async function submitIntro(
  w: ConnectWorld,
  userId: string,
  buttonMessage: APIMessage,
  text: Partial<typeof INTRO_TEXT> = INTRO_TEXT,
): Promise<APIMessage> {
  const click = w.drivers.clickButton(buttonMessage.id, `intro:start:${w.guildId}`, userId);
  await click.waitForModal();
  const submit = w.drivers.submitModal(click, `intro:modal:${w.guildId}`, text as Record<string, string>);
  return submit.waitForReply();
}

/** Answers the survey (leave year 2019, 5–10 years, new graduate, IT, Kanto, parenting) and posts. */
export async function answerSurveyAndPost(w: ConnectWorld, userId: string, survey: APIMessage) {
  const id = (suffix: string) => `intro:${suffix}:${w.guildId}`;
  const pick = async (customId: string, values: string[]) =>
    w.drivers.selectValues(survey.id, customId, userId, values).waitForReply();
  await pick(id('decade'), ['2010']);
  await pick(`${id('attr')}:leaveYear`, ['2019']);
  await pick(`${id('attr')}:tenureBand`, ['5to10']);
  await pick(`${id('attr')}:joinedAsNewGraduate`, ['yes']);
  await w.drivers.clickButton(survey.id, `intro:page:${w.guildId}:2`, userId).waitForReply();
  await pick(`${id('attr')}:industry`, ['it']);
  await pick(`${id('attr')}:region`, ['kanto']);
  await pick(`${id('attr')}:lifeStages`, ['parenting']);
  return postSurvey(w, userId, survey);
}

/** Clicks "Post my introduction" on the survey. */
export async function postSurvey(w: ConnectWorld, userId: string, survey: APIMessage) {
  const post = w.drivers.clickButton(survey.id, `intro:post:${w.guildId}`, userId);
  const result = await post.waitForReply();
  return { post, result };
}

/**
 * The baton holder nominates `nomineeId` from a nomination prompt: the string select offers only
 * members without an intro, 25 at a time, so this refreshes or pages (the prompt's buttons) until
 * the nominee is offered, then picks them. Returns the bot's answer.
 */
export async function nominateFrom(
  w: ConnectWorld,
  prompt: APIMessage,
  holderId: string,
  nomineeId: string,
  options: { locale?: string } = {},
): Promise<APIMessage> {
  const act = options.locale ? { locale: options.locale } : {};
  let message = prompt;
  for (let pages = 0; pages < 50; pages++) {
    const ids = customIds(message);
    const select = ids.find((id) => id.startsWith(`relay:nominate:${w.guildId}`));
    if (select && JSON.stringify(message.components).includes(`"value":"${nomineeId}"`))
      return w.drivers.selectValues(message.id, select, holderId, [nomineeId], act).waitForReply();
    const offset = pages === 0 ? 0 : pages * 25;
    const page =
      ids.find((id) => id.startsWith(`relay:page:${w.guildId}:${offset}`)) ??
      ids.find((id) => id.startsWith(`relay:page:${w.guildId}:`));
    if (!page) throw new Error(`the prompt does not offer ${nomineeId}`);
    message = await w.drivers.clickButton(message.id, page, holderId, act).waitForReply();
  }
  throw new Error(`${nomineeId} not found in 50 pages`);
}
