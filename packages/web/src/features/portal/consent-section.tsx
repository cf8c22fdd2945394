/**
 * Consent in the portal (phone-first): the clinic's current consent text, then the attestation —
 * the patient types their full legal name and ticks the box; a clinician countersigns it at the
 * clinic. Shows whether the current text is attested and whether it was countersigned.
 */
import { useState, type ReactNode } from 'react';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { Loading } from '../../components/page.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { consentRequest, EMPTY_CONSENT_DRAFT, paragraphsOf } from './consent-form.ts';
import { attestConsent, ownConsent } from './portal-api.ts';

const LABELS = { attestedName: 'Your full name', confirmed: 'I have read and understood' };

export function ConsentSection(): ReactNode {
  const consent = useLoad((signal) => ownConsent(signal), []);
  const [id, setId] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState(EMPTY_CONSENT_DRAFT);
  const [local, setLocal] = useState<Readonly<Record<string, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  if (consent.state.status === 'loading') return <Loading what="the consent text" />;
  if (consent.state.status === 'failed') return <ErrorAlert problem={consent.state.problem} />;
  const { text, attestedCurrent, attestations } = consent.state.data;
  const current = attestations.find((a) => a.consentTextId === text.id);
  const fields = { ...submit.fields, ...local };
  const send = async (): Promise<void> => {
    const request = consentRequest(id, text.id, draft);
    setLocal(request.ok ? {} : request.fields);
    if (!request.ok) return;
    const ok = await submit.run(async () => {
      await attestConsent(request.body);
    });
    if (ok) {
      setSaved('Thank you. Your agreement is recorded; a clinician will countersign it.');
      setId(crypto.randomUUID());
      setDraft(EMPTY_CONSENT_DRAFT);
      consent.reload();
    }
  };
  return (
    <section aria-labelledby="consent-title" className="portal-consent">
      <h2 id="consent-title">Consent to treatment</h2>
      <StatusMessage message={saved} />
      {current !== undefined && (
        <p>
          You agreed to version {String(current.textVersion)} on{' '}
          {new Date(current.attestedAt).toLocaleDateString(undefined, { dateStyle: 'long' })}
          {current.countersignedAt === null
            ? '. A clinician will countersign it at your next visit.'
            : ', countersigned by the clinic.'}
        </p>
      )}
      <details open={!attestedCurrent}>
        <summary>
          {text.title} (version {String(text.version)})
        </summary>
        {paragraphsOf(text.body).map((p) => (
          <p key={p}>{p}</p>
        ))}
      </details>
      {!attestedCurrent && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          {submit.problem !== null && <ErrorAlert problem={submit.problem} labels={LABELS} />}
          <TextField
            name="attestedName"
            label={LABELS.attestedName}
            hint="Your given and family name as the clinic registered them."
            required
            autoComplete="name"
            width="long"
            value={draft.attestedName}
            error={fields['attestedName']}
            onChange={(attestedName) => {
              setDraft({ ...draft, attestedName });
            }}
          />
          <div className={fields['confirmed'] === undefined ? 'field' : 'field field-invalid'}>
            {fields['confirmed'] !== undefined && (
              <p className="field-error" id="f-confirmed-error">
                {fields['confirmed']}
              </p>
            )}
            <label>
              <input
                type="checkbox"
                id="f-confirmed"
                name="confirmed"
                checked={draft.confirmed}
                aria-invalid={fields['confirmed'] === undefined ? undefined : true}
                aria-describedby={
                  fields['confirmed'] === undefined ? undefined : 'f-confirmed-error'
                }
                onChange={(e) => {
                  setDraft({ ...draft, confirmed: e.target.checked });
                }}
              />{' '}
              {LABELS.confirmed} this text, could ask questions, and agree to the treatment.
            </label>
          </div>
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? 'Sending…' : 'I agree'}
          </button>
        </form>
      )}
    </section>
  );
}
