/** One signed order: what is to be given, who signed it, and how it was calculated. */
import type { Order } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { getOrder } from './course-api.ts';
import { HowCalculated } from './how-calculated.tsx';

export function OrderPage(props: { readonly id: string }): ReactNode {
  const { state } = useLoad((signal) => getOrder(props.id, signal), [props.id]);
  if (state.status === 'loading') return <Loading what="the order" />;
  if (state.status === 'failed') {
    return (
      <Page title="Order not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  const order = state.data;
  return (
    <Page
      title={`Order, session ${String(order.sessionNumber)} (version ${String(order.version)})`}
      actions={
        <Link to={`/courses/${order.courseId}`} className="button">
          Back to the course
        </Link>
      }
    >
      <OrderFacts order={order} />
      <HowCalculated
        calculation={order.calculation}
        weightCheck={order.weightCheck}
        inputs={orderInputs(order)}
      />
    </Page>
  );
}

/** The inputs core used, as label/value pairs with units. */
export function orderInputs(order: Order): readonly (readonly [string, string])[] {
  return [
    ['Weight', `${String(order.weightKg)} kg`],
    ['Height', `${String(order.heightCm)} cm`],
    ['Dose ordered', `${String(order.doseOrdered)} ${order.doseBasis}`],
    [
      'Concentration',
      `${String(order.concentrationMgPerMl)} mg/mL (${order.concentrationSource === 'library' ? 'drug library' : 'custom'})`,
    ],
    ['Planned duration', `${String(order.durationMin)} min`],
    ['Protocol', `${order.protocol.id}@${order.protocol.version}`],
    ['Drug library', `${order.drugLibrary.id}@${order.drugLibrary.version}`],
  ];
}

export function OrderFacts(props: { readonly order: Order }): ReactNode {
  const { clinic } = useReadySession();
  const o = props.order;
  return (
    <section className="panel" aria-labelledby="order-heading">
      <h2 id="order-heading">Pump settings</h2>
      <dl className="facts">
        <dt>Rate</dt>
        <dd className="num strong">
          {o.rateMgPerH} mg/h · {o.rateMlPerH} mL/h
        </dd>
        <dt>Dose delivered</dt>
        <dd className="num">
          {o.doseDelivered} {o.doseBasis}
        </dd>
        <dt>Session dose</dt>
        <dd className="num">
          {o.sessionDoseMg} mg in {o.volumeMl} mL over {o.durationMin} min
        </dd>
        <dt>Status</dt>
        <dd>{o.active ? 'Active' : 'Superseded by a later version'}</dd>
        <dt>Signed</dt>
        <dd className="num">{formatInstant(o.signedAt, clinic.timeZone)}</dd>
        {o.changeReason === null ? null : (
          <>
            <dt>Change reason</dt>
            <dd>{o.changeReason}</dd>
          </>
        )}
        {o.overrideReason === null ? null : (
          <>
            <dt>Override reason</dt>
            <dd>{o.overrideReason}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
