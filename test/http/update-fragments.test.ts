import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { snapshotInput } from '../../src/domain/snapshots.js';
import type { UpdateInput } from '../../src/domain/update-input.js';
import { editPerson } from '../../src/services/people.js';
import { editUpdate, requireUpdate, type EditKind } from '../../src/services/updates.js';
import { manualClock, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

// The article page keeps each update's HTML per content (src/render/update-html.ts). Every change a
// reader can see on an update must reach the page on the next view, whichever way it was made.

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

function setup() {
  const time = manualClock();
  const t = testApp(time.clock);
  close = t.close;
  const ids = seedArticle(t.ctx);
  const page = async () => (await request(t.app.handler).get('/articles/it-attack').expect(200)).text;
  /** Saves the update with `change` applied to its current content. */
  const edit = (id: number, change: (input: UpdateInput) => UpdateInput, kind?: EditKind) => {
    const update = requireUpdate(t.ctx, id);
    editUpdate(t.ctx, actor('editor'), id, update.version, change(snapshotInput(update)), kind);
  };
  return { ...t, ...ids, time, page, edit };
}

describe('kept update HTML on the article page', () => {
  it('when a headline, a block or a correction changes, then the next view shows it', async () => {
    const s = setup();
    assert.match(await s.page(), /Systemen är tillbaka/);
    s.edit(s.minuteUpdateId, (input) => ({ ...input, headline: 'Systemen fungerar igen' }));
    const renamed = await s.page();
    assert.match(renamed, /Systemen fungerar igen/);
    assert.doesNotMatch(renamed, /Systemen är tillbaka/);

    s.edit(s.minuteUpdateId, (input) => ({
      ...input,
      blocks: input.blocks.map((block) =>
        block.type === 'text' ? { ...block, markdown: 'Efter sju dygn fungerar *nästan* allt.' } : block,
      ),
    }));
    const edited = await s.page();
    assert.match(edited, /Efter sju dygn fungerar <em>nästan<\/em> allt\./);
    assert.doesNotMatch(edited, /Efter sex dygn/);

    s.edit(s.minuteUpdateId, (input) => input, { kind: 'correction', note: 'Antalet dygn var fel.' });
    assert.match(await s.page(), /class="correction".*Antalet dygn var fel\./);
  });

  it('when a speaker is renamed in the register, then the next view shows the new name', async () => {
    const s = setup();
    assert.match(await s.page(), /Karin Berg/);
    const karin = s.ctx.repos.people.list().find((person) => person.name === 'Karin Berg');
    assert.ok(karin);
    const result = editPerson(s.ctx, actor('editor'), karin.id, {
      name: 'Karin Berglund',
      title: 'operativ chef',
      organisation: 'Nordhall IT',
      note: '',
    });
    assert.ok(result.ok);
    const after = await s.page();
    assert.match(after, /class="qa__speaker">.*Karin Berglund, operativ chef, Nordhall IT</);
    assert.doesNotMatch(after, /Karin Berg[^l]/);
  });

  it('when the year turns, then a kept update of last year shows its year', async () => {
    const s = setup();
    assert.match(await s.page(), /<time datetime="2026-12-01T23:00:00.000Z">2 december<\/time>/);
    s.time.advance(40 * 86_400_000); // 2027-01-17
    // Any commit makes the page stale; the day update itself did not change.
    s.edit(s.minuteUpdateId, (input) => ({ ...input, headline: 'Nytt år' }));
    assert.match(await s.page(), /<time datetime="2026-12-01T23:00:00.000Z">2 december 2026<\/time>/);
  });

  it('when a reader comes back, then updates new since the last visit are marked, and only for that reader', async () => {
    const s = setup();
    const since = await request(s.app.handler)
      .get('/articles/it-attack?since=2020-01-01T00:00:00Z')
      .expect(200);
    assert.match(since.text, /badge--new/);
    assert.doesNotMatch(await s.page(), /badge--new/);
  });
});
