// Browser journey: a referrer makes a referral and records signposting, then the link worker
// of the same PCN finds it in their inbox, accepts it and works the case to its close (contact,
// what matters, a plan with two goals, baseline ONS4 and UCLA, a connection to a service,
// follow-up measures, discharge); then the referrer reads the feedback. Every page visited is checked with
// axe-core (WCAG 2.2 AA tags); a serious or critical violation fails the run. One referral is
// also made with JavaScript off, to prove the journey does not need it. With GP_SYSTEM_TOKEN
// set (a bearer token of a user in the referrer's practice), a GP system's prefilled draft is
// opened through its one-time link, completed and sent.
//
//   LINKWAY_URL=http://127.0.0.1:8080 REFERRER_USER=... LINK_WORKER_USER=... E2E_PASSWORD=... \
//     node tests/e2e/referral_journey.mjs
//
// Prints one line per check and ends with "e2e: N passed, M failed"; exits 1 on any failure.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const base = (process.env.LINKWAY_URL ?? '').replace(/\/$/, '');
const referrer = process.env.REFERRER_USER;
const linkWorker = process.env.LINK_WORKER_USER;
const password = process.env.E2E_PASSWORD;
if (!base || !referrer || !linkWorker || !password) {
  console.error('e2e: set LINKWAY_URL, REFERRER_USER, LINK_WORKER_USER and E2E_PASSWORD');
  process.exit(2);
}

const outputDir = fileURLToPath(new URL('./output/', import.meta.url));
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let passed = 0;
let failed = 0;

function pass(name) {
  passed += 1;
  console.log(`ok - ${name}`);
}

function fail(name, detail) {
  failed += 1;
  console.log(`not ok - ${name}\n${String(detail).replace(/^/gm, '    ')}`);
}

// A step of the journey: later steps depend on it, so a failure stops the journey.
async function step(name, fn) {
  try {
    await fn();
    pass(name);
  } catch (error) {
    fail(name, error?.stack ?? error);
    throw new Error(`stopped after: ${name}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// axe on the page as it is now. Serious and critical violations fail; others are listed.
async function checkAccessible(page, label) {
  const name = `accessible: ${label}`;
  try {
    const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
    const blocking = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    for (const v of results.violations.filter((v) => !blocking.includes(v))) {
      console.log(`    note (${label}): ${v.impact} ${v.id}: ${v.help}`);
    }
    if (blocking.length === 0) {
      pass(name);
      return;
    }
    const report = blocking.map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}`).join('\n');
      return `[${v.impact}] ${v.id}: ${v.help}\n      ${v.helpUrl}\n${nodes}`;
    });
    fail(name, `${page.url()}\n${report.join('\n')}`);
  } catch (error) {
    fail(name, error?.stack ?? error);
  }
}

// Runs `action` (a click that submits a form) and returns the response of the page it lands on.
async function submit(page, action) {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  return response;
}

