/**
 * A treatment course: its protocol id@version and phases, the active signed order of each session,
 * and (for prescribers) the order form: enter, preview core's calculation with every limit and its
 * source, then sign. Signing sends one client-generated id per preview, so a retried click never
 * signs twice.
 */
import type { Course, ProtocolSummary } from '@ketaflow/contract';
import type { z } from 'zod';
import { useState, type ReactNode } from 'react';
import { navigate } from '../../app/router.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { SelectField, TextArea, TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { getCourse, listProtocols, previewOrder, signOrder } from './course-api.ts';
import { GuardrailResults } from './guardrail-results.tsx';
import { HowCalculated } from './how-calculated.tsx';
import { concentrationOptions, emptyDraft, toInput, type Draft } from './order-draft.ts';
import { typedNumber } from '../../app/typed-number.ts';

type Protocol = z.infer<typeof ProtocolSummary>;
type Preview = Awaited<ReturnType<typeof previewOrder>>;

export function CoursePage(props: { readonly id: string }): ReactNode {
  const { clinic } = useReadySession();
  const { state } = useLoad(
    async (signal) => {
      const [course, protocols] = await Promise.all([
        getCourse(props.id, signal),
        listProtocols(signal),
      ]);
      return { course, protocols: protocols.items };
    },
    [props.id],
  );
  if (state.status === 'loading') return <Loading what="the course" />;
  if (state.status === 'failed') {
    return (
      <Page title="Course not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  const { course, protocols } = state.data;
  const protocol = protocols.find(
    (p) => p.ref.id === course.protocol.id && p.ref.version === course.protocol.version,
  );
  return (
    <Page
      title={`Treatment course · ${course.protocol.id}@${course.protocol.version}`}
      actions={
        <>
          <Link to={`/patients/${course.patientId}`} className="button">
            Patient record
          </Link>
          <Link to={`/courses/${course.id}/questionnaires`} className="button">
            Questionnaire schedule
          </Link>
        </>
      }
    >
      <CourseFacts course={course} />
      <ActiveOrders course={course} />
      {clinic.role === 'prescriber' && protocol !== undefined ? (
        <OrderForm course={course} protocol={protocol} />
      ) : null}
    </Page>
  );
}

function CourseFacts(props: { readonly course: Course }): ReactNode {
  const c = props.course;
  return (
    <section className="panel" aria-labelledby="course-heading">
      <h2 id="course-heading">Course</h2>
      <dl className="facts">
        <dt>Protocol</dt>
        <dd className="num">
          {c.protocol.id}@{c.protocol.version}
        </dd>
        <dt>Dose basis</dt>
        <dd>
          {c.doseBasis} ({c.weightScalar} weight)
        </dd>
        <dt>Sessions</dt>
        <dd>
          {c.totalSessions}:{' '}
          {c.phases
            .map((p) => `${p.name} ${String(p.firstSession)}–${String(p.lastSession)}`)
            .join(', ')}
        </dd>
        <dt>Status</dt>
        <dd>{c.status}</dd>
      </dl>
    </section>
  );
}

function ActiveOrders(props: { readonly course: Course }): ReactNode {
  const orders = props.course.activeOrders;
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">Signed orders</h2>
      {orders.length === 0 ? (
        <p className="empty">No signed orders yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Rate (mg/h)</th>
                <th scope="col">Rate (mL/h)</th>
                <th scope="col">Concentration</th>
                <th scope="col">Version</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td className="num">{o.sessionNumber}</td>
                  <td className="num">{o.rateMgPerH}</td>
                  <td className="num">{o.rateMlPerH}</td>
                  <td className="num">{o.concentrationMgPerMl} mg/mL</td>
                  <td className="num">{o.version}</td>
                  <td>
                    <Link to={`/orders/${o.id}`}>View, how calculated</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OrderForm(props: { readonly course: Course; readonly protocol: Protocol }): ReactNode {
  const { course, protocol } = props;
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [preview, setPreview] = useState<{ preview: Preview; signId: string } | null>(null);
  const submit = useSubmit();
  const set = (key: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setPreview(null);
  };
  const existing = course.activeOrders.find(
    (o) => o.sessionNumber === typedNumber(draft.sessionNumber),
  );
  const onPreview = async (): Promise<void> => {
    await submit.run(async () => {
      const result = await previewOrder(course.id, toInput(draft, protocol));
      setPreview({ preview: result, signId: crypto.randomUUID() });
    });
  };
  const onSign = async (): Promise<void> => {
    if (preview === null) return;
    await submit.run(async () => {
      const order = await signOrder(course.id, {
        ...toInput(draft, protocol),
        id: preview.signId,
        ...(existing === undefined
          ? {}
          : { supersedesOrderId: existing.id, changeReason: draft.changeReason.trim() }),
      });
      navigate(`/orders/${order.id}`);
    });
  };
  return (
    <section className="panel" aria-labelledby="order-form-heading">
      <h2 id="order-form-heading">{existing === undefined ? 'New order' : 'Change order'}</h2>
      <ErrorAlert problem={submit.problem} action="Not signed">
        <GuardrailResults problem={submit.problem} />
      </ErrorAlert>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onPreview();
        }}
      >
        <div className="inline-form">
          <TextField
            name="sessionNumber"
            label="Session number"
            value={draft.sessionNumber}
            onChange={set('sessionNumber')}
            inputMode="numeric"
            width="short"
            required
            error={submit.fields.sessionNumber}
          />
          <SelectField
            name="concentration.mgPerMl"
            label="Concentration (mg/mL, drug library)"
            value={draft.concentration}
            onChange={set('concentration')}
            options={concentrationOptions(protocol)}
            required
            error={submit.fields['concentration.mgPerMl']}
          />
          <TextField
            name="orderedDose.value"
            label={`Dose (${protocol.doseBasis})`}
            hint={`Protocol typical dose ${String(protocol.typicalDose)} ${protocol.doseBasis} when empty`}
            value={draft.dose}
            onChange={set('dose')}
            width="short"
            markOptional
            error={submit.fields['orderedDose.value']}
          />
        </div>
        <TextArea
          name="overrideReason"
          label="Override reason (when a soft limit is crossed)"
          value={draft.overrideReason}
          onChange={set('overrideReason')}
          maxLength={500}
          markOptional
          error={submit.fields.overrideReason}
        />
        {existing === undefined ? null : (
          <TextArea
            name="changeReason"
            label={`Reason for changing the signed order (version ${String(existing.version)})`}
            value={draft.changeReason}
            onChange={set('changeReason')}
            maxLength={500}
            required
            error={submit.fields.changeReason}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={submit.busy}>
            Calculate
          </button>
        </div>
      </form>
      {preview === null ? null : (
        <PreviewResult
          preview={preview.preview}
          busy={submit.busy}
          onSign={() => void onSign()}
          concentration={draft.concentration}
        />
      )}
    </section>
  );
}

function PreviewResult(props: {
  readonly preview: Preview;
  readonly busy: boolean;
  readonly concentration: string;
  readonly onSign: () => void;
}): ReactNode {
  const p = props.preview;
  const c = p.calculation;
  const mgPerH = nested(c, 'rate', 'deliveredMgPerH');
  const mlPerH = nested(c, 'pump', 'roundedMlPerH');
  return (
    <div className="preview">
      <p className="strong" role="status">
        {mgPerH !== null && mlPerH !== null
          ? `Pump: ${String(mgPerH)} mg/h · ${String(mlPerH)} mL/h`
          : 'No pump rate: see the findings below.'}
      </p>
      {p.blockers.length === 0 ? null : (
        <div className="alert alert-warn">
          <p className="alert-title">Cannot be signed as entered:</p>
          <ul>
            {p.blockers.map((b) => (
              <li key={b.code}>{b.message}</li>
            ))}
          </ul>
        </div>
      )}
      <HowCalculated
        headingLevel={3}
        calculation={c}
        weightCheck={p.weightCheck}
        inputs={[
          ['Weight', `${String(p.weight.weightKg)} kg (measured ${p.weight.measuredAt})`],
          ['Height', `${String(p.weight.heightCm)} cm`],
          ['Concentration', `${props.concentration} mg/mL`],
          ['Session', String(p.sessionNumber)],
        ]}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!p.signable || props.busy}
          onClick={props.onSign}
        >
          Sign order
        </button>
      </div>
    </div>
  );
}

/** A number inside core's calculation (`rate.deliveredMgPerH`), or null when absent (blocked). */
function nested(
  value: Readonly<Record<string, unknown>>,
  key: string,
  field: string,
): number | null {
  const inner = value[key];
  if (typeof inner !== 'object' || inner === null) return null;
  const number = (inner as Record<string, unknown>)[field];
  return typeof number === 'number' ? number : null;
}
