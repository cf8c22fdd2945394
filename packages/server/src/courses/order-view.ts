/** Maps an order row to its API shape. */
import type { Order } from '@ketaflow/contract';
import type { OrderRow } from './repository.ts';

export function orderOf(row: OrderRow, active: boolean): Order {
  return {
    id: row.id,
    patientId: row.patientId,
    courseId: row.courseId,
    sessionNumber: row.sessionNumber,
    version: row.version,
    supersedesOrderId: row.supersedesOrderId,
    changeReason: row.changeReason,
    active,
    protocol: { id: row.protocolId, version: row.protocolVersion },
    drugLibrary: { id: row.drugLibraryId, version: row.drugLibraryVersion },
    weightMeasurementId: row.weightMeasurementId,
    weightKg: row.weightKg,
    heightCm: row.heightCm,
    concentrationMgPerMl: row.concentrationMgPerMl,
    concentrationSource: row.concentrationSource,
    doseBasis: row.doseBasis,
    doseOrdered: row.doseOrdered,
    doseDelivered: row.doseDelivered,
    rateMgPerH: row.rateMgPerH,
    rateMlPerH: row.rateMlPerH,
    durationMin: row.durationMin,
    sessionDoseMg: row.sessionDoseMg,
    volumeMl: row.volumeMl,
    overrideReason: row.overrideReason,
    calculation: row.calculation as Order['calculation'],
    weightCheck: row.weightCheck as Order['weightCheck'],
    signedBy: row.signedBy,
    signedAt: row.signedAt.toISOString(),
  };
}
