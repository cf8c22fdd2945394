/**
 * The care team's urgent alerts: raised by other features inside their own transaction (a PHQ-9
 * item 9 answer), listed for prescribers and nurses, acknowledged once. Every step is audited.
 */
import type { CareAlert } from '@ketaflow/contract';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction, type RecordAudit } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { notFound, staleVersion } from '../http/errors.ts';
import { careAlerts } from './schema.ts';

/** Plain-language text per alert code (no PHI in the stored row). */
const MESSAGES: Readonly<Record<string, string>> = {
  'phq9.item9-positive':
    'PHQ-9 item 9 answered above "not at all" (thoughts of being better off dead or of self-harm): assess suicide risk today and contact the patient.',
};

type Row = typeof careAlerts.$inferSelect;

const alertOf = (row: Row): CareAlert => ({
  id: row.id,
  patientId: row.patientId,
  code: row.code,
  severity: row.severity,
  message: MESSAGES[row.code] ?? row.code,
  sourceId: row.sourceId,
  raisedAt: row.raisedAt.toISOString(),
  acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: row.acknowledgedBy,
  version: row.version,
});

/** Raises an urgent alert in the caller's transaction and audits it. */
export async function raiseUrgentAlert(
  tx: Tx,
  audit: RecordAudit,
  input: { clinicId: string; patientId: string; code: string; sourceId: string; now: Date },
): Promise<string> {
  const [row] = await tx
    .insert(careAlerts)
    .values({
      clinicId: input.clinicId,
      patientId: input.patientId,
      code: input.code,
      severity: 'urgent',
      sourceId: input.sourceId,
      raisedAt: input.now,
    })
    .returning({ id: careAlerts.id });
  if (row === undefined) throw new Error('care alert insert returned nothing');
  audit({
    action: 'alert.raised',
    resourceType: 'care-alert',
    resourceId: row.id,
    patientId: input.patientId,
    outcome: 'success',
    detail: { code: input.code, severity: 'urgent', sourceId: input.sourceId },
  });
  return row.id;
}

async function findAlert(tx: Tx, scope: Scope, id: string): Promise<Row | undefined> {
  const [row] = await tx
    .select()
    .from(careAlerts)
    .where(and(eq(careAlerts.id, id), eq(careAlerts.clinicId, scope.clinicId)))
    .for('update');
  return row;
}

/** Open (unacknowledged) alerts of the clinic, newest first; the read is audited. */
export function listOpenAlerts(ctx: ServiceContext): Promise<{ items: CareAlert[] }> {
  ctx.scope.require('alert.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(careAlerts)
      .where(and(eq(careAlerts.clinicId, ctx.scope.clinicId), isNull(careAlerts.acknowledgedAt)))
      .orderBy(desc(careAlerts.raisedAt))
      .limit(200);
    audit({
      action: 'alert.list',
      resourceType: 'care-alert',
      outcome: 'success',
      detail: { count: rows.length, patientIds: rows.map((r) => r.patientId) },
    });
    return { items: rows.map(alertOf) };
  });
}

/** Marks an alert as seen and handled by the caller (stale version → 409). */
export function acknowledgeAlert(
  ctx: ServiceContext,
  id: string,
  version: number,
  now: Date,
): Promise<CareAlert> {
  ctx.scope.require('alert.acknowledge');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const row = await findAlert(tx, ctx.scope, id);
    if (row === undefined) throw notFound('care-alert');
    if (row.version !== version || row.acknowledgedAt !== null) throw staleVersion('care-alert');
    const [updated] = await tx
      .update(careAlerts)
      .set({ acknowledgedAt: now, acknowledgedBy: ctx.scope.userId, version: row.version + 1 })
      .where(eq(careAlerts.id, id))
      .returning();
    if (updated === undefined) throw notFound('care-alert');
    audit({
      action: 'alert.acknowledged',
      resourceType: 'care-alert',
      resourceId: id,
      patientId: row.patientId,
      outcome: 'success',
      detail: { code: row.code },
    });
    return alertOf(updated);
  });
}