async function signIn(page, username) {
  await page.goto(`${base}/signin`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  return submit(page, () => page.click('button:has-text("Sign in")'));
}

async function text(page, selector) {
  return (await page.textContent(selector)) ?? '';
}

async function fillReferral(page, { other = false } = {}) {
  await page.fill('#nhs_number', '943 476 5919');
  await page.fill('#given_name', 'Ann');
  await page.fill('#family_name', 'Smith');
  await page.fill('#dob_day', '2');
  await page.fill('#dob_month', '3');
  await page.fill('#dob_year', '1948');
  await page.fill('#phone', '01432 000000');
  await page.check('input[name="reasons"][value="loneliness"]');
  await page.check('input[name="reasons"][value="money"]');
  if (other) {
    await page.check('input[name="reasons"][value="other"]');
    await page.fill('#reason_other', 'Help getting to appointments');
  }
  await page.check('#consent_referral');
  await page.check('#consent_share');
}

async function referrerJourney(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let reference = '';
  try {
    await step('referrer signs in and sees the home page', async () => {
      await signIn(page, referrer);
      expect(new URL(page.url()).pathname === '/', `landed on ${page.url()}`);
      expect((await text(page, 'main')).includes('Make a referral'), 'no "Make a referral" link');
    });
    await checkAccessible(page, 'home');

    await step('referral form opens, enhanced by JavaScript', async () => {
      const response = await page.goto(`${base}/referrals/new`);
      expect(response.status() === 200, `status ${response.status()}`);
      expect((await text(page, 'h1')).includes('Make a referral'), 'no heading');
      expect(!(await page.isVisible('#reason_other')), '"Other" detail shown before ticking');
      await mkdir(outputDir, { recursive: true });
      await page.screenshot({ path: `${outputDir}referral_form.png`, fullPage: true });
    });
    await checkAccessible(page, 'referral form');

    await step('an empty referral shows the error summary', async () => {
      const response = await submit(page, () => page.click('button:has-text("Send referral")'));
      expect(response.status() === 422, `status ${response.status()}`);
      const summary = await text(page, '.nhsuk-error-summary');
      expect(summary.includes('There is a problem'), 'no error summary');
      expect(summary.includes("Enter the person's NHS number"), 'no NHS number error');
      expect(await page.isVisible('.nhsuk-error-summary a[href="#nhs_number"]'), 'no link');
      expect((await page.title()).startsWith('Error: '), 'title does not start "Error: "');
    });
    await checkAccessible(page, 'referral form with errors');

    await step('a valid referral is sent', async () => {
      await fillReferral(page);
      await submit(page, () => page.click('button:has-text("Send referral")'));
      const url = new URL(page.url());
      expect(/^\/referrals\/\d+$/.test(url.pathname), `landed on ${page.url()}`);
      expect(!/Smith|9434765919|943%20476|943\+476/.test(page.url()), 'patient data in the URL');
      expect((await text(page, '.nhsuk-panel')).includes('Referral sent'), 'no confirmation');
      reference = (await text(page, '#reference')).trim();
      expect(/^\d+$/.test(reference), `reference "${reference}"`);
    });
    await checkAccessible(page, 'referral sent');

    await step('signposting is recorded', async () => {
      await page.goto(`${base}/signposts/new`);
      await checkAccessible(page, 'signposting form');
      await page.fill('#service', 'Hereford Community Larder');
      await page.check('input[name="reasons"][value="money"]');
      await submit(page, () => page.click('button:has-text("Record signposting")'));
      expect(page.url().endsWith('/signposts?recorded=1'), `landed on ${page.url()}`);
      expect((await text(page, '.nhsuk-panel')).includes('Signposting recorded'), 'no panel');
      expect((await text(page, 'table')).includes('Hereford Community Larder'), 'not listed');
    });
    await checkAccessible(page, 'signposting recorded');

    await step('the referral is in the practice list', async () => {
      await page.goto(`${base}/referrals`);
      expect(await page.isVisible(`a[href="/referrals/${reference}"]`), 'not listed');
    });
    await checkAccessible(page, 'practice referrals');

    await step('referrer signs out', async () => {
      await submit(page, () => page.click('button:has-text("Sign out")'));
      expect(new URL(page.url()).pathname === '/signin', `landed on ${page.url()}`);
    });
    await checkAccessible(page, 'sign in');
  } finally {
    if (pageErrors.length > 0) fail('no JavaScript errors (referrer)', pageErrors.join('\n'));
    await context.close();
  }
  return reference;
}

async function linkWorkerJourney(browser, reference) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  try {
    await step('link worker signs in to their inbox and sees the referral', async () => {
      await signIn(page, linkWorker);
      expect(new URL(page.url()).pathname === '/casework', `landed on ${page.url()}`);
      expect((await text(page, 'main')).includes('Load against capacity'), 'no load on the waiting list');
    });
    await checkAccessible(page, 'waiting list');
    await step('link worker opens the referrals inbox', async () => {
      await page.goto(`${base}/referrals`);
      // The inbox is oldest first, so a new referral is on the last page.
      const last = page.locator('.nhsuk-pagination__item:not(.nhsuk-pagination__item--ellipsis)').last();
      if ((await last.count()) > 0) await submit(page, () => last.locator('a').click());
      expect(await page.isVisible(`a[href="/referrals/${reference}"]`), 'referral not in inbox');
    });
    await checkAccessible(page, 'inbox');

    await step('link worker opens the referral', async () => {
      await page.click(`a[href="/referrals/${reference}"]`);
      await page.waitForURL(`**/referrals/${reference}`);
      const main = await text(page, 'main');
      expect(main.includes('943 476 5919'), 'no NHS number');
      expect(main.includes('Ann Smith'), 'no name');
      expect((await text(page, '#status')).includes('Received'), 'not received');
    });
    await checkAccessible(page, 'referral details');

    await step('link worker accepts it and the history carries the SNOMED code', async () => {
      await submit(page, () => page.click('button:has-text("Accept referral")'));
      expect(new URL(page.url()).pathname === `/referrals/${reference}`, `on ${page.url()}`);
      expect((await text(page, '#status')).includes('Accepted'), 'status is not accepted');
      expect((await text(page, 'table')).includes('871731000000106'), 'no SNOMED code');
    });
    await checkAccessible(page, 'accepted referral');
    await caseworkJourney(page, reference);
  } finally {
    await context.close();
  }
}

