/**
 * Which roles are offered the outcome, analytics and research screens (kept free of components so
 * the router, layout and tests can read it). The server enforces each permission itself:
 * outcomes.read (prescriber), medication.read (prescriber, nurse), analytics.read (prescriber,
 * researcher), research.export (researcher).
 */
import type { RoleName } from '@ketaflow/contract';

/** Nurses see the opioid part of the page; prescribers everything. */
export const canSeeOutcomes = (role: RoleName): boolean =>
  role === 'prescriber' || role === 'nurse';
export const canSeeAnalytics = (role: RoleName): boolean =>
  role === 'prescriber' || role === 'researcher';
export const canExportResearch = (role: RoleName): boolean => role === 'researcher';
