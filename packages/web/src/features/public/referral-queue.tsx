/**
 * The coordinator's referral queue (signed in): requests from the public form, oldest first; mark
 * one contacted or closed (version-checked; a stale one answers 409 and the list reloads).
 */
import type { ReactNode } from 'react';
import { ReferralPage as ReferralPageSchema, ReferralRequest } from '@ketaflow/contract';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';

/** Mirrors the server's referral.read permission. */
export const canSeeReferrals = (role: string): boolean =>
  role === 'coordinator' || role === 'nurse' || role === 'prescriber';

export function ReferralQueue(props: { readonly canWork: boolean }): ReactNode {
  const queue = useLoad(
    (signal) =>
      api('/api/v1/referrals', { query: { pageSize: 100 }, schema: ReferralPageSchema, signal }),
    [],
  );
  const submit = useSubmit();
  const move = (id: string, version: number, status: 'contacted' | 'closed'): void => {
    void submit
      .run(async () => {
        await api(`/api/v1/referrals/${id}`, {
          method: 'PATCH',
          body: { version, status },
          schema: ReferralRequest,
        });
      })
      .then(queue.reload);
  };
  return (
    <Page title="Referral requests">
      <ErrorAlert problem={submit.problem} action="Not changed" />
      {queue.state.status === 'loading' && <Loading what="referral requests" />}
      {queue.state.status === 'failed' && <ErrorAlert problem={queue.state.problem} />}
      {queue.state.status === 'ok' && (
        <table className="table">
          <caption>{queue.state.data.total} requests, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Name</th>
              <th scope="col">Contact</th>
              <th scope="col">Condition</th>
              <th scope="col">Referred by</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {queue.state.data.items.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.name}</td>
                <td>{[r.email, r.phone].filter((x) => x !== null).join(' · ')}</td>
                <td>{r.condition}</td>
                <td>{r.referringClinician ?? '—'}</td>
                <td>
                  {r.status}
                  {props.canWork && r.status === 'new' && (
                    <button
                      type="button"
                      className="button"
                      disabled={submit.busy}
                      onClick={() => {
                        move(r.id, r.version, 'contacted');
                      }}
                    >
                      Mark contacted
                    </button>
                  )}
                  {props.canWork && r.status !== 'closed' && (
                    <button
                      type="button"
                      className="button"
                      disabled={submit.busy}
                      onClick={() => {
                        move(r.id, r.version, 'closed');
                      }}
                    >
                      Close
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
