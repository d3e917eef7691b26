// Browser journey through insight: a commissioner opens the funnel plot and finds the practices
// outside its limits, then the other figures; a clinician opens their own view; a practice's
// digest renders and prints. Every page is checked with axe-core.
//
//   LINKWAY_URL=... E2E_PASSWORD=... node tests/e2e/insight_journey.mjs
import {
  base, checkAccessible, counts, expect, launch, signIn, step, submit, text,
} from './support/journey.mjs';

const referrerUser = process.env.REFERRER_USER ?? 'referrer';
const browser = await launch();
const commissioner = await (await browser.newContext()).newPage();
const clinician = await (await browser.newContext()).newPage();

try {
  await step('the commissioner signs in and opens insight', async () => {
    await signIn(commissioner, 'commissioner');
    await commissioner.goto(`${base}/`);
    await submit(commissioner, () => commissioner.click('a.nhsuk-card__link:has-text("Insight")'));
    expect(commissioner.url().endsWith('/insight'), `at ${commissioner.url()}`);
  });
  await checkAccessible(commissioner, 'the insight page');

  await step('the funnel plot shows the practices outside the limits', async () => {
    await submit(commissioner, () => commissioner.click('a:has-text("Variation between practices")'));
    expect(await commissioner.locator('figure svg circle').count() > 5, 'no practices plotted');
    const outside = await text(commissioner, 'h3:has-text("Practices outside the limits") + ul');
    expect(/above the 99\.8% limit/.test(outside), `no outlier above: ${outside}`);
    expect(/below the 99\.8% limit/.test(outside), `no outlier below: ${outside}`);
    const row = await text(commissioner, 'table.nhsuk-table tbody');
    expect(row.includes('above the 99.8% limit'), 'the table does not say which are outside');
  });
  await checkAccessible(commissioner, 'the funnel plot');

  await step('the variation figures download as CSV', async () => {
    const href = await commissioner.getAttribute('a:has-text("Download these figures (CSV)")', 'href');
    const response = await commissioner.request.get(`${base}${href}`);
    expect(response.status() === 200, `CSV answered ${response.status()}`);
    expect((await response.text()).startsWith('code,name,list_size'), 'not the CSV');
  });

  for (const [path, heading] of [
    ['/insight/activity?by=reason', 'Referral reasons'],
    ['/insight/equity?by=imd', 'Equity of referrals'],
    ['/insight/equity?by=age', 'Equity of referrals'],
    ['/insight/waits?scope=icb', "Each PCN's waiting list"],
    ['/insight/outcomes', 'Outcomes'],
  ]) {
    await step(`the commissioner reads ${path}`, async () => {
      await commissioner.goto(`${base}${path}`);
      expect((await text(commissioner, 'main')).includes(heading), `no "${heading}"`);
      expect(await commissioner.locator('figure svg').count() > 0, 'no chart');
      expect(await commissioner.locator('table.nhsuk-table').count() > 0, 'no table');
    });
    await checkAccessible(commissioner, path);
  }

  await step('the clinician opens their own view', async () => {
    await signIn(clinician, referrerUser);
    await clinician.goto(`${base}/insight`);
    await submit(clinician, () => clinician.click('a:has-text("My referrals")'));
    const main = await text(clinician, 'main');
    expect(main.includes('Your share of consultations'), 'no share of consultations');
    expect(main.includes('20%'), 'no 20% reference');
    expect(main.includes('You and colleagues in your PCN'), 'no peers');
    expect(await clinician.locator('figure svg').count() >= 3, 'charts missing');
  });
  await checkAccessible(clinician, 'the clinician\'s own view');

  await step('the clinician changes the consultations a day', async () => {
    await clinician.fill('#consultations_per_day', '30');
    await submit(clinician, () => clinician.click('button:has-text("Show")'));
    expect((await text(clinician, 'main')).includes('30 a day'), 'the setting was not used');
  });

  await step('the practice digest renders and prints', async () => {
    await clinician.goto(`${base}/insight/digest`);
    expect(/\/insight\/digest\/M81/.test(clinician.url()), `at ${clinician.url()}`);
    const main = await text(clinician, 'main');
    for (const part of ["The practice's figures", 'Your link workers',
      'New and changed services nearby', 'Case studies']) {
      expect(main.includes(part), `no "${part}"`);
    }
    await clinician.emulateMedia({ media: 'print' });
    expect(!(await clinician.locator('header.nhsuk-header').isVisible()), 'the header prints');
    const pdf = await clinician.pdf({ format: 'A4' });
    expect(pdf.length > 10000, `a print of ${pdf.length} bytes`);
    await clinician.emulateMedia({ media: 'screen' });
  });
  await checkAccessible(clinician, 'the practice digest');
} catch (error) {
  console.log(`# ${error.message}`);
} finally {
  await browser.close();
}
console.log(`# insight journey: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
