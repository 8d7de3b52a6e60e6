import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }

/**
 * axe-core's violations on the page as it stands, one line each (rule, help, where). Injected through the
 * debugging protocol, which the page's script-src 'self' does not govern, so the console's policy stays as served.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource);
  type Axe = { axe: { run(ctx: Document): Promise<AxeResult> } };
  const result = await page.evaluate(() => (window as unknown as Axe).axe.run(document));
  return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
