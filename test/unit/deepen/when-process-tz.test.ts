/**
 * The time tests again, in child processes whose own zone is not the guild's: event times must
 * come out the same whatever `TZ` the worker runs under (luxon zone arithmetic, never the process
 * zone). Part of `npm test`, so the suite always covers at least three process zones.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MOCHA = require.resolve('mocha/bin/mocha.js');
const TIME_TESTS = [
  'test/unit/deepen/when-parse.test.ts',
  'test/unit/deepen/when-parse-conventions.test.ts',
  'test/unit/deepen/when-recurrence.test.ts',
  'test/unit/deepen/when-recurrence-dst.test.ts',
  'test/integration/deepen/events/series-and-manage.test.ts',
];

describe('event times under other process time zones (child processes)', () => {
  for (const tz of ['America/New_York', 'Asia/Kolkata']) {
    it(`passes the parsing, recurrence and DST series tests with TZ=${tz}`, function () {
      this.timeout(120_000);
      const run = spawnSync(process.execPath, [MOCHA, '--reporter', 'dot', ...TIME_TESTS], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output.slice(-3000)).to.equal(0);
      expect(output).to.match(/\d+ passing/);
      expect(output).to.not.match(/\d+ failing/);
    });
  }
});
