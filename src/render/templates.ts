import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { viewLocalNames } from './view-locals.js';

/** The views folder: src/render and dist/render both sit two levels below the repository root. */
export const VIEWS_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'views');

/**
 * How every view is compiled, by the app's view engine and by renderView alike (EJS keeps one compiled copy
 * of an included file, made with the options of whichever view included it first). Includes name their
 * file from the views folder ('/partials/update'), so EJS resolves them without checking the disk; locals
 * are copied into variables rather than read through `with` (src/render/view-locals.ts).
 */
export const VIEW_OPTIONS: ejs.Options & { async: false; client: false } = {
  root: VIEWS_DIR,
  cache: true,
  async: false,
  client: false,
  _with: false,
  destructuredLocals: viewLocalNames(VIEWS_DIR),
};

const compiled = new Map<string, ejs.TemplateFunction>();

/** Renders a view by name (e.g. 'partials/update') outside a request: live events, feeds. */
export function renderView(name: string, locals: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    const filename = join(VIEWS_DIR, `${name}.ejs`);
    template = ejs.compile(readFileSync(filename, 'utf8'), { ...VIEW_OPTIONS, filename });
    compiled.set(name, template);
  }
  return template(locals);
}