// The link worker works the accepted case to its close, through the case page's forms.
async function caseworkJourney(page, reference) {
  const caseUrl = `${base}/cases/${reference}`;
  const save = async (button) => {
    await submit(page, () => page.click(`button:has-text("${button}")`));
    expect(new URL(page.url()).pathname === `/cases/${reference}`, `not back on the case: ${page.url()}`);
  };
  const answer = async (measure, timepoint, answers) => {
    await page.goto(`${caseUrl}/measure?measure=${measure}`);
    await page.check(`input[name="timepoint"][value="${timepoint}"]`);
    for (const [item, value] of Object.entries(answers)) {
      await page.check(`input[name="answers.${item}"][value="${value}"]`);
    }
  };
  await step('link worker opens the case', async () => {
    await page.goto(caseUrl);
    expect((await text(page, 'h1')).includes('Ann Smith'), 'no name on the case');
  });
  await checkAccessible(page, 'case');
  await step('link worker logs a phone contact', async () => {
    await page.goto(`${caseUrl}/contact`);
    await page.check('input[name="kind"][value="phone"]');
    await page.fill('#minutes', '30');
  });
  await checkAccessible(page, 'contact form');
  await step('the contact is saved and the case is contacted', async () => {
    await save('Save contact');
    expect((await text(page, '#status')).includes('Contacted'), 'not contacted');
  });
  await step('link worker records what matters', async () => {
    await page.goto(`${caseUrl}/what-matters`);
    await page.fill('#domains-loneliness', 'Misses singing since her husband died');
    await page.fill('#domains-money', 'Worried about the heating bill');
    await page.check('input[name="intensity"][value="medium"]');
  });
  await checkAccessible(page, 'what matters form');
  await step('what matters is saved', async () => save('Save what matters'));
  await step('link worker makes a plan with two goals', async () => {
    await page.goto(`${caseUrl}/plan`);
    await page.fill('#goals-0-text', 'Join a community choir');
    await page.selectOption('#goals-0-domain', 'loneliness');
    await page.fill('#goals-0-target_date', '2027-03-01');
    await page.fill('#goals-1-text', 'Get help with the heating bill');
    await page.selectOption('#goals-1-domain', 'money');
    await page.fill('#goals-1-target_date', '2027-01-15');
    await page.selectOption('#goals-1-status', 'in_progress');
    await page.fill('#review_date', '2027-02-01');
  });
  await checkAccessible(page, 'plan form');
  await step('the plan is saved and the case is active', async () => {
    await save('Save plan');
    expect((await text(page, '#status')).includes('Active'), 'not active');
    expect((await text(page, 'main')).includes('Join a community choir'), 'goal not shown');
  });
  await step('link worker records baseline ONS4', async () => {
    await answer('ons4', 'baseline', { satisfied: 3, worthwhile: 4, happy: 3, anxious: 7 });
  });
  await checkAccessible(page, 'ONS4 form');
  await step('baseline ONS4 is saved', async () => save('Save answers'));
  await step('link worker records baseline UCLA', async () => {
    await answer('ucla3', 'baseline', { companionship: 3, left_out: 3, isolated: 2 });
    await save('Save answers');
  });
  await step('link worker connects the person to a service', async () => {
    await page.goto(`${caseUrl}/connect?q=walking`);
    // The first service taking referrals, nearest the person first.
    await page.locator('input[name="service"]:not([disabled])').first().check();
  });
  await checkAccessible(page, 'connect form');
  await step('the connection is offered, agreed, sent and attended', async () => {
    await save('Offer this service');
    for (const to of ['agreed', 'sent', 'attended']) {
      await page.check(`input[name="to"][value="${to}"]`);
      await submit(page, () => page.click('button:has-text("Save step")'));
    }
    expect((await text(page, '#connections ~ div')).includes('Attended') ||
           (await text(page, 'main')).includes('Attended'), 'not attended');
  });
  await checkAccessible(page, 'case with a connection');
  await step('link worker records follow-up measures', async () => {
    await answer('ons4', 'follow_up', { satisfied: 7, worthwhile: 7, happy: 6, anxious: 4 });
    await save('Save answers');
    await answer('ucla3', 'follow_up', { companionship: 1, left_out: 2, isolated: 1 });
    await save('Save answers');
  });
  await step('link worker closes the case', async () => {
    await page.goto(`${caseUrl}/discharge`);
    await page.check('input[name="outcome"][value="goals_met"]');
    await page.fill('#summary', 'Ann sings with the community choir every week and the heating bill is sorted.');
  });
  await checkAccessible(page, 'close form');
  await step('the case is closed', async () => {
    await save('Close the case and send feedback');
    expect((await text(page, '#status')).includes('Closed'), 'not closed');
  });
}

