/** Configuration is parsed strictly: a malformed variable stops the start naming the variable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

test('defaults: embedded database in ./data on port 54329, server on 127.0.0.1:3000', () => {
  const config = loadConfig({});
  assert.equal(config.databaseUrl, undefined);
  assert.match(config.dataDir, /\/data$/);
  assert.equal(config.embeddedPort, 54329);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 3000);
  assert.deepEqual(config.publicOrigins, []);
  assert.equal(config.outboxIntervalS, 300);
  assert.equal(loadConfig({ KETAFLOW_OUTBOX_INTERVAL_S: '0' }).outboxIntervalS, 0);
  assert.equal(config.analyticsRefreshIntervalS, 900);
  assert.equal(
    loadConfig({ KETAFLOW_ANALYTICS_REFRESH_INTERVAL_S: '0' }).analyticsRefreshIntervalS,
    0,
  );
});

test('malformed values are refused, naming the variable', () => {
  assert.throws(
    () => loadConfig({ PORT: '80a' }),
    (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
  assert.throws(() => loadConfig({ KETAFLOW_DB_PORT: '5432' }), /must not be 5432/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  assert.throws(
    () => loadConfig({ KETAFLOW_OUTBOX_INTERVAL_S: '5m' }),
    /KETAFLOW_OUTBOX_INTERVAL_S/,
  );
  assert.throws(
    () => loadConfig({ KETAFLOW_ANALYTICS_REFRESH_INTERVAL_S: '-1' }),
    /KETAFLOW_ANALYTICS_REFRESH_INTERVAL_S must be whole seconds/,
  );
  assert.throws(
    () => loadConfig({ KETAFLOW_PUBLIC_ORIGINS: 'https://a.example/path' }),
    /KETAFLOW_PUBLIC_ORIGINS/,
  );
});

test('public origins behind a proxy are listed', () => {
  const config = loadConfig({
    KETAFLOW_PUBLIC_ORIGINS: 'https://ketaflow.clinic.example, https://b.example:8443',
  });
  assert.deepEqual(config.publicOrigins, [
    'https://ketaflow.clinic.example',
    'https://b.example:8443',
  ]);
});
