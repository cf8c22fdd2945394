/**
 * User management for a clinic's admins: the members of the active clinic with their role and state,
 * and the actions an admin takes on an account (change role, disable/enable, unlock, end sessions).
 * Each action reports the server's answer; the row changes only after the server confirms.
 */
import type { Member, StaffRole } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { CreateUser, STAFF_ROLES } from './create-user.tsx';
import {
  changeRole,
  disableUser,
  enableUser,
  endSessions,
  listUsers,
  unlockUser,
} from './user-api.ts';

const PAGE_SIZE = 50;

export function UserManagement(): ReactNode {
  const [page, setPage] = useState(1);
  const { state, reload } = useLoad((signal) => listUsers(page, PAGE_SIZE, signal), [page]);
  const [message, setMessage] = useState<string | null>(null);
  const action = useSubmit();

  const act = (label: string, call: () => Promise<unknown>): void => {
    setMessage(null);
    void action.run(async () => {
      await call();
      setMessage(label);
      reload();
    });
  };

  return (
    <Page title="Users">
      <CreateUser onCreated={reload} />
      <h2>Members of this clinic</h2>
      <StatusMessage message={message} />
      <ErrorAlert problem={action.problem} action="Not done" />
      {state.status === 'loading' ? <Loading what="users" /> : null}
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      {state.status === 'ok' ? (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">State</th>
                  <th scope="col">Member since</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((m) => (
                  <UserRow key={m.id} member={m} busy={action.busy} act={act} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={state.data.page}
            pageSize={state.data.pageSize}
            total={state.data.total}
            label="Users"
            onPage={setPage}
          />
        </>
      ) : null}
    </Page>
  );
}

function stateOf(m: Member): string {
  const parts = [
    m.disabled ? 'Disabled' : 'Active',
    m.lockedUntil === null ? null : 'locked after failed sign-ins',
    m.passwordMustChange ? 'one-time password not yet replaced' : null,
    m.mfaEnrolled ? null : 'two-step sign-in not set up',
  ];
  return parts.filter((p) => p !== null).join('; ');
}

function UserRow(props: {
  readonly member: Member;
  readonly busy: boolean;
  readonly act: (label: string, call: () => Promise<unknown>) => void;
}): ReactNode {
  const { info, clinic } = useReadySession();
  const m = props.member;
  const self = m.id === info.user.id;
  const [role, setRole] = useState<string>(m.role);
  const roleId = `role-${m.id}`;
  return (
    <tr>
      <th scope="row">
        {m.displayName}
        {self ? <span className="muted"> (you)</span> : null}
      </th>
      <td>{m.email}</td>
      <td>
        {m.role === 'patient' || self ? (
          m.role
        ) : (
          <span className="inline-form">
            <label htmlFor={roleId} className="visually-hidden">
              Role of {m.displayName}
            </label>
            <select
              id={roleId}
              className="input"
              value={role}
              onChange={(e) => {
                setRole(e.target.value);
              }}
            >
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              className="button"
              disabled={props.busy || role === m.role}
              onClick={() => {
                props.act(`Role of ${m.displayName} changed to ${role}.`, () =>
                  changeRole(m.id, role as StaffRole),
                );
              }}
            >
              Save role<span className="visually-hidden"> of {m.displayName}</span>
            </button>
          </span>
        )}
      </td>
      <td>{stateOf(m)}</td>
      <td className="num">{formatInstant(m.memberSince, clinic.timeZone)}</td>
      <td>
        {self ? (
          <span className="muted">—</span>
        ) : (
          <span className="row-actions">
            {m.disabled ? (
              <ActionButton
                label="Enable"
                who={m.displayName}
                disabled={props.busy}
                onClick={() => {
                  props.act(`${m.displayName} can sign in again.`, () => enableUser(m.id));
                }}
              />
            ) : (
              <ActionButton
                label="Disable"
                who={m.displayName}
                danger
                disabled={props.busy}
                onClick={() => {
                  if (!window.confirm(`Disable ${m.displayName}? They are signed out at once.`))
                    return;
                  props.act(`${m.displayName} is disabled and signed out.`, () =>
                    disableUser(m.id),
                  );
                }}
              />
            )}
            {m.lockedUntil === null ? null : (
              <ActionButton
                label="Unlock"
                who={m.displayName}
                disabled={props.busy}
                onClick={() => {
                  props.act(`${m.displayName} is unlocked.`, () => unlockUser(m.id));
                }}
              />
            )}
            <ActionButton
              label="End sessions"
              who={m.displayName}
              disabled={props.busy}
              onClick={() => {
                props.act(`Sessions of ${m.displayName} ended.`, () => endSessions(m.id));
              }}
            />
          </span>
        )}
      </td>
    </tr>
  );
}

function ActionButton(props: {
  readonly label: string;
  readonly who: string;
  readonly danger?: boolean;
  readonly disabled: boolean;
  readonly onClick: () => void;
}): ReactNode {
  return (
    <button
      type="button"
      className={props.danger === true ? 'button button-danger' : 'button'}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.label}
      <span className="visually-hidden"> for {props.who}</span>
    </button>
  );
}
