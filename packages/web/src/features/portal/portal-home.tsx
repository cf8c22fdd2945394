/**
 * The patient's portal (phone-first): greeting, upcoming infusions, how to prepare (the server's
 * cited text for their protocols), consent reading and attestation, questionnaires due, and the
 * daily pain diary. Shows only the signed-in patient's own data (the server decides).
 */
import { useState, type ReactNode } from 'react';
import type { QuestionnaireOccurrence } from '@ketaflow/contract';
import { ErrorAlert } from '../../components/alert.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { useLoad } from '../../app/use-load.ts';
import { QuestionnaireForm } from '../questionnaires/questionnaire-form.tsx';
import { ConsentSection } from './consent-section.tsx';
import { DailyDiary } from './daily-diary.tsx';
import { portalOverview, questionnairesDue } from './portal-api.ts';

const DIARY_ITEM = 'nrs-daily-diary';

export function PortalHome(): ReactNode {
  const overview = useLoad((signal) => portalOverview(signal), []);
  const due = useLoad((signal) => questionnairesDue(signal), []);
  const [answering, setAnswering] = useState<QuestionnaireOccurrence | null>(null);
  if (overview.state.status === 'loading') return <Loading what="your portal" />;
  if (overview.state.status === 'failed') return <ErrorAlert problem={overview.state.problem} />;
  const data = overview.state.data;
  const open =
    due.state.status === 'ok'
      ? due.state.data.occurrences.filter(
          // Clinician-assessed items (e.g. the CRPS severity score) are done at the clinic.
          (o) => o.respondent === 'patient' && (o.status === 'due' || o.status === 'overdue'),
        )
      : [];
  const diaryToday = open.find((o) => o.itemId === DIARY_ITEM) ?? null;
  // The diary has its own card above; the list shows the other questionnaires.
  const others = open.filter((o) => o.itemId !== DIARY_ITEM);
  return (
    <Page title={`Hello, ${data.preferredName}`}>
      <div className="portal">
        {answering !== null && (
          <QuestionnaireForm
            key={`${answering.itemId}-${answering.dueOn}`}
            occurrence={answering}
            onSaved={due.reload}
          />
        )}
        <DailyDiary occurrence={diaryToday} onSaved={due.reload} />
        <section aria-labelledby="sessions-title">
          <h2 id="sessions-title">Your upcoming infusions</h2>
          {data.upcomingSessions.length === 0 ? (
            <p>No infusion is booked yet. The clinic will contact you to book one.</p>
          ) : (
            <ul>
              {data.upcomingSessions.map((s) => (
                <li key={s.sessionId}>
                  {new Date(s.scheduledStartAt).toLocaleString(undefined, {
                    dateStyle: 'full',
                    timeStyle: 'short',
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="prepare-title">
          <h2 id="prepare-title">How to prepare for an infusion</h2>
          <ul>
            {data.preparation.sections.map((section) => (
              <li key={section.id}>
                <strong>{section.heading}:</strong> {section.text}
              </li>
            ))}
          </ul>
        </section>
        <ConsentSection />
        <section aria-labelledby="due-title">
          <h2 id="due-title">Questionnaires to answer</h2>
          {due.state.status === 'ok' && due.state.data.notes.map((n) => <p key={n}>{n}</p>)}
          {others.length === 0 ? (
            <p>Nothing is due right now.</p>
          ) : (
            <ul>
              {others.map((o) => (
                <li key={`${o.courseId}-${o.itemId}-${o.dueOn}`}>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setAnswering(o);
                    }}
                  >
                    Answer {o.instrumentId}
                  </button>{' '}
                  due {o.dueOn}
                  {o.status === 'overdue' ? ' (overdue)' : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  );
}
