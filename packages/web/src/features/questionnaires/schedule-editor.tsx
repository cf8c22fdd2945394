/**
 * A course's questionnaire schedule (course page area): what is asked, when, and from/until which
 * date. The care team reads it; coordinators and prescribers edit it. Saving sends the version that
 * was loaded, so a concurrent edit answers 409 and the editor offers to reload; every save keeps a
 * history entry with its reason, listed below.
 */
import { useState, type ReactNode } from 'react';
import {
  CourseQuestionnaireSchedule,
  CourseQuestionnaireScheduleHistory,
  type CourseQuestionnaireScheduleUpdate,
} from '@ketaflow/contract';
import { listInstruments } from '@ketaflow/core';
import { api } from '../../api/client.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { SelectField, TextArea, TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import {
  CADENCE_LABELS,
  CADENCES,
  DAY_FIELDS,
  draftOf,
  emptyItem,
  scheduleRequest,
  type Cadence,
  type DayField,
  type ItemDraft,
  type ScheduleDraft,
} from './schedule-form.ts';

/** Mirrors the server's questionnaire.read and questionnaire-schedule.edit permissions. */
export const canSeeSchedule = (role: string): boolean =>
  role === 'prescriber' || role === 'nurse' || role === 'coordinator';
export const canEditSchedule = (role: string): boolean =>
  role === 'prescriber' || role === 'coordinator';

const DAY_LABELS: Readonly<Record<DayField, string>> = {
  everyDays: 'Every (days after the first infusion)',
  windowBeforeDays: 'Opens (days before the due date)',
  graceDays: 'Due for (days after the due date)',
  expiresAfterDays: 'Closes (days after the due date)',
};

const INSTRUMENTS = listInstruments().map((i) => ({ value: i.ref.id, label: i.title }));

const url = (courseId: string) => `/api/v1/courses/${courseId}/questionnaire-schedule`;

export function ScheduleEditorPage(props: {
  readonly courseId: string;
  readonly canEdit: boolean;
}): ReactNode {
  const schedule = useLoad(
    (signal) => api(url(props.courseId), { schema: CourseQuestionnaireSchedule, signal }),
    [props.courseId],
  );
  // Kept here: saving reloads the schedule, which remounts the form with the new version.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Page title="Questionnaire schedule">
      <p>
        <Link to={`/courses/${props.courseId}`}>Back to the course</Link>
      </p>
      {schedule.state.status === 'loading' && <Loading what="the schedule" />}
      {schedule.state.status === 'failed' && <ErrorAlert problem={schedule.state.problem} />}
      {schedule.state.status === 'ok' && (
        <ScheduleForm
          key={schedule.state.data.version}
          schedule={schedule.state.data}
          canEdit={props.canEdit}
          saved={saved}
          onReload={schedule.reload}
          onSaved={(message) => {
            setSaved(message);
            schedule.reload();
          }}
        />
      )}
      <ScheduleHistory courseId={props.courseId} reloadKey={saved} />
    </Page>
  );
}

function ScheduleForm(props: {
  readonly schedule: CourseQuestionnaireSchedule;
  readonly canEdit: boolean;
  readonly saved: string | null;
  readonly onReload: () => void;
  readonly onSaved: (message: string) => void;
}): ReactNode {
  const { schedule } = props;
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftOf(schedule));
  const [local, setLocal] = useState<Readonly<Record<string, string>>>({});
  const submit = useSubmit();
  const fields = { ...submit.fields, ...local };
  const disabled = !props.canEdit;
  const setItem = (index: number, change: Partial<ItemDraft>): void => {
    setDraft({
      ...draft,
      items: draft.items.map((item, i) => (i === index ? { ...item, ...change } : item)),
    });
  };
  const save = async (): Promise<void> => {
    const request = scheduleRequest(draft, schedule.version);
    setLocal(request.ok ? {} : request.fields);
    if (!request.ok) return;
    const body: CourseQuestionnaireScheduleUpdate = request.body;
    const ok = await submit.run(async () => {
      await api(url(schedule.courseId), {
        method: 'PUT',
        body,
        schema: CourseQuestionnaireSchedule,
      });
    });
    if (ok) {
      props.onSaved(
        `Schedule saved as version ${String(schedule.version + 1)}; due dates now follow it.`,
      );
    }
  };
  const conflict = submit.problem?.status === 409;
  return (
    <form
      noValidate
      aria-describedby="schedule-source"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p id="schedule-source">
        {schedule.edited
          ? `Clinic edit ${String(schedule.version)}, based on ${schedule.basedOn}.`
          : `The protocol default (${schedule.basedOn}); not edited for this course.`}
      </p>
      <StatusMessage message={props.saved} />
      {Object.keys(local).length > 0 && (
        <p className="field-error" role="alert">
          Some fields need attention: {Object.keys(local).length}.
        </p>
      )}
      <ErrorAlert
        problem={submit.problem}
        action="Not saved"
        {...(conflict ? { title: 'Someone else changed this schedule since you opened it.' } : {})}
      >
        {conflict && (
          <button type="button" className="button" onClick={props.onReload}>
            Reload the current schedule
          </button>
        )}
      </ErrorAlert>
      <TextField
        name="followUpDaysAfterLastSession"
        label="Follow-up after the last infusion (days)"
        hint="Daily and repeating questionnaires keep falling due until then."
        required
        inputMode="numeric"
        width="short"
        value={draft.followUpDays}
        error={fields['followUpDaysAfterLastSession']}
        onChange={(followUpDays) => {
          setDraft({ ...draft, followUpDays });
        }}
      />
      {draft.items.map((item, index) => (
        <ItemFields
          key={item.key}
          item={item}
          index={index}
          fields={fields}
          disabled={disabled}
          onChange={(change) => {
            setItem(index, change);
          }}
          onRemove={() => {
            setDraft({ ...draft, items: draft.items.filter((_, i) => i !== index) });
          }}
        />
      ))}
      {props.canEdit && (
        <>
          <button
            type="button"
            className="button"
            onClick={() => {
              const first = INSTRUMENTS[0]?.value ?? '';
              setDraft({
                ...draft,
                items: [...draft.items, emptyItem(crypto.randomUUID(), first)],
              });
            }}
          >
            Add a questionnaire
          </button>
          <TextArea
            name="changeNote"
            label="Reason for the change"
            required
            maxLength={500}
            value={draft.changeNote}
            error={fields['changeNote']}
            onChange={(changeNote) => {
              setDraft({ ...draft, changeNote });
            }}
          />
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? 'Saving…' : 'Save the schedule'}
          </button>
        </>
      )}
    </form>
  );
}

