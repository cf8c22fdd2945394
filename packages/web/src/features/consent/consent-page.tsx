/**
 * A patient's informed consent: whether it is current (infusions require it), every record with its
 * text version, attestation, witness, date and revocation, and (for nurses and prescribers) the
 * clinic's current consent text with the form that records the patient's attestation: the patient
 * types their full legal name, the signed-in clinician witnesses it, and the date is the clinic's.
 */
import type { ConsentText } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { PortalAttestations } from '../portal/portal-attestations.tsx';
import { clinicDate } from './clinic-date.ts';
import { consentStatus, currentConsentText, recordConsent } from './consent-api.ts';

export function ConsentPage(props: { readonly patientId: string }): ReactNode {
  const { clinic, info } = useReadySession();
  const [saved, setSaved] = useState<string | null>(null);
  const { state, reload } = useLoad(
    async (signal) => {
      const [status, text] = await Promise.all([
        consentStatus(props.patientId, signal),
        currentConsentText(signal),
      ]);
      return { status, text };
    },
    [props.patientId],
  );
  if (state.status === 'loading') return <Loading what="the consent" />;
  if (state.status === 'failed') {
    return (
      <Page title="Consent not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  const { status, text } = state.data;
  const canRecord = clinic.role === 'nurse' || clinic.role === 'prescriber';
  const who = (userId: string): string => (userId === info.user.id ? 'you' : userId.slice(0, 8));
  return (
    <Page
      title="Informed consent"
      actions={
        <Link to={`/patients/${props.patientId}`} className="button">
          Patient record
        </Link>
      }
    >
      <StatusMessage message={saved} />
      <p className={status.current ? 'alert alert-ok' : 'alert alert-warn'}>
        {status.current
          ? `Consent is current (text version ${String(status.latestTextVersion)}).`
          : `No current consent: ${status.reason ?? 'none recorded'}. Infusions need one.`}
      </p>
      <PortalAttestations
        patientId={props.patientId}
        timeZone={clinic.timeZone}
        canCountersign={canRecord}
        onCountersigned={reload}
      />
      {status.records.length === 0 ? null : (
        <section aria-labelledby="records-heading">
          <h2 id="records-heading">Consent records</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Text version</th>
                  <th scope="col">Typed name</th>
                  <th scope="col">Attested</th>
                  <th scope="col">Date</th>
                  <th scope="col">Witness</th>
                  <th scope="col">Revoked</th>
                </tr>
              </thead>
              <tbody>
                {status.records.map((r) => (
                  <tr key={r.id}>
                    <td className="num">{r.textVersion}</td>
                    <td>{r.attestedName}</td>
                    <td className="num">{formatInstant(r.attestedAt, clinic.timeZone)}</td>
                    <td className="num">{r.consentDate}</td>
                    <td>{who(r.witnessUserId)}</td>
                    <td>
                      {r.revocation === null
                        ? 'No'
                        : `${formatInstant(r.revocation.revokedAt, clinic.timeZone)}: ${r.revocation.reason}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <ConsentTextView text={text} />
      {canRecord ? (
        <ConsentForm
          patientId={props.patientId}
          text={text}
          onRecorded={() => {
            setSaved('Consent recorded.');
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function ConsentTextView(props: { readonly text: ConsentText }): ReactNode {
  const t = props.text;
  return (
    <section className="panel consent-text" aria-labelledby="consent-text-heading">
      <h2 id="consent-text-heading">
        {t.title} <span className="muted">(version {t.version})</span>
      </h2>
      {t.body.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </section>
  );
}

function ConsentForm(props: {
  readonly patientId: string;
  readonly text: ConsentText;
  readonly onRecorded: () => void;
}): ReactNode {
  const { clinic, info } = useReadySession();
  const submit = useSubmit();
  const [id] = useState(() => crypto.randomUUID());
  const [name, setName] = useState('');
  const [date, setDate] = useState(() => clinicDate(new Date(), clinic.timeZone));
  const [witnessed, setWitnessed] = useState(false);
  return (
    <form
      className="panel"
      aria-labelledby="attest-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          await recordConsent(props.patientId, {
            id,
            consentTextId: props.text.id,
            attestedName: name.trim(),
            attestedAt: new Date().toISOString(),
            witnessUserId: info.user.id,
            consentDate: date,
          });
          props.onRecorded();
        });
      }}
    >
      <h2 id="attest-heading">Record the patient&apos;s consent to version {props.text.version}</h2>
      <ErrorAlert problem={submit.problem} action="Not recorded" />
      <TextField
        name="attestedName"
        label="Patient types their full legal name"
        hint="Given and family name as registered; typing it confirms the text above was explained and agreed to."
        value={name}
        onChange={setName}
        width="long"
        autoComplete="off"
        required
        error={submit.fields.attestedName}
      />
      <TextField
        name="consentDate"
        label="Date of signature (clinic date)"
        type="date"
        value={date}
        onChange={setDate}
        required
        error={submit.fields.consentDate}
      />
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="witness"
            checked={witnessed}
            required
            onChange={(e) => {
              setWitnessed(e.target.checked);
            }}
          />{' '}
          I, {info.user.displayName}, witnessed the patient sign
        </label>
        {submit.fields.witnessUserId === undefined ? null : (
          <p className="field-error">{submit.fields.witnessUserId}</p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Record consent
        </button>
      </div>
    </form>
  );
}
