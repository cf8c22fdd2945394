/** Typed call to the de-identified research export (route of packages/server/src/research). */
import { ResearchExport } from '@ketaflow/contract';
import { api } from '../../api/client.ts';

/** Runs the export now (researchers only; consenting patients only; audited by the server). */
export const runResearchExport = () => api('/api/v1/research/export', { schema: ResearchExport });
