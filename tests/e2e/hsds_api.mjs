// API conformance: every response of the open Open Referral API (/api/hsds) is checked against
// both the HSDS 3.0 schemas and the Open Referral UK V3.0-UK validator schemas, kept in
// tests/fixtures/hsds/ (see its README.md for where they come from). No browser is needed.
//
// It walks the API the way the ORUK validator does (GET /, each list at per_page=5: page 1,
// middle pages and the last page, with its pagination rules; each by-id endpoint with ids taken
// from the lists), then /services with every query parameter, /service_at_locations with
// postcode and proximity, and some bad parameters that must answer 400 problem+json naming the
// field. On every response it also checks Access-Control-Allow-Origin: * and that empty
// optional fields are omitted rather than sent as null, "", [] or {}.
//
//   LINKWAY_URL=http://127.0.0.1:8080 node tests/e2e/hsds_api.mjs
//
// Prints one line per check and ends with "e2e: N passed, M failed"; exits 1 on any failure.
// Lines starting "# note" are information only (for example, fields the UK profile leaves out).
import { readFileSync } from 'node:fs';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const site = (process.env.LINKWAY_URL ?? '').replace(/\/$/, '');
if (!site) {
  console.error('e2e: set LINKWAY_URL');
  process.exit(2);
}
const api = `${site}/api/hsds`;
const perPage = 5; // as the ORUK validator's pagination test

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

function note(text) {
  console.log(`# note: ${text}`);
}

// One check: `fn` returns nothing (pass) or throws / returns a list of problems (fail).
async function check(name, fn) {
  try {
    const problems = await fn();
    if (Array.isArray(problems) && problems.length > 0) fail(name, listed(problems));
    else pass(name);
  } catch (error) {
    fail(name, error?.stack ?? error);
  }
}

function listed(problems, limit = 12) {
  const shown = problems.slice(0, limit);
  if (problems.length > limit) shown.push(`... and ${problems.length - limit} more`);
  return shown.join('\n');
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function brief(value) {
  const text = JSON.stringify(value);
  if (text === undefined) return 'undefined';
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// Schemas

const fixtures = new URL('../fixtures/hsds/', import.meta.url);
const load = (path) => JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('csv', true); // a tabular-data hint used throughout the HSDS schemas, not a JSON format

// HSDS 3.0. openapi.json refers to the schemas by their raw GitHub addresses; the per-table
// taxonomy schemas refer to their neighbours by relative name, so each is registered at its address.
const hsdsBase = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
for (const path of [
  'compiled/service.json',
  'compiled/service_list.json',
  'compiled/organization.json',
  'compiled/organization_list.json',
  'compiled/service_at_location.json',
  'compiled/service_at_location_list.json',
  'taxonomy.json',
  'taxonomy_term.json',
  'metadata.json',
]) {
  ajv.addSchema({ ...load(`hsds-3.0/${path}`), $id: hsdsBase + path });
}
const hsdsOpenapi = load('hsds-3.0/openapi.json');
const hsdsPage = hsdsOpenapi.components.schemas.Page;

// The 200 response schema of an operation in openapi.json, with its "#/components/schemas/Page"
// reference replaced by the Page schema itself (the other references are absolute).
function hsdsResponse(path) {
  const schema = hsdsOpenapi.paths[path].get.responses['200'].content['application/json'].schema;
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    value && value.$ref === '#/components/schemas/Page' ? hsdsPage : value,
  );
}

// ORUK V3.0-UK: the files the validator's HSDS-UK-3.0 test profile names, each validating the
// whole body. Their list files mean to add the page fields through `allOf: [{"Page": {...}}]`,
// which is not a schema keyword and so checks nothing; the Page schema of the validator's
// open_api.json is added alongside. organization_list.json is a single organization, not a page
// (the UK profile drops /organizations), so it is used as the schema of each item of a page.
const orukPage = load('oruk-v3.0-uk/open_api.json').components.schemas.Page;
const oruk = (name) => load(`oruk-v3.0-uk/${name}.json`);
const orukList = (name) => ({ allOf: [oruk(name), orukPage] });

const endpoints = {
  api: { hsds: hsdsResponse('/'), oruk: oruk('api_details') },
  services: { hsds: hsdsResponse('/services'), oruk: orukList('service_list') },
  service: { hsds: hsdsResponse('/services/{id}'), oruk: oruk('service') },
  organizations: {
    hsds: hsdsResponse('/organizations'),
    oruk: { allOf: [orukPage], properties: { contents: { type: 'array', items: oruk('organization_list') } } },
  },
  organization: { hsds: hsdsResponse('/organizations/{id}'), oruk: oruk('organization') },
  taxonomies: { hsds: hsdsResponse('/taxonomies'), oruk: orukList('taxonomy_list') },
  taxonomy: { hsds: hsdsResponse('/taxonomies/{id}'), oruk: oruk('taxonomy') },
  taxonomy_terms: { hsds: hsdsResponse('/taxonomy_terms'), oruk: orukList('taxonomy_term_list') },
  taxonomy_term: { hsds: hsdsResponse('/taxonomy_terms/{id}'), oruk: oruk('taxonomy_term') },
  service_at_locations: { hsds: hsdsResponse('/service_at_locations'), oruk: orukList('service_at_location_list') },
  // openapi.json gives compiled/service.json for /service_at_locations/{id}, an error in the
  // specification (a service at location is not a service); its own compiled schema is used.
  service_at_location: { hsds: { $ref: `${hsdsBase}compiled/service_at_location.json` }, oruk: oruk('service_at_location') },
};

// A copy of an ORUK schema in which every object with listed properties allows no others. It is
// used only for notes: the schemas do not forbid extra fields, but the UK profile removes some.
function closed(schema) {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    value && typeof value === 'object' && !Array.isArray(value) && value.type === 'object' && value.properties &&
    !('total_items' in value.properties) // not the Page schema, which sits beside `contents`
      ? { ...value, additionalProperties: false }
      : value,
  );
}