function ItemFields(props: {
  readonly item: ItemDraft;
  readonly index: number;
  readonly fields: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly onChange: (change: Partial<ItemDraft>) => void;
  readonly onRemove: () => void;
}): ReactNode {
  const { item, index, fields } = props;
  const key = (name: string) => `items[${String(index)}].${name}`;
  const title = INSTRUMENTS.find((i) => i.value === item.instrumentId)?.label ?? item.instrumentId;
  return (
    <fieldset className="schedule-item" disabled={props.disabled}>
      <legend>
        Questionnaire {String(index + 1)}: {title}
      </legend>
      <TextField
        name={key('id')}
        label="Item id"
        hint="Lower-case words joined by hyphens, e.g. pgic-weekly."
        required
        value={item.id}
        error={fields[key('id')]}
        onChange={(id) => {
          props.onChange({ id });
        }}
      />
      <SelectField
        name={key('instrumentId')}
        label="Instrument"
        required
        value={item.instrumentId}
        options={INSTRUMENTS}
        error={fields[key('instrumentId')]}
        onChange={(instrumentId) => {
          props.onChange({ instrumentId });
        }}
      />
      <SelectField
        name={key('trigger.type')}
        label="When"
        required
        value={item.cadence}
        options={CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] }))}
        error={fields[key('trigger')]}
        onChange={(cadence) => {
          props.onChange({ cadence: cadence as Cadence });
        }}
      />
      {DAY_FIELDS[item.cadence].map((day) => (
        <TextField
          key={day}
          name={key(`trigger.${day}`)}
          label={DAY_LABELS[day]}
          required
          inputMode="numeric"
          width="short"
          value={item.days[day]}
          error={fields[key(`trigger.${day}`)]}
          onChange={(value) => {
            props.onChange({ days: { ...item.days, [day]: value } });
          }}
        />
      ))}
      <TextField
        name={key('conditions')}
        label="Only for diagnoses (ICD-10-CM prefixes, comma-separated)"
        hint="Leave empty to ask every patient of the course."
        markOptional
        value={item.conditions}
        error={fields[key('conditions')]}
        onChange={(conditions) => {
          props.onChange({ conditions });
        }}
      />
      <TextField
        name={key('startsOn')}
        label="First due date"
        type="date"
        markOptional
        value={item.startsOn}
        error={fields[key('startsOn')]}
        onChange={(startsOn) => {
          props.onChange({ startsOn });
        }}
      />
      <TextField
        name={key('stopsAfter')}
        label="Stop after"
        type="date"
        markOptional
        value={item.stopsAfter}
        error={fields[key('stopsAfter')]}
        onChange={(stopsAfter) => {
          props.onChange({ stopsAfter });
        }}
      />
      {!props.disabled && (
        <button type="button" className="button" onClick={props.onRemove}>
          Remove questionnaire {String(index + 1)}
        </button>
      )}
    </fieldset>
  );
}

function ScheduleHistory(props: {
  readonly courseId: string;
  /** Changes after each save, so the list reloads. */
  readonly reloadKey: string | null;
}): ReactNode {
  const history = useLoad(
    (signal) =>
      api(`${url(props.courseId)}/history`, { schema: CourseQuestionnaireScheduleHistory, signal }),
    [props.courseId, props.reloadKey],
  );
  return (
    <section aria-labelledby="schedule-history">
      <h2 id="schedule-history">Changes</h2>
      {history.state.status === 'failed' && <ErrorAlert problem={history.state.problem} />}
      {history.state.status === 'ok' &&
        (history.state.data.items.length === 0 ? (
          <p>No changes: the course follows the protocol default.</p>
        ) : (
          <ol reversed>
            {history.state.data.items.map((v) => (
              <li key={v.version}>
                Version {String(v.version)}
                {v.changedAt === null ? '' : `, ${new Date(v.changedAt).toLocaleString()}`}:{' '}
                {v.changeNote}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
