/**
 * What Discord does to a message payload before storing it: embeds become `type: "rich"` with
 * `inline` set on every field and no null values; every component gets a numeric `id`
 * (depth-first, from 1) unless the sender gave one.
 */
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';

function dropNullish<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropNullish) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, dropNullish(v)]),
    ) as T;
  }
  return value;
}

export function normalizeEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  return embeds.map((raw) => {
    const embed = dropNullish(raw);
    return {
      type: 'rich',
      ...embed,
      ...(embed.fields ? { fields: embed.fields.map((f) => ({ ...f, inline: f.inline ?? false })) } : {}),
    } as APIEmbed;
  });
}

type Node = { id?: number; components?: Node[]; component?: Node; accessory?: Node; [key: string]: unknown };

export function numberComponents(components: APIMessageTopLevelComponent[]): APIMessageTopLevelComponent[] {
  let next = 1;
  const used = new Set<number>();
  const collect = (node: Node) => {
    if (typeof node.id === 'number') used.add(node.id);
    [...(node.components ?? []), node.component, node.accessory].forEach((c) => c && collect(c));
  };
  const assign = (raw: Node): Node => {
    const node = dropNullish(raw);
    if (typeof node.id !== 'number') {
      while (used.has(next)) next += 1;
      node.id = next;
      used.add(next);
    }
    if (node.components) node.components = node.components.map(assign);
    if (node.component) node.component = assign(node.component);
    if (node.accessory) node.accessory = assign(node.accessory);
    return node;
  };
  (components as unknown as Node[]).forEach(collect);
  return (components as unknown as Node[]).map(assign) as unknown as APIMessageTopLevelComponent[];
}
