/**
 * A patient's treatment courses and the protocol picker that creates one. The picker shows each
 * protocol as id@version with its status, so the prescriber sees exactly which version is ordered.
 */
import type { ReactNode } from 'react';
import { useState } from 'react';
import { navigate } from '../../app/router.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { SelectField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { createCourse, listCourses, listProtocols } from './course-api.ts';
import { protocolOptions } from './order-draft.ts';

export function PatientCourses(props: { readonly patientId: string }): ReactNode {
  const { clinic } = useReadySession();
  const { state } = useLoad(
    async (signal) => {
      const [courses, protocols] = await Promise.all([
        listCourses(props.patientId, signal),
        listProtocols(signal),
      ]);
      return { courses: courses.items, protocols: protocols.items };
    },
    [props.patientId],
  );
  if (state.status === 'loading') return <Loading what="treatment courses" />;
  if (state.status === 'failed') {
    return (
      <Page title="Treatment courses not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  const { courses, protocols } = state.data;
  return (
    <Page
      title="Treatment courses"
      actions={
        <Link to={`/patients/${props.patientId}`} className="button">
          Patient record
        </Link>
      }
    >
      {courses.length === 0 ? (
        <p className="empty">No treatment course yet.</p>
      ) : (
        <ul className="plain-list">
          {courses.map((c) => (
            <li key={c.id}>
              <Link to={`/courses/${c.id}`}>
                {c.protocol.id}@{c.protocol.version}
              </Link>{' '}
              · {c.totalSessions} sessions · {c.status}
            </li>
          ))}
        </ul>
      )}
      {clinic.role === 'prescriber' ? (
        <CreateCourse patientId={props.patientId} options={protocolOptions(protocols)} />
      ) : null}
    </Page>
  );
}

function CreateCourse(props: {
  readonly patientId: string;
  readonly options: readonly { value: string; label: string }[];
}): ReactNode {
  // No protocol is chosen for the prescriber: the options start on "Choose the protocol".
  const [choice, setChoice] = useState('');
  // One id per form: a retried submit answers the course already created instead of a second one.
  const [id] = useState(() => crypto.randomUUID());
  const submit = useSubmit();
  return (
    <section className="panel" aria-labelledby="new-course-heading">
      <h2 id="new-course-heading">New course</h2>
      <ErrorAlert problem={submit.problem} action="Not created" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // The select's `required` stops an unchosen protocol before this.
          if (choice === '') return;
          const at = choice.lastIndexOf('@');
          void submit.run(async () => {
            const course = await createCourse(props.patientId, {
              id,
              protocol: { id: choice.slice(0, at), version: choice.slice(at + 1) },
            });
            navigate(`/courses/${course.id}`);
          });
        }}
      >
        <SelectField
          name="protocol"
          label="Protocol (id@version)"
          value={choice}
          onChange={setChoice}
          options={props.options}
          required
          error={submit.fields['protocol.id'] ?? submit.fields['protocol.version']}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            Create course
          </button>
        </div>
      </form>
    </section>
  );
}