const validators = new Map();
function validator(endpoint, standard) {
  const key = `${endpoint}/${standard}`;
  if (!validators.has(key)) {
    const schema = standard === 'oruk-closed' ? closed(endpoints[endpoint].oruk) : endpoints[endpoint][standard];
    validators.set(key, ajv.compile(schema));
  }
  return validators.get(key);
}

function valueAt(body, pointer) {
  let node = body;
  for (const part of pointer.split('/').slice(1)) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function schemaErrors(body, endpoint, standard) {
  const validate = validator(endpoint, standard);
  if (validate(body)) return [];
  return validate.errors.map((e) => {
    const where = e.instancePath || '/';
    const rule = e.schemaPath.length > 90 ? `...${e.schemaPath.slice(-90)}` : e.schemaPath;
    const params = e.keyword === 'required' ? '' : ` ${JSON.stringify(e.params)}`;
    return `${where}: ${e.keyword} ${e.message}${params}; value ${brief(valueAt(body, e.instancePath))} [${rule}]`;
  });
}

// ---------------------------------------------------------------------------------------------
// Requests and the checks every response gets

async function get(path) {
  const url = `${api}${path}`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { url, path, status: response.status, headers: response.headers, text, body };
}

function checkCors(label, response) {
  const origin = response.headers.get('access-control-allow-origin');
  if (origin === '*') pass(`${label}: Access-Control-Allow-Origin: *`);
  else fail(`${label}: Access-Control-Allow-Origin: *`, `header is ${brief(origin)}`);
}

// Empty optional fields must be left out. Returns the JSON paths of null, "" (or blank), [] and {}.
function emptyFields(node, path = '') {
  if (node === null) return [`${path || '/'}: null`];
  if (typeof node === 'string') return node.trim() === '' ? [`${path}: ${brief(node)}`] : [];
  if (Array.isArray(node)) {
    if (node.length === 0 && path !== '/contents') return [`${path}: []`];
    return node.flatMap((item, i) => emptyFields(item, `${path}/${i}`));
  }
  if (typeof node === 'object') {
    const entries = Object.entries(node);
    if (entries.length === 0) return [`${path || '/'}: {}`];
    return entries.flatMap(([key, value]) => emptyFields(value, `${path}/${key}`));
  }
  return [];
}

const outsideProfile = new Map(); // endpoint -> Set of generalised paths of fields the UK profile lacks

// GET `path`, expect 200 JSON, and check it against both schemas, CORS and empty fields.
async function fetchValid(endpoint, path) {
  const label = `GET ${path}`;
  let response;
  try {
    response = await get(path);
  } catch (error) {
    fail(`${label}: answers`, error?.stack ?? error);
    return undefined;
  }
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 200 && response.body !== undefined && /^application\/json\b/.test(type)) {
    pass(`${label}: 200 application/json`);
  } else {
    fail(`${label}: 200 application/json`, `status ${response.status}, ${type}\n${response.text.slice(0, 300)}`);
    checkCors(label, response);
    return undefined;
  }
  checkCors(label, response);
  const body = response.body;
  await selfTest(endpoint, body);
  await check(`${label}: valid against HSDS 3.0`, () => schemaErrors(body, endpoint, 'hsds'));
  await check(`${label}: valid against ORUK V3.0-UK`, () => schemaErrors(body, endpoint, 'oruk'));
  // ORUK: "optional fields without a value should be omitted rather than included with null or
  // empty values". Null and "" are one check; [] and {} (empty lists of related records) another.
  const empty = emptyFields(body);
  await check(`${label}: no null or "" values`, () => empty.filter((e) => !/: (\[\]|\{\})$/.test(e)));
  await check(`${label}: no empty [] or {} values`, () => empty.filter((e) => /: (\[\]|\{\})$/.test(e)));
  for (const e of validator(endpoint, 'oruk-closed')(body) ? [] : validator(endpoint, 'oruk-closed').errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const where = `${e.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')}/${e.params.additionalProperty}`;
    if (!outsideProfile.has(endpoint)) outsideProfile.set(endpoint, new Set());
    outsideProfile.get(endpoint).add(where);
  }
  return body;
}

