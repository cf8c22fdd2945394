/**
 * HTTP routes of the controlled-substance ledger under /api/v1/ledger: parse with the contract, call
 * one service function, map the result. There is deliberately no PUT, PATCH or DELETE: a mistake is
 * reversed by a correction entry, never edited (T-42).
 */
import {
  InventoryQuery,
  LedgerAvailability,
  LedgerEntryList,
  LedgerEntryQuery,
  LedgerEntryRecorded,
  LedgerEntryRequest,
  LedgerIncidentList,
  LedgerLocation,
  LedgerLocationCreate,
  LedgerLocationList,
  LedgerReport,
  LedgerSessionAdministration,
  LedgerSessionParams,
  LedgerVerification,
  LotReportQuery,
  PatientReportParams,
  PatientReportQuery,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { sessionAdministration } from './charted-dose.ts';
import { recordEntry } from './record-entry.ts';
import { inventoryReport, lotReport, patientReport, type ReportOutput } from './reports.ts';
import {
  availability,
  createLocation,
  incidents,
  listEntries,
  listLocations,
  verifyClinicLedger,
} from './service.ts';

const tags = ['ledger'];

/** JSON for the web (and print), or the same columns as a CSV download. */
function sendReport(reply: FastifyReply, format: 'json' | 'csv', name: string, out: ReportOutput) {
  if (format === 'csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(out.csv);
  }
  return reply.send(out.report);
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ledger/locations',
    {
      schema: {
        tags,
        summary: 'Add a storage location (a retry with the same id answers 200)',
        body: LedgerLocationCreate,
        response: { 200: LedgerLocation, 201: LedgerLocation, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { location, created } = await createLocation(
        serviceContext(request),
        request.body,
        app.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(location);
    },
  );

  app.get(
    '/ledger/locations',
    {
      schema: {
        tags,
        summary: 'The storage locations of the clinic',
        response: { 200: LedgerLocationList, ...problemResponses },
      },
    },
    (request) => listLocations(serviceContext(request)),
  );

  app.post(
    '/ledger/entries',
    {
      schema: {
        tags,
        summary:
          'Record a ledger entry (receive, draw, administer, waste, return, transfer, destroy, count, resolve-discrepancy, dea-report, correction)',
        body: LedgerEntryRequest,
        response: { 200: LedgerEntryRecorded, 201: LedgerEntryRecorded, ...problemResponses },
      },
    },
    async (request, reply) => {
      const outcome = await recordEntry(serviceContext(request), request.body, app.clock.now());
      return reply.status(outcome.created ? 201 : 200).send({
        entry: outcome.entry,
        ...(outcome.discrepancy === undefined ? {} : { discrepancy: outcome.discrepancy }),
      });
    },
  );

  app.get(
    '/ledger/entries',
    {
      schema: {
        tags,
        summary: 'Ledger entries with an event on the clinic days from..to, in event order',
        querystring: LedgerEntryQuery,
        response: { 200: LedgerEntryList, ...problemResponses },
      },
    },
    (request) => listEntries(serviceContext(request), request.query),
  );

  app.get(
    '/ledger/availability',
    {
      schema: {
        tags,
        summary: 'Lots in stock per location (without counts) and open containers, for drawing',
        response: { 200: LedgerAvailability, ...problemResponses },
      },
    },
    (request) => availability(serviceContext(request)),
  );

  app.get(
    '/ledger/sessions/:sessionId/administration',
    {
      schema: {
        tags,
        summary:
          "A session's charted cumulative dose, what the ledger records as administered and what may still be (µg)",
        params: LedgerSessionParams,
        response: { 200: LedgerSessionAdministration, ...problemResponses },
      },
    },
    (request) =>
      sessionAdministration(serviceContext(request), request.params.sessionId, app.clock.now()),
  );

  app.get(
    '/ledger/incidents',
    {
      schema: {
        tags,
        summary:
          'Count discrepancies, their resolutions, DEA theft/loss deadlines and the DEA reports filed',
        response: { 200: LedgerIncidentList, ...problemResponses },
      },
    },
    (request) => incidents(serviceContext(request), app.clock.now()),
  );

  app.get(
    '/ledger/reports/lot',
    {
      schema: {
        tags,
        summary: 'Record of one lot over a date range (JSON or CSV)',
        querystring: LotReportQuery,
        response: { 200: LedgerReport, ...problemResponses },
      },
    },
    async (request, reply) => {
      const out = await lotReport(serviceContext(request), request.query, app.clock.now());
      return sendReport(reply, request.query.format, 'ledger-lot', out);
    },
  );

  app.get(
    '/ledger/reports/patients/:patientId',
    {
      schema: {
        tags,
        summary: 'Record of one patient over a date range (JSON or CSV)',
        params: PatientReportParams,
        querystring: PatientReportQuery,
        response: { 200: LedgerReport, ...problemResponses },
      },
    },
    async (request, reply) => {
      const out = await patientReport(
        serviceContext(request),
        request.params.patientId,
        request.query,
        app.clock.now(),
      );
      return sendReport(reply, request.query.format, 'ledger-patient', out);
    },
  );

  app.get(
    '/ledger/reports/inventory',
    {
      schema: {
        tags,
        summary: 'Initial or biennial inventory as of the opening or close of business on a date',
        querystring: InventoryQuery,
        response: { 200: LedgerReport, ...problemResponses },
      },
    },
    async (request, reply) => {
      const out = await inventoryReport(serviceContext(request), request.query, app.clock.now());
      return sendReport(reply, request.query.format, `inventory-${request.query.date}`, out);
    },
  );

  app.get(
    '/ledger/verify',
    {
      schema: {
        tags,
        summary: "Verify the clinic's ledger hash chain and name the first broken link",
        response: { 200: LedgerVerification, ...problemResponses },
      },
    },
    async (request) => {
      const result = await verifyClinicLedger(serviceContext(request), app.database.pool);
      return result.ok
        ? { ok: true, entries: result.entries }
        : {
            ok: false,
            entries: result.entries,
            seq: result.seq,
            problem: result.problem,
            message: result.message,
          };
    },
  );
};
