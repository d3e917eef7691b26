// What the browser journeys share: pass/fail lines, steps that stop the journey, axe-core checks
// (WCAG 2.2 AA tags; serious or critical violations fail), sign-in and form submission.
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const base = (process.env.LINKWAY_URL ?? '').replace(/\/$/, '');
export const password = process.env.E2E_PASSWORD;
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const counts = { passed: 0, failed: 0 };

export function pass(name) {
  counts.passed += 1;
  console.log(`ok - ${name}`);
}

export function fail(name, detail) {
  counts.failed += 1;
  console.log(`not ok - ${name}\n${String(detail).replace(/^/gm, '    ')}`);
}

export async function step(name, fn) {
  try {
    await fn();
    pass(name);
  } catch (error) {
    fail(name, error?.stack ?? error);
    throw new Error(`stopped after: ${name}`);
  }
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export async function checkAccessible(page, label) {
  const name = `accessible: ${label}`;
  try {
    const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
    const blocking = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    if (blocking.length === 0) {
      pass(name);
      return;
    }
    const report = blocking.map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}`).join('\n');
      return `[${v.impact}] ${v.id}: ${v.help}\n${nodes}`;
    });
    fail(name, `${page.url()}\n${report.join('\n')}`);
  } catch (error) {
    fail(name, error?.stack ?? error);
  }
}

export async function submit(page, action) {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  return response;
}

export async function signIn(page, username) {
  await page.goto(`${base}/signin`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  return submit(page, () => page.click('button:has-text("Sign in")'));
}

export async function text(page, selector) {
  return (await page.textContent(selector)) ?? '';
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
