/**
 * Public page (no sign-in): ketamine infusion therapy for chronic pain in plain language, with its
 * sources in plain words (shared/reference/clinical.md). Not medical advice.
 */
import type { ReactNode } from 'react';
import { useEffect } from 'react';

export function AboutPage(): ReactNode {
  useEffect(() => {
    document.title = 'Ketamine infusion therapy for chronic pain · Ketaflow';
  }, []);
  return (
    <main
      id="main"
      className="public-page"
      style={{ maxWidth: '42rem', margin: '0 auto', padding: '1rem' }}
    >
      <h1>Ketamine infusion therapy for chronic pain</h1>
      <p>
        <strong>This page explains the treatment in general. It is not medical advice</strong>: only
        a clinician who knows your health can say whether it suits you.
      </p>
      <h2>What it is</h2>
      <p>
        Ketamine is an anaesthetic medicine. In low doses, given slowly into a vein over hours, it
        can reduce some kinds of long-lasting pain. It works differently from opioids: it blocks
        NMDA receptors, which are involved in how the nervous system keeps pain signals going.
      </p>
      <h2>Who it may help</h2>
      <p>
        The evidence is strongest for complex regional pain syndrome (CRPS) and some nerve
        (neuropathic) pain; results for fibromyalgia and other conditions are mixed. It is usually
        considered when other treatments have not helped enough. Pain specialists' consensus
        guidelines (American Society of Regional Anesthesia and Pain Medicine, American Academy of
        Pain Medicine and American Society of Anesthesiologists, 2018) describe who may benefit and
        how it should be given.
      </p>
      <h2>Risks and side effects</h2>
      <ul>
        <li>
          During the infusion: feeling detached, dreamy or confused, dizziness, nausea, blurred
          vision, higher blood pressure and pulse. These usually fade soon after the infusion stops.
        </li>
        <li>
          After repeated use: liver problems and bladder problems (pain or frequent urination) have
          been reported, so the clinic checks for them.
        </li>
        <li>
          Ketamine can be misused; it is a controlled medicine and is only given in the clinic.
        </li>
        <li>
          It is not suitable for everyone, for example with some heart conditions, uncontrolled high
          blood pressure, pregnancy or some mental-health conditions. The clinic screens for these.
        </li>
      </ul>
      <h2>What a course looks like</h2>
      <p>
        A course is a series of infusions, each lasting several hours, sometimes on several days in
        a row, then follow-up. Between infusions you record your pain and answer short
        questionnaires so that you and your clinician can see whether it helps and how long the
        relief lasts.
      </p>
      <h2>A controlled, supervised setting</h2>
      <p>
        Every infusion runs under a clinician's order, with a nurse watching your breathing, blood
        pressure, pulse and oxygen throughout, and emergency equipment at hand. You go home only
        with an adult who takes you, and you must not drive that day.
      </p>
      <h2>Interested?</h2>
      <p>
        <a href="/refer">Ask the clinic to contact you</a> — or ask your own clinician to refer you.
      </p>
      <p className="hint">
        If you are in crisis or thinking about harming yourself, call or text{' '}
        <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) or call 911.
      </p>
    </main>
  );
}
