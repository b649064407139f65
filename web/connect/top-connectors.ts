/** The overview's "Top connectors" block (view: web/views/connect/top-connectors.ejs). */
import type { GuildPageDeps } from '../core/feature.js';
import type { PresentContext } from '../core/format.js';
import { presentConnectors, type ConnectorView } from './invites.presenter.js';

const TOP_CONNECTORS = 5;

/** The first people who bring others in, named and formatted for the overview. */
export async function topConnectorsView(
  deps: Pick<GuildPageDeps, 'reads' | 'names'>,
  guildId: string,
  ctx: PresentContext,
): Promise<ConnectorView[]> {
  const rows = await deps.reads.topConnectors(guildId, TOP_CONNECTORS);
  const names = await deps.names(
    guildId,
    rows.map((r) => r.inviterId),
  );
  return presentConnectors(rows, names, ctx);
}