// Once per endpoint, proof that its two validators are not empty: a copy of the first real body,
// broken in one place, must fail both (a page number that is not a number, an id that is not a
// uuid, a version that is not a string).
const selfTested = new Set();
async function selfTest(endpoint, body) {
  if (selfTested.has(endpoint)) return;
  selfTested.add(endpoint);
  const broken = structuredClone(body);
  let what;
  if (endpoint === 'api') {
    broken.version = 3;
    what = 'version 3';
  } else if (Array.isArray(broken.contents)) {
    broken.page_number = 'one';
    what = 'page_number "one"';
    if (broken.contents.length > 0) {
      broken.contents[0].id = 'not-a-uuid';
      what += ' and contents/0/id "not-a-uuid"';
    }
  } else {
    broken.id = 'not-a-uuid';
    what = 'id "not-a-uuid"';
  }
  await check(`/${endpoint}: both schemas reject a body with ${what}`, () => {
    const problems = [];
    for (const standard of ['hsds', 'oruk']) {
      const errors = schemaErrors(broken, endpoint, standard);
      if (errors.length === 0) problems.push(`the ${standard} schema accepts it`);
      if (Array.isArray(broken.contents) && !errors.some((e) => e.startsWith('/page_number'))) {
        problems.push(`the ${standard} schema does not check page_number`);
      }
    }
    return problems;
  });
}

// The ORUK validator's pagination rules for a page fetched with per_page `size`.
function paginationProblems(body, page, size) {
  const problems = [];
  const fields = { total_items: 'number', total_pages: 'number', page_number: 'number', size: 'number',
    first_page: 'boolean', last_page: 'boolean', empty: 'boolean' };
  for (const [field, type] of Object.entries(fields)) {
    if (typeof body[field] !== type) problems.push(`${field} is missing or not a ${type}: ${brief(body[field])}`);
  }
  if (!Array.isArray(body.contents)) return [...problems, `contents is not an array: ${brief(body.contents)}`];
  const count = body.contents.length;
  const totalPages = body.total_pages;
  if (body.page_number !== page) problems.push(`page_number is ${body.page_number}, asked for page ${page}`);
  if (body.first_page !== (page === 1)) problems.push(`first_page is ${body.first_page} on page ${page}`);
  if (body.last_page !== (page === totalPages)) {
    problems.push(`last_page is ${body.last_page} on page ${page} of ${totalPages}`);
  }
  if (body.empty !== (count === 0)) problems.push(`empty is ${body.empty} with ${count} items`);
  if (body.size !== count) problems.push(`size is ${body.size} with ${count} items`);
  if (page !== totalPages && count !== size) problems.push(`${count} items on page ${page} (not the last), expected ${size}`);
  if (page === totalPages && (count > size || (body.total_items > 0 && count === 0))) {
    problems.push(`${count} items on the last page`);
  }
  const expectedPages = Math.max(1, Math.ceil(body.total_items / size));
  if (totalPages !== expectedPages) problems.push(`total_pages is ${totalPages} for ${body.total_items} items at ${size} a page`);
  const ids = body.contents.map((item) => item?.id);
  if (new Set(ids).size !== ids.length) problems.push('ids repeat within the page');
  return problems;
}

