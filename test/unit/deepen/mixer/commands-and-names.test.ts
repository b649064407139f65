import { expect } from 'chai';
import { mixer } from '../../../../bot/deepen/mixer/commands/mixer.js';
import { categoryName } from '../../../../bot/deepen/mixer/flows/rooms.js';
import { listThemes } from '../../../../shared/deepen/prompts/themes.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';

interface OptionJson {
  name: string;
  options?: OptionJson[];
  choices?: { name: string; value: string; name_localizations?: Record<string, string> }[];
}

describe('mixer command and room names', () => {
  it('names every theme choice in Japanese for Japanese clients', () => {
    const json = mixer.data.toJSON() as unknown as OptionJson;
    const start = json.options!.find((o) => o.name === 'start')!;
    const theme = start.options!.find((o) => o.name === 'theme')!;
    const ja = new Map<string, string>(listThemes('ja').map((c) => [c.value, c.name]));
    expect(theme.choices).to.have.length(ja.size);
    for (const choice of theme.choices!) {
      expect(choice.name_localizations?.ja).to.equal(ja.get(choice.value));
      expect(choice.name_localizations?.ja).to.not.equal(undefined);
    }
  });

  it('gives two runs whose ids share a prefix different category names (cleanup finds rooms by name)', () => {
    const run = (runId: string) => ({ runId, locale: 'en' }) as MixerRunView;
    const a = categoryName(run('1a2b3c4d-0000-4000-8000-000000000001'));
    const b = categoryName(run('1a2b3c4d-0000-4000-8000-000000000002'));
    expect(a).to.not.equal(b);
    // People see the name in Discord: a short code, not the 36-character id.
    expect(a).to.match(/^Mixer rooms [0-9a-f]{8}$/);
  });
});
