/**
 * The patient's consent attestations from the portal, for the care team on the consent page: each
 * with its text version and time; a nurse or prescriber who went through the text with the patient
 * countersigns as witness, which records the consent (the server checks the text is still current).
 */
import type { ReactNode } from 'react';
import { ConsentRecord, PortalConsentAttestationList } from '@ketaflow/contract';
import { api } from '../../api/client.ts';
import { formatInstant } from '../../app/format.ts';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';

export function PortalAttestations(props: {
  readonly patientId: string;
  readonly timeZone: string;
  /** Nurses and prescribers witness (the server's consent.record permission). */
  readonly canCountersign: boolean;
  readonly onCountersigned: () => void;
}): ReactNode {
  const base = `/api/v1/patients/${props.patientId}/consent-attestations`;
  const list = useLoad(
    (signal) => api(base, { schema: PortalConsentAttestationList, signal }),
    [base],
  );
  const submit = useSubmit();
  if (list.state.status !== 'ok' || list.state.data.items.length === 0) {
    return list.state.status === 'failed' ? <ErrorAlert problem={list.state.problem} /> : null;
  }
  const countersign = async (id: string): Promise<void> => {
    const ok = await submit.run(async () => {
      await api(`${base}/${id}/countersign`, { method: 'POST', body: {}, schema: ConsentRecord });
    });
    if (ok) {
      list.reload();
      props.onCountersigned();
    }
  };
  return (
    <section aria-labelledby="portal-attestations-heading">
      <h2 id="portal-attestations-heading">Agreed in the patient portal</h2>
      <ErrorAlert problem={submit.problem} action="Not countersigned" />
      <ul>
        {list.state.data.items.map((a) => (
          <li key={a.id}>
            Text version {String(a.textVersion)}, typed “{a.attestedName}”,{' '}
            {formatInstant(a.attestedAt, props.timeZone)}:{' '}
            {a.countersignedAt !== null ? (
              `countersigned ${formatInstant(a.countersignedAt, props.timeZone)}.`
            ) : props.canCountersign ? (
              <button
                type="button"
                className="button"
                disabled={submit.busy}
                onClick={() => {
                  void countersign(a.id);
                }}
              >
                Countersign as witness
              </button>
            ) : (
              'waiting for a nurse or prescriber to countersign.'
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