// A list endpoint walked as the ORUK validator does. Returns the items seen, by page.
async function walkList(endpoint, query = '') {
  const sep = query ? `${query}&` : '';
  const first = await fetchValid(endpoint, `/${endpoint}?${sep}per_page=${perPage}&page=1`);
  if (!first) return [];
  await check(`GET /${endpoint}?${sep}per_page=${perPage}&page=1: pagination`, () => paginationProblems(first, 1, perPage));
  const total = Number.isInteger(first.total_pages) ? first.total_pages : 1;
  const middle = [...new Set([2, Math.ceil((1 + total) / 2), total - 1])].filter((p) => p > 1 && p < total);
  const pages = [{ page: 1, body: first }];
  for (const page of [...middle, ...(total > 1 ? [total] : [])]) {
    const path = `/${endpoint}?${sep}per_page=${perPage}&page=${page}`;
    const body = await fetchValid(endpoint, path);
    if (!body) continue;
    await check(`GET ${path}: pagination`, () => paginationProblems(body, page, perPage));
    pages.push({ page, body });
  }
  if (pages.length > 1) {
    await check(`GET /${endpoint}?${sep}per_page=${perPage}: no id on two pages`, () => {
      const seen = new Map();
      const problems = [];
      for (const { page, body } of pages) {
        for (const item of body.contents ?? []) {
          if (seen.has(item.id)) problems.push(`${item.id} on pages ${seen.get(item.id)} and ${page}`);
          seen.set(item.id, page);
        }
      }
      return problems;
    });
  }
  return pages.flatMap(({ body }) => body.contents ?? []);
}

// Several ids from a list: the first of each page fetched, and the last item seen.
function sampleIds(items, count = 5) {
  const ids = [...new Set(items.map((item) => item.id).filter(Boolean))];
  if (ids.length <= count) return ids;
  const step = (ids.length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => ids[Math.round(i * step)]))];
}

async function checkById(endpoint, single, items) {
  const ids = sampleIds(items);
  if (ids.length === 0) fail(`/${endpoint}/{id}: ids to fetch`, `/${endpoint} listed no items`);
  const bodies = [];
  for (const id of ids) {
    const body = await fetchValid(single, `/${endpoint}/${encodeURIComponent(id)}`);
    if (!body) continue;
    await check(`GET /${endpoint}/${id}: is the item listed`, () => {
      const listed = items.find((item) => item.id === id);
      expect(body.id === id, `id is ${brief(body.id)}`);
      expect(listed.name === undefined || body.name === listed.name, `name ${brief(body.name)} != listed ${brief(listed.name)}`);
    });
    bodies.push(body);
  }
  const unknown = `/${endpoint}/00000000-0000-4000-8000-000000000000`;
  await check(`GET ${unknown}: 404 problem+json`, async () => {
    const response = await get(unknown);
    checkCors(`GET ${unknown}`, response);
    expect(response.status === 404, `status ${response.status}`);
    expect(/^application\/problem\+json\b/.test(response.headers.get('content-type') ?? ''),
      `content-type ${response.headers.get('content-type')}`);
    expect(response.body?.status === 404, `body ${response.text.slice(0, 200)}`);
  });
  return bodies;
}

