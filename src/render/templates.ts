import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The views folder: src/render and dist/render both sit two levels below the repository root. */
export const VIEWS_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'views');

const compiled = new Map<string, ejs.TemplateFunction>();

/** Renders a view by name (e.g. 'partials/update') outside a request: live events, feeds. */
export function renderView(name: string, locals: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    const filename = join(VIEWS_DIR, `${name}.ejs`);
    template = ejs.compile(readFileSync(filename, 'utf8'), {
      filename,
      root: VIEWS_DIR,
      cache: true,
      async: false,
    });
    compiled.set(name, template);
  }
  return template(locals);
}
