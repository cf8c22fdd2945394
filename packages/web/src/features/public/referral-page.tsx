/**
 * Public referral / self-screening request (no sign-in): minimal details, a hidden honeypot field
 * and the server's form token (minimum fill time); a clear confirmation when received.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ReferralReceipt } from '@ketaflow/contract';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';

const Form = z.object({
  clinics: z.array(
    z.object({ clinicId: z.string(), clinicName: z.string(), formToken: z.string() }),
  ),
});

const CONDITIONS = [
  { value: 'crps', label: 'Complex regional pain syndrome (CRPS)' },
  { value: 'neuropathic-pain', label: 'Nerve (neuropathic) pain' },
  { value: 'fibromyalgia', label: 'Fibromyalgia' },
  { value: 'other-chronic-pain', label: 'Other long-lasting pain' },
  { value: 'not-sure', label: 'Not sure' },
];

export function ReferralPage(): ReactNode {
  useEffect(() => {
    document.title = 'Ask the clinic to contact you · Ketaflow';
  }, []);
  const form = useLoad(
    (signal) => api('/api/v1/public/referral-form', { schema: Form, signal }),
    [],
  );
  const [id] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState({
    name: '',
    email: '',
    phone: '',
    condition: 'not-sure',
    referringClinician: '',
    website: '',
  });
  const [consent, setConsent] = useState(false);
  const [clinicIndex, setClinicIndex] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const set = (key: keyof typeof values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
  };
  if (done !== null) {
    return (
      <main id="main" style={{ maxWidth: '36rem', margin: '0 auto', padding: '1rem' }}>
        <h1>Request received</h1>
        <p role="status">{done}</p>
      </main>
    );
  }
  const clinics = form.state.status === 'ok' ? form.state.data.clinics : [];
  const clinic = clinics[clinicIndex];
  const send = async (): Promise<void> => {
    if (clinic === undefined) return;
    await submit.run(async () => {
      const receipt = await api('/api/v1/public/referrals', {
        method: 'POST',
        schema: ReferralReceipt,
        body: {
          id,
          clinicId: clinic.clinicId,
          formToken: clinic.formToken,
          name: values.name,
          condition: values.condition,
          consentToContact: consent,
          ...(values.email === '' ? {} : { email: values.email }),
          ...(values.phone === '' ? {} : { phone: values.phone }),
          ...(values.referringClinician === ''
            ? {}
            : { referringClinician: values.referringClinician }),
          ...(values.website === '' ? {} : { website: values.website }),
        },
      });
      setDone(receipt.message);
    });
  };
  return (
    <main id="main" style={{ maxWidth: '36rem', margin: '0 auto', padding: '1rem' }}>
      <h1>Ask the clinic to contact you</h1>
      <p>
        Leave only what the clinic needs to reach you. A coordinator will contact you to talk about
        whether ketamine infusion therapy may suit you.{' '}
        <a href="/about">Read about the treatment</a>.
      </p>
      {form.state.status === 'failed' && <ErrorAlert problem={form.state.problem} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        {clinics.length > 1 && (
          <SelectField
            name="clinicId"
            label="Clinic"
            value={String(clinicIndex)}
            options={clinics.map((c, i) => ({ value: String(i), label: c.clinicName }))}
            onChange={(v) => {
              setClinicIndex(Number(v));
            }}
          />
        )}
        <TextField
          name="name"
          label="Your name"
          required
          value={values.name}
          onChange={set('name')}
          error={submit.fields['body.name']}
          autoComplete="name"
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          value={values.email}
          onChange={set('email')}
          error={submit.fields['body.email']}
          hint="An email or a phone number, so we can reach you."
          autoComplete="email"
        />
        <TextField
          name="phone"
          label="Phone"
          type="tel"
          value={values.phone}
          onChange={set('phone')}
          error={submit.fields['body.phone']}
          autoComplete="tel"
        />
        <SelectField
          name="condition"
          label="What kind of pain"
          value={values.condition}
          options={CONDITIONS}
          onChange={set('condition')}
          error={submit.fields['body.condition']}
        />
        <TextField
          name="referringClinician"
          label="Referring clinician (optional)"
          value={values.referringClinician}
          onChange={set('referringClinician')}
          error={submit.fields['body.referringClinician']}
        />
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px' }}>
          <label htmlFor="f-website">Leave this field empty</label>
          <input
            id="f-website"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(e) => {
              set('website')(e.target.value);
            }}
          />
        </div>
        <p>
          <label>
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => {
                setConsent(e.target.checked);
              }}
            />{' '}
            The clinic may contact me about this request.
          </label>
        </p>
        <ErrorAlert problem={submit.problem} action="Not sent" />
        <button
          className="button button-primary button-large"
          type="submit"
          disabled={submit.busy || clinic === undefined}
        >
          Send request
        </button>
      </form>
      <p className="hint">
        This form is not for emergencies. If you are in crisis, call or text{' '}
        <a href="tel:988">988</a> or call 911.
      </p>
    </main>
  );
}