// A bad parameter: 400, application/problem+json, CORS, and a body that names the field.
async function checkBadParameter(endpoint, query, field) {
  const path = `/${endpoint}?${query}`;
  let response;
  await check(`GET ${path}: 400 problem+json naming ${field}`, async () => {
    response = await get(path);
    const type = response.headers.get('content-type') ?? '';
    expect(response.status === 400, `status ${response.status}: ${response.text.slice(0, 200)}`);
    expect(/^application\/problem\+json\b/.test(type), `content-type ${type}`);
    expect(response.body && typeof response.body === 'object', `body is not JSON: ${response.text.slice(0, 200)}`);
    expect(response.body.status === undefined || response.body.status === 400, `body status ${response.body.status}`);
    expect(typeof response.body.title === 'string' && response.body.title !== '', 'no title');
    const named = (node) => typeof node === 'string'
      ? new RegExp(`\\b${field}\\b`).test(node)
      : node && typeof node === 'object' && Object.values(node).some(named);
    expect(named(response.body), `no "${field}" in ${response.text.slice(0, 300)}`);
  });
  if (response) checkCors(`GET ${path}`, response);
}

// /services (or /service_at_locations) with a query: schemas and pagination on page 1, at least
// one result, no more than unfiltered, and `each` (if given) holding for every item on the page.
async function checkQuery(endpoint, query, { all, each, atLeastOne = true } = {}) {
  const path = `/${endpoint}?${query}&per_page=${perPage}`;
  const body = await fetchValid(endpoint, path);
  if (!body) return undefined;
  await check(`GET ${path}: pagination`, () => paginationProblems(body, 1, perPage));
  await check(`GET ${path}: filters`, () => {
    const problems = [];
    if (atLeastOne && !(body.total_items > 0)) problems.push(`total_items is ${body.total_items}; expected results`);
    if (all !== undefined && body.total_items > all) problems.push(`total_items ${body.total_items} > ${all} unfiltered`);
    for (const item of each ? body.contents ?? [] : []) {
      const problem = each(item);
      if (problem) problems.push(`${item.id}: ${problem}`);
    }
    return problems;
  });
  return body;
}

// ---------------------------------------------------------------------------------------------
// The walk

