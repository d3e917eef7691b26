// Browser journey through administration and the second factor: the administrator adds a link
// worker, who chooses a password from the one-time link, sets up a second factor from the QR
// code's key and signs in with a code; the administrator deactivates them, and their session
// stops working at once. Every page is checked with axe-core.
//
//   LINKWAY_URL=... E2E_PASSWORD=... node tests/e2e/admin_journey.mjs
import { createHmac } from 'node:crypto';

import {
  base, checkAccessible, counts, expect, fail, launch, signIn, step, submit, text,
} from './support/journey.mjs';

const adminUser = process.env.ADMIN_USER ?? 'admin';
const newUser = `e2e.lw${Date.now() % 100000}`;
const newPassword = 'Quiet-Harbour-Biscuit-77';

// RFC 6238 with SHA-1, 6 digits, 30-second steps: what an authenticator app shows.
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 30000);

const browser = await launch();
const admin = await (await browser.newContext()).newPage();
const worker = await (await browser.newContext()).newPage();
admin.setDefaultTimeout(15000);
worker.setDefaultTimeout(15000);
let link = '';
let secret = '';
let enrolledStep = 0;
try {
  await step('the administrator signs in and sees the admin pages', async () => {
    await signIn(admin, adminUser);
    await admin.goto(`${base}/admin/users`);
    expect((await text(admin, 'h1')).includes('Users'), 'no users page');
  });
  await checkAccessible(admin, 'admin users');
  for (const [path, label] of [['/admin/organisations', 'admin organisations'],
    ['/admin/organisations/import', 'admin ODS import'], ['/admin/security', 'admin throttles and tokens'],
    ['/admin/audit', 'admin audit'], ['/admin/codes', 'admin code table'],
    ['/insight/variation', 'variation between practices (funnel plot)']]) {
    await admin.goto(`${base}${path}`);
    await checkAccessible(admin, label);
  }
  await step('the administrator adds a link worker at a PCN', async () => {
    await admin.goto(`${base}/admin/users/new`);
    await admin.fill('#username', newUser);
    await admin.fill('#display_name', 'Robin Tester');
    await admin.selectOption('#role', 'link_worker');
    const pcn = await admin.$$eval('#org option', (options) =>
      options.find((o) => o.textContent.includes('(pcn)'))?.value);
    expect(pcn, 'no PCN to choose');
    await admin.selectOption('#org', pcn);
    await submit(admin, () => admin.click('button:has-text("Add the user")'));
    const main = await text(admin, 'main');
    const found = main.match(/https?:\/\/\S+\/reset-password\/[0-9a-f]{64}/);
    expect(found, 'no one-time link');
    link = found[0];
  });
  await checkAccessible(admin, 'admin user added');

  await step('the link worker chooses a password from the one-time link', async () => {
    await worker.goto(link);
    await worker.fill('#password', newPassword);
    await submit(worker, () => worker.click('button:has-text("Set the password")'));
    expect((await text(worker, 'h1')).includes('Your password is set'), 'password not set');
  });
  await step('signing in, they must set up a second factor from a QR code', async () => {
    await worker.goto(`${base}/signin`);
    await worker.fill('#username', newUser);
    await worker.fill('#password', newPassword);
    await submit(worker, () => worker.click('button:has-text("Sign in")'));
    expect(worker.url().endsWith('/account/second-factor'), `at ${worker.url()}`);
    expect(await worker.$('.linkway-qr-code svg'), 'no QR code');
    secret = (await text(worker, '.linkway-secret')).trim();
    expect(secret.length >= 32, 'no key');
  });
  await checkAccessible(worker, 'second factor set-up');
  await step('a wrong code is refused, the right one gives recovery codes', async () => {
    await worker.fill('#code', '000000');
    await submit(worker, () => worker.click('button:has-text("Confirm")'));
    expect((await text(worker, '.nhsuk-error-summary')).includes('not right'), 'wrong code taken');
    enrolledStep = stepNow();
    await worker.fill('#code', totp(secret, enrolledStep));
    await submit(worker, () => worker.click('button:has-text("Confirm")'));
    expect((await text(worker, 'main')).includes('Save your recovery codes'), 'no recovery codes');
    expect((await worker.$$('.linkway-recovery-codes li')).length === 10, 'not ten codes');
  });
  await checkAccessible(worker, 'recovery codes');
  await step('they sign out, and sign in again with password and code', async () => {
    await submit(worker, () => worker.click('a:has-text("Continue")'));
    await submit(worker, () => worker.click('button:has-text("Sign out")'));
    await worker.goto(`${base}/signin`);
    await worker.fill('#username', newUser);
    await worker.fill('#password', newPassword);
    await submit(worker, () => worker.click('button:has-text("Sign in")'));
    expect(worker.url().includes('/signin/code'), `at ${worker.url()}`);
  });
  await checkAccessible(worker, 'second factor code');
  await step('the code from the app signs them in', async () => {
    // A code works once: wait for the step after the one used to confirm.
    while (stepNow() <= enrolledStep) await new Promise((r) => setTimeout(r, 500));
    await worker.fill('#code', totp(secret, stepNow()));
    await submit(worker, () => worker.click('button:has-text("Continue")'));
    await worker.goto(`${base}/casework`);
    expect(worker.url().endsWith('/casework'), `at ${worker.url()}`);
    expect((await text(worker, 'header')).includes('Robin Tester'), 'not signed in');
  });
  await step('the administrator deactivates the link worker', async () => {
    await admin.goto(`${base}/admin/users`);
    await submit(admin, () => admin.click(`a:has-text("${newUser}")`));
    expect((await text(admin, 'main')).includes('Set up'), 'second factor not shown as set up');
    await submit(admin, () => admin.click(`button:has-text("Deactivate ${newUser}")`));
    expect((await text(admin, 'main')).includes('is deactivated'), 'not deactivated');
  });
  await checkAccessible(admin, 'admin user deactivated');
  await step("the link worker's session stops working at once", async () => {
    await worker.goto(`${base}/casework`);
    expect(worker.url().includes('/signin'), `still at ${worker.url()}`);
  });
} catch (error) {
  if (!String(error.message).startsWith('stopped after')) fail('admin journey', error?.stack);
} finally {
  await browser.close();
}
console.log(`# admin journey: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
