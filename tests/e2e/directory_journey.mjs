// Browser journey through the directory: a member of the public searches for a walking group
// within 5 miles of an HR postcode and refers themselves (no sign-in); the link worker of their
// practice's PCN finds the self-referral, accepts it and connects the person to a community
// organisation's service, seeing its capacity; the organisation accepts the connection and
// records attendance. Every page is checked with axe-core; the search also runs with
// JavaScript off.
//
//   LINKWAY_URL=... LINK_WORKER_USER=... E2E_PASSWORD=... node tests/e2e/directory_journey.mjs
import {
  base, checkAccessible, counts, expect, fail, launch, signIn, step, submit, text,
} from './support/journey.mjs';

const linkWorker = process.env.LINK_WORKER_USER;
const vcseUser = process.env.VCSE_USER ?? 'vcse';
if (!base || !linkWorker) {
  console.error('e2e: set LINKWAY_URL, LINK_WORKER_USER and E2E_PASSWORD');
  process.exit(2);
}

// The public pages need no JavaScript: the search is one GET form, checked with it off.
async function noJavaScriptSearch(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await step('the directory search works with JavaScript off', async () => {
      await page.goto(`${base}/directory`);
      await page.fill('#q', 'walking');
      await page.fill('#postcode', 'HR1 2AA');
      await submit(page, () => page.click('button:has-text("Search")'));
      expect(/services? found/.test(await text(page, 'main')), 'no results');
    });
  } finally {
    await context.close();
  }
}

async function publicJourney(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  let id = '';
  try {
    await step('the public searches for a walking group within 5 miles of HR1 2AA', async () => {
      await page.goto(`${base}/directory`);
      await page.fill('#q', 'walking group');
      await page.fill('#postcode', 'HR1 2AA');
      await page.selectOption('#miles', '5');
      await submit(page, () => page.click('button:has-text("Search")'));
      const main = await text(page, 'main');
      expect(/\d+ services? found near HR1 2AA/.test(main), 'no results heading');
      expect(main.includes('miles away'), 'no distances');
      expect(main.includes('Listing last checked'), 'no last-checked dates');
    });
    await checkAccessible(page, 'directory search');
    await step('a bad postcode is said to be bad', async () => {
      await page.goto(`${base}/directory?q=walking&postcode=ZZ1+1ZZ`);
      expect((await text(page, '.nhsuk-error-summary')).includes('not a postcode we know'),
        'no postcode error');
    });
    await checkAccessible(page, 'directory search error');
    await step('the public opens a service page', async () => {
      await page.goto(`${base}/directory?q=walking+group&postcode=HR1+2AA&miles=5`);
      await submit(page, () => page.locator('.nhsuk-card__link').first().click());
      expect((await text(page, 'main')).includes('How this service answers referrals'),
        'no reply figures');
    });
    await checkAccessible(page, 'service page');
    await step('the public refers themselves and gets a reference number', async () => {
      await page.goto(`${base}/self-referral`);
      await page.fill('#given_name', 'Joan');
      await page.fill('#family_name', 'Walker');
      await page.fill('#phone', '07700 900123');
      await page.fill('#postcode', 'HR1 2AA');
      await page.selectOption('#practice', 'M81026');
      await page.fill('#help', 'I would like to get out walking with other people.');
      await page.check('#agreed');
      await submit(page, () => page.click('button:has-text("Send my request")'));
      const panel = await text(page, '.nhsuk-panel');
      const match = panel.match(/SR-(\d+)/);
      expect(match, 'no reference number');
      id = match[1];
    });
    await checkAccessible(page, 'self-referral sent');
    await step('the self-referral form shows its errors', async () => {
      await page.goto(`${base}/self-referral`);
      await submit(page, () => page.click('button:has-text("Send my request")'));
      expect((await text(page, '.nhsuk-error-summary')).includes('Enter your first name'),
        'no error summary');
    });
    await checkAccessible(page, 'self-referral errors');
  } finally {
    await context.close();
  }
  return id;
}

async function linkWorkerJourney(browser, id) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  try {
    await step('the link worker finds the self-referral and accepts it', async () => {
      await signIn(page, linkWorker);
      await page.goto(`${base}/referrals/${id}`);
      const main = await text(page, 'main');
      expect(main.includes('Joan Walker'), 'no name');
      expect(main.includes('Self-referral'), 'not shown as a self-referral');
      await submit(page, () => page.click('button:has-text("Accept referral")'));
    });
    await checkAccessible(page, 'self-referral accepted');
    await step('the link worker chooses a service of a community organisation', async () => {
      await page.goto(`${base}/cases/${id}/connect?q=Herefordshire+Community+Connect`);
      const main = await text(page, 'main');
      expect(/Accepting referrals|Waiting list/.test(main), 'no capacity shown');
      await page.locator('input[name="service"]').first().check();
    });
    await checkAccessible(page, 'choose a service');
    await step('the connection is offered, agreed and sent', async () => {
      await submit(page, () => page.click('button:has-text("Offer this service")'));
      for (const to of ['agreed', 'sent']) {
        await page.check(`input[name="to"][value="${to}"]`);
        await submit(page, () => page.click('button:has-text("Save step")'));
      }
      expect((await text(page, 'main')).includes('Sent to the service'), 'not sent');
    });
    await checkAccessible(page, 'case with a sent connection');
  } finally {
    await context.close();
  }
}

async function organisationJourney(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  try {
    await step('the community organisation sees the person in its inbox', async () => {
      await signIn(page, vcseUser);
      await page.goto(`${base}/connections`);
      // Oldest first, so the newest is on the last page.
      const last = page.locator('.nhsuk-pagination__item:not(.nhsuk-pagination__item--ellipsis)').last();
      if ((await last.count()) > 0) await submit(page, () => last.locator('a').click());
      expect((await text(page, 'main')).includes('Joan Walker'), 'not in the inbox');
    });
    await checkAccessible(page, 'organisation inbox');
    await step('the organisation accepts, then records attendance', async () => {
      await submit(page, () => page.click('a:has-text("Joan Walker")'));
      const answerUrl = page.url();
      await page.check('input[name="to"][value="accepted"]');
      await submit(page, () => page.click('button:has-text("Send your answer")'));
      await page.goto(answerUrl);
      await page.check('input[name="to"][value="attended"]');
      await submit(page, () => page.click('button:has-text("Send your answer")'));
      await page.goto(`${base}/connections?show=answered`);
      expect((await text(page, 'main')).includes('Attended'), 'attendance not recorded');
    });
    await checkAccessible(page, 'organisation answered');
    await step('the organisation edits its listing and capacity', async () => {
      await page.goto(`${base}/directory/mine`);
      expect((await text(page, 'main')).includes('Save capacity'), 'no capacity form');
    });
    await checkAccessible(page, 'organisation services');
  } finally {
    await context.close();
  }
}

const browser = await launch();
try {
  await noJavaScriptSearch(browser);
  const id = await publicJourney(browser);
  await linkWorkerJourney(browser, id);
  await organisationJourney(browser);
} catch (error) {
  console.log(`# ${error.message}`);
  if (counts.failed === 0) fail('journey', error?.stack ?? error);
} finally {
  await browser.close();
}
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
