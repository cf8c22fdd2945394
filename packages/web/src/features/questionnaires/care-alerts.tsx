/**
 * Urgent care-team alerts (prescribers and nurses): e.g. a PHQ-9 item 9 answer above 0. Each links
 * to the patient and is acknowledged once it is handled.
 */
import type { ReactNode } from 'react';
import { CareAlert, CareAlertList } from '@ketaflow/contract';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';

/** Mirrors the server's alert.read permission (prescribers and nurses). */
export const canSeeAlerts = (role: string): boolean => role === 'prescriber' || role === 'nurse';

export function CareAlerts(): ReactNode {
  const alerts = useLoad((signal) => api('/api/v1/alerts', { schema: CareAlertList, signal }), []);
  const submit = useSubmit();
  const acknowledge = (id: string, version: number): void => {
    void submit
      .run(async () => {
        await api(`/api/v1/alerts/${id}/acknowledge`, {
          method: 'POST',
          body: { version },
          schema: CareAlert,
        });
      })
      .then(alerts.reload);
  };
  return (
    <Page title="Urgent alerts">
      <ErrorAlert problem={submit.problem} action="Not acknowledged" />
      {alerts.state.status === 'loading' && <Loading what="alerts" />}
      {alerts.state.status === 'failed' && <ErrorAlert problem={alerts.state.problem} />}
      {alerts.state.status === 'ok' &&
        (alerts.state.data.items.length === 0 ? (
          <p>No open alerts.</p>
        ) : (
          <ul className="alert-list">
            {alerts.state.data.items.map((a) => (
              <li key={a.id} className="alert alert-error" role="alert">
                <p>
                  <strong>Urgent</strong> — {a.message}
                </p>
                <p>
                  Raised {new Date(a.raisedAt).toLocaleString()} ·{' '}
                  <Link to={`/patients/${a.patientId}`}>Open the patient</Link>
                </p>
                <button
                  type="button"
                  className="button"
                  disabled={submit.busy}
                  onClick={() => {
                    acknowledge(a.id, a.version);
                  }}
                >
                  Acknowledge (handled)
                </button>
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}