try {
  // GET /
  const details = await fetchValid('api', '/');
  if (details) {
    await check('GET /: version is HSDS-UK-3.0', () => expect(details.version === 'HSDS-UK-3.0', `version ${brief(details.version)}`));
  }

  // Lists and by-id
  const services = await walkList('services');
  await check('GET /services: every service has an organization_id (ORUK compliance rule)', () =>
    services.filter((s) => !s.organization_id).map((s) => `${s.id}: no organization_id`));
  const fullServices = await checkById('services', 'service', services);
  await check('GET /services/{id}: every service has an organization_id (ORUK compliance rule)', () =>
    fullServices.filter((s) => !s.organization_id).map((s) => `${s.id}: no organization_id`));

  const organizations = await walkList('organizations');
  await checkById('organizations', 'organization', organizations);
  const taxonomies = await walkList('taxonomies');
  await checkById('taxonomies', 'taxonomy', taxonomies);
  const terms = await walkList('taxonomy_terms');
  await checkById('taxonomy_terms', 'taxonomy_term', terms);
  const places = await walkList('service_at_locations');
  await checkById('service_at_locations', 'service_at_location', places);

  // /services with each parameter. Values come from the data, so each query has answers.
  const allServices = (await get(`/services?per_page=1`)).body?.total_items;
  const allPlaces = (await get(`/service_at_locations?per_page=1`)).body?.total_items;
  const sample = fullServices.find((s) => s.attributes?.length && s.schedules?.length) ?? fullServices[0] ?? {};
  const word = (sample.name ?? 'walking').split(/\W+/).sort((a, b) => b.length - a.length)[0];
  await checkQuery('services', `search=${encodeURIComponent(word)}`, { all: allServices });
  await checkQuery('services', 'postcode=HR1%202AA', { all: allServices });
  await checkQuery('services', 'postcode=HR1%202AA&proximity=2000', { all: allServices });

  const termId = sample.attributes?.find((a) => a.taxonomy_term_id)?.taxonomy_term_id;
  if (termId) {
    const body = await checkQuery('services', `taxonomy_term_id=${termId}`, { all: allServices });
    await check(`GET /services?taxonomy_term_id=${termId}: the services carry the term`, async () => {
      const problems = [];
      for (const item of (body?.contents ?? []).slice(0, 3)) {
        const full = (await get(`/services/${item.id}`)).body;
        if (!full?.attributes?.some((a) => a.taxonomy_term_id === termId)) problems.push(`${item.id} has no attribute with the term`);
      }
      return problems;
    });
  } else {
    fail('GET /services?taxonomy_term_id=...: a term to ask for', 'no sampled service has an attribute with a taxonomy_term_id');
  }
  if (taxonomies[0]?.id) await checkQuery('services', `taxonomy_id=${taxonomies[0].id}`, { all: allServices });
  else fail('GET /services?taxonomy_id=...: a taxonomy to ask for', '/taxonomies listed none');

  const organizationId = sample.organization_id;
  if (organizationId) {
    await checkQuery('services', `organization_id=${organizationId}`, {
      all: allServices,
      each: (item) => (item.organization_id === organizationId ? '' : `organization_id ${item.organization_id}`),
    });
  }
  const modified = sample.last_modified ?? '2026-01-01T00:00:00Z';
  await checkQuery('services', `modified_after=${encodeURIComponent(modified)}`, {
    all: allServices,
    each: (item) => (Date.parse(item.last_modified) >= Date.parse(modified) ? '' : `last_modified ${item.last_modified}`),
  });
  await checkQuery('services', 'minimum_age=18', { all: allServices });
  await checkQuery('services', 'maximum_age=65', { all: allServices });
  await checkQuery('services', 'minimum_age=18&maximum_age=65', { all: allServices });

  const schedule = sample.schedules?.find((s) => s.byday && s.opens_at && s.closes_at);
  const day = schedule?.byday.split(',')[0] ?? 'MO';
  const opens = schedule?.opens_at?.slice(0, 5) ?? '10:00';
  const closes = schedule?.closes_at?.slice(0, 5) ?? '12:00';
  await checkQuery('services', `day=${day}`, { all: allServices });
  await checkQuery('services', `start_time=${opens}&end_time=${closes}`, { all: allServices });
  await checkQuery('services', `day=${day}&start_time=${opens}&end_time=${closes}`, { all: allServices });
  await checkQuery('services', 'day=SU', { all: allServices, atLeastOne: false });

  await checkQuery('service_at_locations', 'postcode=HR1%202AA', { all: allPlaces });
  await checkQuery('service_at_locations', 'postcode=HR1%202AA&proximity=2000', { all: allPlaces });

  // A page past the end: still a valid, empty page.
  if (Number.isInteger(allServices)) {
    const beyond = Math.ceil(allServices / perPage) + 1;
    const body = await fetchValid('services', `/services?per_page=${perPage}&page=${beyond}`);
    if (body) {
      await check(`GET /services?per_page=${perPage}&page=${beyond}: an empty page`, () =>
        expect(body.empty === true && body.size === 0 && body.contents?.length === 0 && body.first_page === false,
          `empty ${body.empty}, size ${body.size}, first_page ${body.first_page}`));
      if (body.last_page) note(`page ${beyond} of ${body.total_pages} (past the end) says last_page: true`);
    }
  }

  // Bad parameters
  await checkBadParameter('services', 'per_page=0', 'per_page');
  await checkBadParameter('services', 'postcode=ZZ1', 'postcode');
  await checkBadParameter('services', 'proximity=1000', 'proximity');
  await checkBadParameter('services', 'day=XX', 'day');
  await checkBadParameter('service_at_locations', 'per_page=0', 'per_page');
  await checkBadParameter('service_at_locations', 'postcode=ZZ1', 'postcode');
  await checkBadParameter('service_at_locations', 'proximity=1000', 'proximity');

  for (const [endpoint, fields] of outsideProfile) {
    note(`/${endpoint} sends fields the ORUK V3.0-UK schema does not list (allowed, as the schemas do not forbid them): ${[...fields].sort().join(', ')}`);
  }
} catch (error) {
  fail('walk', error?.stack ?? error);
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
