/**
 * The nurse's session screen: state and next action, alarms that must be acknowledged with an action,
 * entries not yet acknowledged by the server (unsynced banner with retry), due and overdue prompts,
 * the next-step controls, the charting forms, and the chart with its table. Only what the server has
 * stored appears in the chart and table.
 */
import type { ChartData, InfusionSession } from '@ketaflow/contract';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { answerOrder } from '../../app/answer-order.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { AlarmBanner, PromptList, UnsyncedBanner } from './session-banners.tsx';
import { ChartTable } from './chart-table.tsx';
import { AdverseEventForm } from './adverse-event-form.tsx';
import { NoteForm, RateChangeForm, VitalsForm } from './charting-forms.tsx';
import { ScoresForm } from './scores-form.tsx';
import { getChart, getSession } from './session-api.ts';
import { SessionChart } from './session-chart.tsx';
import { TransitionPanel } from './transition-panel.tsx';
import { useChartOutbox } from './use-chart-outbox.ts';

const NEXT_ACTION: Readonly<Record<string, string>> = {
  scheduled: 'Check the patient in.',
  'checked-in': 'Complete the pre-infusion checks.',
  'prechecks-done': 'Independent double check of the pump settings by two clinicians.',
  'double-checked': 'Start the infusion.',
  running: 'Chart at the protocol interval; watch for alarms.',
  paused: 'Resume or stop the infusion.',
  stopped: 'Begin recovery.',
  recovery: 'Assess for discharge (modified Aldrete).',
  discharged: 'Session complete.',
  transferred: 'Session ended by transfer.',
  cancelled: 'Session cancelled.',
};

const CHARTING_STATES = new Set(['running', 'paused', 'stopped', 'recovery']);

export function SessionPage(props: { readonly id: string }): ReactNode {
  const { state, reload } = useLoad(
    async (signal) => {
      const [session, chart] = await Promise.all([
        getSession(props.id, signal),
        getChart(props.id, signal),
      ]);
      return { session, chart };
    },
    [props.id],
  );
  if (state.status === 'loading') return <Loading what="the session" />;
  if (state.status === 'failed') {
    return (
      <Page title="Session not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  return (
    <SessionScreen initial={state.data.session} initialChart={state.data.chart} reload={reload} />
  );
}

function SessionScreen(props: {
  readonly initial: InfusionSession;
  readonly initialChart: ChartData;
  readonly reload: () => void;
}): ReactNode {
  const { clinic } = useReadySession();
  const [session, setSession] = useState(props.initial);
  const [chart, setChart] = useState(props.initialChart);
  const order = useRef(answerOrder()).current;
  // The session and its chart are read together: a step recorded at another workstation (a pause, a
  // stop) changes what this screen offers, not only the chart.
  const refresh = useCallback(() => {
    const ticket = order.issue();
    void Promise.all([getSession(session.id), getChart(session.id)]).then(
      ([nextSession, nextChart]) => {
        if (!order.accept(ticket)) return;
        setSession(nextSession);
        setChart(nextChart);
      },
      // A failed read leaves the screen as it is; the unreachable banner says why.
      () => undefined,
    );
  }, [order, session.id]);
  const outbox = useChartOutbox(session.id, refresh);
  // Prompts become due as time passes and others record steps: re-read every 30 s.
  useEffect(() => {
    const timer = setInterval(refresh, 30_000);
    return () => {
      clearInterval(timer);
    };
  }, [refresh]);
  const onChanged = (next: InfusionSession): void => {
    order.supersede();
    setSession(next);
    refresh();
  };
  const canChart = clinic.role === 'nurse' || clinic.role === 'prescriber';
  const canChartNow = canChart && CHARTING_STATES.has(session.state);
  const o = session.order;
  return (
    <Page
      title={`Session · ${STATE_LABEL(session.state)}`}
      actions={
        <>
          <Link to={`/courses/${session.courseId}`} className="button">
            Course
          </Link>
          <Link to={`/sessions/${session.id}/summary`} className="button">
            Printable summary
          </Link>
          {canChart ? (
            <Link to={`/ledger?session=${session.id}`} className="button">
              Ledger for this session
            </Link>
          ) : null}
        </>
      }
    >
      <AlarmBanner
        alarms={chart.activeAlarms}
        entries={chart.entries}
        onAcknowledge={outbox.submit}
        canAct={canChart}
      />
      <UnsyncedBanner outbox={outbox} canCorrect={canChartNow} />
      <section className="panel session-head" aria-labelledby="state-heading">
        <h2 id="state-heading">State: {STATE_LABEL(session.state)}</h2>
        <p className="strong">Next: {NEXT_ACTION[session.state] ?? '—'}</p>
        <dl className="facts">
          <dt>Order</dt>
          <dd className="num">
            {o.rateMgPerH} mg/h · {o.rateMlPerH} mL/h at {o.concentrationMgPerMl} mg/mL,{' '}
            {o.durationMin} min, {o.sessionDoseMg} mg (order version {o.version}, {o.protocol.id}@
            {o.protocol.version})
          </dd>
          <dt>Current rate</dt>
          <dd className="num">
            {chart.cumulative.currentRateMgPerH} mg/h · {chart.cumulative.currentRateMlPerH} mL/h
          </dd>
          <dt>Given so far</dt>
          <dd className="num">
            {chart.cumulative.administeredMg} mg over {chart.cumulative.runningMin} min
          </dd>
        </dl>
        <PromptList prompts={chart.prompts} />
      </section>
      <TransitionPanel session={session} onChanged={onChanged} />
      {canChartNow ? (
        <section className="panel no-print" aria-labelledby="charting-heading">
          <h2 id="charting-heading">Charting</h2>
          <div className="chart-forms">
            <VitalsForm outbox={outbox} />
            <ScoresForm outbox={outbox} />
            <RateChangeForm outbox={outbox} />
            <AdverseEventForm outbox={outbox} />
            <NoteForm outbox={outbox} />
          </div>
        </section>
      ) : null}
      <section aria-labelledby="chart-heading" className="chart-section">
        <h2 id="chart-heading">Session chart</h2>
        <div className="chart-layout">
          <SessionChart chart={chart} timeZone={clinic.timeZone} />
          <ChartTable chart={chart} timeZone={clinic.timeZone} />
        </div>
      </section>
    </Page>
  );
}

function STATE_LABEL(state: string): string {
  return state.replace(/-/g, ' ');
}
