import ejs from 'ejs';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderView, VIEW_OPTIONS, VIEWS_DIR } from '../../src/render/templates.js';
import { viewLocalNames, viewNames, viewSources } from '../../src/render/view-locals.js';

describe('viewNames', () => {
  it('reads names from code only: not from markup, comments, strings or after a dot', () => {
    const { read, declared, parameters } = viewNames(
      `<%# a comment naming ghost %><p title="markup">text</p><%= t.title %>
<% items.forEach(function (item, i) { const label = 'quoted ' + item.name; -%><%- label %><% }) -%>
<%% literal %>`,
    );
    assert.deepEqual([...read].sort(), ['const', 'function', 'i', 'item', 'items', 'label', 't']);
    assert.deepEqual([...declared], ['label']);
    assert.deepEqual([...parameters].sort(), ['i', 'item']);
  });
});

describe('viewLocalNames', () => {
  const names = viewLocalNames(VIEWS_DIR);

  it('lists the locals the views read, without reserved words, globals, EJS names or declared names', () => {
    for (const name of ['article', 't', 'user', 'csrf', 'groups', 'dt'])
      assert.ok(names.includes(name), name);
    for (const name of ['function', 'String', 'Object', 'locals', 'include', 'hTag'])
      assert.ok(!names.includes(name), name);
  });

  it('no view declares a name another view reads as a local (its copy would be missing)', () => {
    const views = [...viewSources(VIEWS_DIR)].map(([file, source]) => ({ file, ...viewNames(source) }));
    const declared = new Set(views.flatMap((v) => [...v.declared]));
    const clashes = views.flatMap((v) =>
      [...v.read]
        .filter((name) => declared.has(name) && !v.declared.has(name) && !v.parameters.has(name))
        .map((name) => `${v.file}: ${name}`),
    );
    assert.deepEqual(clashes, []);
  });

  it('every view compiles with the options the app renders with', () => {
    for (const [file, source] of viewSources(VIEWS_DIR)) {
      assert.doesNotThrow(
        () => ejs.compile(source, { ...VIEW_OPTIONS, filename: join(VIEWS_DIR, file) }),
        file,
      );
    }
  });

  it("a view reads its locals, an include gets its own and its parent's, an absent optional one is skipped", () => {
    const dt = { msg: (s: string) => `«${s}»`, conflict: { note: 'Note:', yourText: 'Yours' }, common: {} };
    const conflict = { name: 'title', note: 'Changed meanwhile', mine: '<b>mine</b>' };
    const html = renderView('partials/field-error', {
      name: 'title',
      errors: { title: 'Required' },
      dt,
      conflicts: { title: conflict },
    });
    assert.match(html, /id="title-error">«Required»<\/p>/);
    assert.match(html, /id="title-conflict"/); // the include read `conflict` (its own) and `dt` (inherited)
    assert.match(html, /«Changed meanwhile»/);
    assert.match(html, /&lt;b&gt;mine&lt;\/b&gt;/); // still escaped
    assert.equal(renderView('partials/field-error', { name: 'title', errors: {}, dt }).trim(), '');
  });
});
