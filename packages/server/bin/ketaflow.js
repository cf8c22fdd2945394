#!/usr/bin/env node
// The `ketaflow` command. Runs the TypeScript sources through tsx, always in UTC (stack.md).
process.env.TZ = 'UTC';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
