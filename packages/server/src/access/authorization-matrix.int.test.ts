/**
 * The authorization matrix (safety-security.md T-9, T-10, T-18): every route of the OpenAPI document
 * is called as anonymous, as each role of a clinic, as each role of another clinic (with the first
 * clinic's object ids), and as a disabled user. Fails on any 2xx the policy (route-policy.ts) does
 * not expect, on an expected caller not getting a 2xx, on a foreign id not answering 404 like a
 * missing one, on a refusal that shows record data, and on a route without a policy entry.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import {
  signIn,
  signInPatient,
  startTestApp,
  createTestClinic,
  type SignedIn,
} from '../testing/harness.ts';
import {
  PARAM_FACTORIES,
  ROUTE_REQUESTS,
  type FixtureContext,
  type RouteRequest,
} from '../testing/route-requests.ts';
import { ROLES, type Role } from './permissions.ts';
import { ROUTE_POLICY, type Caller } from './route-policy.ts';

const t = await startTestApp();
after(() => t.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const spec = t.app.swagger() as { paths?: Record<string, Partial<Record<string, unknown>>> };
const routes = Object.entries(spec.paths ?? {}).flatMap(([path, operations]) =>
  METHODS.filter((method) => operations[method] !== undefined).map(
    (method) => `${method.toUpperCase()} ${path}`,
  ),
);

async function signInRole(role: Role, clinicId: string, admin: SignedIn | null): Promise<SignedIn> {
  if (role === 'patient') {
    if (admin === null) throw new Error('a patient account needs an admin to register its record');
    return signInPatient(t.app, admin);
  }
  return signIn(t.app, { role, clinicId });
}

interface ClinicCast {
  readonly clinicId: string;
  readonly admin: SignedIn;
  readonly callers: ReadonlyMap<Role, SignedIn>;
}

async function castFor(name: string): Promise<ClinicCast> {
  const clinicId = await createTestClinic(t.app, name);
  const admin = await signIn(t.app, { role: 'admin', clinicId });
  const callers = new Map<Role, SignedIn>([['admin', admin]]);
  for (const role of ROLES) {
    if (role !== 'admin') callers.set(role, await signInRole(role, clinicId, admin));
  }
  return { clinicId, admin, callers };
}

const home = await castFor('Matrix clinic A');
const other = await castFor('Matrix clinic B');
const disabled = await signIn(t.app, { role: 'nurse', clinicId: home.clinicId });
{
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${disabled.userId}/disable`,
    headers: home.admin.headers(),
  });
  assert.equal(response.statusCode, 200, `could not disable the matrix user: ${response.body}`);
}

/** Fills `{name}` from the fixture's params, else from PARAM_FACTORIES (a fresh object). */
async function urlOf(
  key: string,
  path: string,
  request: RouteRequest,
  fx: FixtureContext,
): Promise<string> {
  let url = path;
  for (const [, name = ''] of path.matchAll(/\{([^}]+)\}/g)) {
    const factory = PARAM_FACTORIES[name];
    const value = request.params?.[name] ?? (await factory?.(fx));
    if (value === undefined) {
      throw new Error(`${key}: no fixture gives {${name}}; add one in testing/route-requests.ts`);
    }
    url = url.replace(`{${name}}`, value);
  }
  return url;
}

async function call(
  key: string,
  caller: SignedIn | null,
  target: ClinicCast,
): Promise<LightMyRequestResponse> {
  const [method = 'GET', path = '/'] = key.split(' ');
  const fixture = ROUTE_REQUESTS[key];
  const fx: FixtureContext = { app: t.app, clinicId: target.clinicId, admin: target.admin, caller };
  const request = (await fixture?.build?.(fx)) ?? {};
  return t.app.inject({
    method: method as 'GET',
    url: await urlOf(key, path, request, fx),
    ...(caller === null ? {} : { headers: caller.headers() }),
    ...(request.query === undefined ? {} : { query: { ...request.query } }),
    ...(request.body === undefined ? {} : { payload: request.body as Record<string, unknown> }),
  });
}

/** Names of the fixtures' fictional patients (testing/harness.ts). */
const CANARY = /Zebediah|Quuxington/;
const is2xx = (status: number): boolean => status >= 200 && status < 300;
const describeResponse = (response: LightMyRequestResponse): string => {
  const code = (response.json<{ code?: string }>() as { code?: string } | null)?.code;
  return `${String(response.statusCode)}${code === undefined ? '' : ` ${code}`}`;
};

test('every route of the OpenAPI document has a policy entry, and every entry a route', () => {
  assert.ok(routes.length > 0, 'the OpenAPI document lists no routes');
  const missing = routes.filter((key) => ROUTE_POLICY[key] === undefined);
  assert.deepEqual(missing, [], 'routes without an entry in access/route-policy.ts');
  const stale = Object.keys(ROUTE_POLICY).filter((key) => !routes.includes(key));
  assert.deepEqual(stale, [], 'policy entries for routes that do not exist');
});

for (const key of routes) {
  const allowed: readonly Caller[] = ROUTE_POLICY[key] ?? [];
  const fixture = ROUTE_REQUESTS[key];
  const hasParams = key.includes('{');

  test(`authorization matrix: ${key}`, async () => {
    const failures: string[] = [];
    const check = (who: string, expectOk: boolean, response: LightMyRequestResponse): void => {
      const ok = is2xx(response.statusCode);
      if (ok && !expectOk) failures.push(`${who}: unexpected ${describeResponse(response)}`);
      if (!ok && expectOk) failures.push(`${who}: expected 2xx, got ${describeResponse(response)}`);
      // Canaries: a refusal shows none of the fixture's data; no response ever shows a hash.
      if (!ok && CANARY.test(response.body)) failures.push(`${who}: a refusal leaks record data`);
      if (/\$argon2/.test(response.body)) failures.push(`${who}: a password hash leaks`);
    };

    const anonymous = await call(key, null, home);
    check('anonymous', allowed.includes('anonymous'), anonymous);
    if (!allowed.includes('anonymous') && anonymous.statusCode !== 401) {
      failures.push(`anonymous: expected 401, got ${describeResponse(anonymous)}`);
    }

    for (const role of ROLES) {
      const caller =
        fixture?.freshCaller === true
          ? await signInRole(role, home.clinicId, home.admin)
          : home.callers.get(role);
      if (caller === undefined) throw new Error(`no ${role} caller`);
      check(role, allowed.includes(role), await call(key, caller, home));
    }

    if (hasParams || fixture?.crossClinic === true) {
      for (const role of ROLES) {
        const caller =
          fixture?.freshCaller === true
            ? await signInRole(role, other.clinicId, other.admin)
            : other.callers.get(role);
        if (caller === undefined) throw new Error(`no ${role} caller`);
        const response = await call(key, caller, home);
        check(`${role} of another clinic`, false, response);
        if (allowed.includes(role) && response.statusCode !== 404) {
          failures.push(
            `${role} of another clinic: a foreign id must answer 404, got ${describeResponse(response)}`,
          );
        }
      }
    }

    if (!allowed.includes('anonymous')) {
      const response = await call(key, disabled, home);
      if (response.statusCode !== 401) {
        failures.push(`disabled user: expected 401, got ${describeResponse(response)}`);
      }
    }

    assert.deepEqual(failures, [], `${key}:\n  ${failures.join('\n  ')}`);
  });
}
