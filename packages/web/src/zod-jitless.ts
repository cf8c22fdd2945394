/**
 * Must be the first import of main.tsx. zod compiles fast object parsers with `new Function`, which
 * the server's Content-Security-Policy (no 'unsafe-eval') refuses and reports as a console error;
 * jitless mode parses without generated code. Schemas read the flag when they are created, so this
 * runs before the contract's schemas are built.
 */
import { z } from 'zod';

z.config({ jitless: true });