// The referrer reads the one feedback message the closed case sent.
async function feedbackJourney(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  try {
    await step('referrer sees unread feedback', async () => {
      await signIn(page, referrer);
      await page.goto(`${base}/feedback`);
      expect((await text(page, 'main')).includes('Unread'), 'no unread feedback');
    });
    await checkAccessible(page, 'feedback list');
    await step('referrer reads the feedback letter', async () => {
      await submit(page, () => page.locator('table a').first().click());
      const main = await text(page, 'main');
      expect(main.includes('community choir every week'), 'no summary in the letter');
      expect(main.includes('improved'), 'no change in measures');
    });
    await checkAccessible(page, 'feedback letter');
    await step('referrer sees their link worker', async () => {
      const home = await page.goto(`${base}/`);
      expect(home.ok(), 'home failed');
      await submit(page, () => page.click('a:has-text("Your link worker")'));
      expect((await text(page, 'h1')).includes('Your link worker'), 'no link worker page');
    });
    await checkAccessible(page, 'practice link worker');
  } finally {
    await context.close();
  }
}

async function noJavaScriptJourney(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  try {
    await step('without JavaScript, a referral can be made', async () => {
      await signIn(page, referrer);
      await page.goto(`${base}/referrals/new`);
      expect(await page.isVisible('#reason_other'), '"Other" detail hidden without JavaScript');
      await fillReferral(page, { other: true });
      await submit(page, () => page.click('button:has-text("Send referral")'));
      expect((await text(page, '.nhsuk-panel')).includes('Referral sent'), 'no confirmation');
    });
    // axe needs JavaScript in the page, so these pages are checked in the journeys above.
  } finally {
    await context.close();
  }
}

// A GP system posts the patient's details with its token and gets a one-time link; the
// clinician opens it, signs in, finds the form prefilled and sends it. The link works once.
async function draftJourney(browser, token) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  let link = '';
  try {
    await step('a GP system gets a one-time link for a prefilled referral', async () => {
      const response = await fetch(`${base}/api/v1/referral-drafts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          patient: {
            nhs_number: '943 476 5919', given_name: 'Bill', family_name: 'Jones',
            date_of_birth: '1951-07-14', postcode: 'HR4 9JP', phone: '01432 000001',
          },
          note: 'Recently widowed.',
        }),
      });
      expect(response.status === 201, `status ${response.status}`);
      link = (await response.json()).url;
      expect(/^\/referrals\/new\?draft=[0-9a-f]{64}$/.test(link), `link ${link}`);
    });

    await step('the clinician opens the link, signs in and finds the form prefilled', async () => {
      await page.goto(`${base}${link}`);
      expect(new URL(page.url()).pathname === '/signin', `landed on ${page.url()}`);
      await checkAccessible(page, 'sign in from a draft link');
      await page.fill('#username', referrer);
      await page.fill('#password', password);
      await submit(page, () => page.click('button:has-text("Sign in")'));
      expect(page.url().endsWith(link), `landed on ${page.url()}`);
      expect((await page.inputValue('#given_name')) === 'Bill', 'given name not prefilled');
      expect((await page.inputValue('#family_name')) === 'Jones', 'family name not prefilled');
      expect((await page.inputValue('#dob_year')) === '1951', 'date of birth not prefilled');
    });
    await checkAccessible(page, 'prefilled referral form');

    await step('the clinician completes and sends the prefilled referral', async () => {
      await page.check('input[name="reasons"][value="bereavement"]');
      await page.check('#consent_referral');
      await page.check('#consent_share');
      await submit(page, () => page.click('button:has-text("Send referral")'));
      expect((await text(page, '.nhsuk-panel')).includes('Referral sent'), 'no confirmation');
      expect((await text(page, 'main')).includes('Bill Jones'), 'not the drafted person');
    });

    await step('the link works only once', async () => {
      const response = await page.goto(`${base}${link}`);
      expect(response.status() === 404, `status ${response.status()}`);
    });
    await checkAccessible(page, 'used draft link');
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const reference = await referrerJourney(browser);
  await linkWorkerJourney(browser, reference);
  await feedbackJourney(browser);
  await noJavaScriptJourney(browser);
  if (process.env.GP_SYSTEM_TOKEN) await draftJourney(browser, process.env.GP_SYSTEM_TOKEN);
} catch (error) {
  console.log(`# ${error.message}`);
  if (failed === 0) fail('journey', error?.stack ?? error);
} finally {
  await browser.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
