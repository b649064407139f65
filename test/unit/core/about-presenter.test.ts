import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import { aboutMessage } from '../../../bot/core/about/about.presenter.js';

const facts = { version: '1.2.3', guildCount: 4, latencyMs: 41.6, now: new Date('2026-01-02T03:04:05Z') };

describe('about presenter', () => {
  it('shows version, server count and latency in English', () => {
    const embed = aboutMessage(translator('en'), facts).embeds[0]!.toJSON();
    expect(embed.title).to.equal('About Tsunagu');
    expect(embed.fields?.map((f) => [f.name, f.value]).slice(0, 3)).to.deep.equal([
      ['Version', '1.2.3'],
      ['Servers', '4'],
      ['Latency', '42 ms'],
    ]);
  });

  it('shows the same facts in Japanese', () => {
    const embed = aboutMessage(translator('ja'), facts).embeds[0]!.toJSON();
    expect(embed.title).to.equal('つなぐについて');
    expect(embed.fields?.[2]).to.deep.include({ name: '応答速度', value: '42 ミリ秒' });
  });

  it('stamps the embed with the time, which Discord shows in each viewer’s own zone', () => {
    const embed = aboutMessage(translator('ja'), facts).embeds[0]!.toJSON();
    expect(embed.timestamp).to.equal('2026-01-02T03:04:05.000Z');
    expect(embed.footer?.text).to.equal('更新');
    expect(JSON.stringify(embed)).to.not.include('UTC');
  });

  it('GIVEN no heartbeat yet (latency -1) THEN says it is still measuring', () => {
    const embed = aboutMessage(translator('en'), { ...facts, latencyMs: -1 }).embeds[0]!.toJSON();
    expect(embed.fields?.[2]?.value).to.equal('measuring…');
  });

  it('links the dashboard when configured, else says none is configured', () => {
    const withLink = aboutMessage(translator('en'), {
      ...facts,
      dashboardUrl: 'https://t.example',
    }).embeds[0]!.toJSON();
    expect(withLink.fields?.[3]?.value).to.equal('[Dashboard](https://t.example)');
    const without = aboutMessage(translator('en'), facts).embeds[0]!.toJSON();
    expect(without.fields?.[3]?.value).to.equal('No dashboard URL is configured.');
  });

  it('offers a Refresh button routed to the about family', () => {
    const row = aboutMessage(translator('en'), facts).components[0]!.toJSON();
    expect(row.components[0]).to.deep.include({ custom_id: 'about:refresh', label: 'Refresh' });
  });
});
