import { useEffect, useRef, useState } from 'react';
import { useT, fieldText } from '../i18n';
import { useCall, patientFromDraft, type Caller } from '../stores/call';
import { useUi } from '../stores/ui';
import { useSession } from '../stores/session';
import type { Outcome } from '../../shared/contract/models';
import { CallerOptions, OutcomeOptions } from './ChoiceOptions';
import { parseCpr, formatCpr } from '../../shared/cpr';
import { EU_COUNTRIES } from '../../shared/visitor';
import { Field } from './Field';
import { DateInput } from './DateInput';
import { BandBadge } from './Header';
import { hhmm, calendarDate } from '../lib/format';
import { PhoneCallInfo } from '../features/phone/PhoneCallInfo';

const VISITOR_COUNTRIES = EU_COUNTRIES;

function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function CallPanel() {
  const contact = useCall((s) => s.contact);
  if (!contact) {
    return <IdleCall />;
  }
  return <OpenCall key={contact.id} />;
}

/** No call: the new-call button gets focus (after a call ends, the doctor is ready at once). */
function IdleCall() {
  const t = useT();
  const busy = useCall((s) => s.busy);
  const generalError = useCall((s) => s.errors._);
  const start = useCall((s) => s.start);
  const newRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !document.contains(active)) newRef.current?.focus();
  }, []);
  return (
    <section
      className="panel call-panel idle"
      aria-labelledby="call-title"
      id="call-region"
      data-region="call"
      tabIndex={-1}
    >
      <h2 id="call-title">{t('call.none')}</h2>
      {generalError && (
        <p className="error-banner" role="alert">
          {generalError}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          ref={newRef}
          className="btn btn-primary btn-big"
          disabled={busy}
          aria-keyshortcuts="Alt+N"
          onClick={() => void start('telefon').catch(() => {})}
        >
          {t('call.new')} <kbd>Alt+N</kbd>
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          aria-keyshortcuts="Alt+P"
          onClick={() => void start('video-forvisiteret').catch(() => {})}
        >
          {t('call.newVideo')} <kbd>Alt+P</kbd>
        </button>
      </div>
    </section>
  );
}

function OpenCall() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const contact = useCall((s) => s.contact)!;
  const draft = useCall((s) => s.draft);
  const errors = useCall((s) => s.errors);
  const busy = useCall((s) => s.busy);
  const setField = useCall((s) => s.set);
  const end = useCall((s) => s.end);
  const [cprTouched, setCprTouched] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cprRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Focus the first field when a call starts, so the doctor can type at once.
    if (draft.patientType === 'cpr') cprRef.current?.focus();
    else headingRef.current?.focus();
  }, []);

  const local = patientFromDraft(draft);
  let patientError = errors.patient;
  if (!patientError && !local.ok && (!local.incomplete || cprTouched)) {
    patientError = fieldText(local.code, t);
  }
  let birthInfo: string | null = null;
  if (draft.patientType === 'cpr' && draft.cprText.trim()) {
    const r = parseCpr(draft.cprText.trim());
    if (r.ok) birthInfo = t('call.birthDateShown', { date: calendarDate(r.birthDate, lang) });
  }

  const isVideo = contact.kind === 'video-forvisiteret';
  return (
    <section
      className="panel call-panel active"
      aria-labelledby="call-title"
      data-testid="call-panel"
      id="call-region"
      data-region="call"
      tabIndex={-1}
    >
      <div className="call-head">
        <h2 id="call-title" tabIndex={-1} ref={headingRef}>
          {isVideo ? t('call.titleVideo') : t('call.title')}
        </h2>
        <span className="call-meta">
          {t('call.answeredAt', { time: hhmm(contact.answeredAt) })} ·{' '}
          <BandBadge band={contact.band} />
          {contact.holiday && <> · {contact.holiday}</>}
        </span>
      </div>
      <PhoneCallInfo contact={contact} />
      {errors._ && (
        <p className="error-banner" role="alert">
          {errors._}
        </p>
      )}

      <fieldset className="group patient">
        <legend>{t('call.patient')}</legend>
        <div className="segmented" role="radiogroup" aria-label={t('call.patientType')}>
          <label className="choice-inline">
            <input
              type="radio"
              name="patientType"
              checked={draft.patientType === 'cpr'}
              onChange={() => setField('patientType', 'cpr')}
            />
            {t('call.patientCpr')}
          </label>
          <label className="choice-inline">
            <input
              type="radio"
              name="patientType"
              checked={draft.patientType === 'visitor'}
              onChange={() => setField('patientType', 'visitor')}
            />
            {t('call.patientVisitor')}
          </label>
        </div>
        {draft.patientType === 'cpr' ? (
          <Field
            id="call-cpr"
            className="field-notes-beside"
            label={t('call.cpr')}
            hint={t('call.cprHint')}
            error={patientError}
            info={birthInfo ? <span data-testid="birth-date">{birthInfo}</span> : undefined}
          >
            {(aria) => (
              <input
                {...aria}
                ref={cprRef}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                maxLength={11}
                className="input-cpr"
                value={draft.cprText}
                onChange={(e) => setField('cprText', e.target.value)}
                onBlur={() => {
                  setCprTouched(true);
                  // Show a valid number the usual way, DDMMYY-SSSS.
                  const r = parseCpr(draft.cprText.trim());
                  if (r.ok && draft.cprText !== formatCpr(r.cpr))
                    setField('cprText', formatCpr(r.cpr));
                }}
              />
            )}
          </Field>
        ) : (
          <div className="row">
            <Field id="call-birth" label={t('call.birthDate')} error={undefined}>
              {(aria) => (
                <DateInput
                  {...aria}
                  value={draft.birthDate}
                  onChange={(v) => setField('birthDate', v)}
                />
              )}
            </Field>
            <Field id="call-country" label={t('call.country')}>
              {(aria) => (
                <select
                  {...aria}
                  value={draft.country}
                  onChange={(e) => setField('country', e.target.value)}
                >
                  <option value="">{t('call.countryChoose')}</option>
                  {VISITOR_COUNTRIES.map((c) => (
                    <option key={c} value={c}>
                      {countryName(c, lang)} ({c})
                    </option>
                  ))}
                  <option value="andet">{t('call.countryOther')}</option>
                </select>
              )}
            </Field>
            <Field id="call-letters" label={t('call.letters')} hint={t('call.lettersHint')}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={4}
                  className="input-letters"
                  value={draft.letters}
                  onChange={(e) => setField('letters', e.target.value.toLocaleUpperCase('da'))}
                />
              )}
            </Field>
            {patientError && (
              <p className="error-text wide" role="alert" id="call-visitor-err">
                {patientError}
              </p>
            )}
          </div>
        )}
      </fieldset>

      <div className="row">
        <fieldset className="group compact">
          <legend>{t('call.group')}</legend>
          <label className="choice-inline">
            <input
              type="radio"
              name="group"
              checked={draft.group === 1}
              onChange={() => setField('group', 1)}
            />
            {t('call.group1')}
          </label>
          <label className="choice-inline">
            <input
              type="radio"
              name="group"
              checked={draft.group === 2}
              onChange={() => setField('group', 2)}
            />
            {t('call.group2')}
          </label>
          {draft.group === 2 && <p className="hint">{t('call.group2Note')}</p>}
          {errors.group && (
            <p className="error-text" role="alert">
              {errors.group}
            </p>
          )}
        </fieldset>
        <Field id="call-caller" label={t('call.caller')} error={errors.caller}>
          {(aria) => (
            <select
              {...aria}
              value={draft.caller}
              onChange={(e) => setField('caller', e.target.value as Caller | '')}
            >
              <CallerOptions />
            </select>
          )}
        </Field>
      </div>

      <div className="row">
        <Field
          id="call-reason"
          label={t('call.reason')}
          error={errors.reason}
          className="field-reason"
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              autoComplete="off"
              maxLength={2000}
              value={draft.reason}
              onChange={(e) => setField('reason', e.target.value)}
            />
          )}
        </Field>
        <Field id="call-outcome" label={t('call.outcome')} error={errors.outcome}>
          {(aria) => (
            <select
              {...aria}
              value={draft.outcome}
              onChange={(e) => {
                const v = e.target.value as Outcome | '';
                setField('outcome', v);
                if (v !== 'konsultation' && draft.transportGranted)
                  setField('transportGranted', false);
              }}
            >
              <OutcomeOptions />
            </select>
          )}
        </Field>
        {draft.outcome === 'konsultation' && (
          <div
            className={`field checkbox field-wide${errors.transportGranted ? ' field-error' : ''}`}
          >
            <label className="choice-inline" htmlFor="call-transport">
              <input
                id="call-transport"
                type="checkbox"
                checked={draft.transportGranted}
                onChange={(e) => setField('transportGranted', e.target.checked)}
              />
              {t('call.transport')}
            </label>
            {errors.transportGranted && (
              <span className="error-text" role="alert">
                {errors.transportGranted}
              </span>
            )}
          </div>
        )}
      </div>

      <Field id="call-note" className="field-grow" label={t('call.note')} error={errors.note}>
        {(aria) => (
          <textarea
            {...aria}
            rows={6}
            maxLength={10000}
            value={draft.note}
            onChange={(e) => setField('note', e.target.value)}
          />
        )}
      </Field>

      <VideoBox />

      <div className="button-row end-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          aria-keyshortcuts="Alt+E"
          onClick={() => void end()}
        >
          {t('call.end')} <kbd>Alt+E</kbd>
        </button>
      </div>
    </section>
  );
}

function VideoBox() {
  const t = useT();
  const contact = useCall((s) => s.contact)!;
  const busy = useCall((s) => s.busy);
  const failOpen = useUi((s) => s.videoFailOpen);
  const setFailOpen = useUi((s) => s.setVideoFailOpen);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const { escalate, videoConnected, videoFailed, videoEnded, setVideoTo } = useCall.getState();
  const videoTo = useCall((s) => s.videoTo);
  const roster = useSession((s) => s.roster);
  const v = contact.video;
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (failOpen) reasonRef.current?.focus();
  }, [failOpen]);

  const isPrebooked = contact.kind === 'video-forvisiteret';
  const coordinators = roster.filter(
    (d) => d.active && d.roles.includes('coordinator') && d.id !== contact.doctorId,
  );
  const handedTo =
    v && v.doctorId !== contact.doctorId ? roster.find((d) => d.id === v.doctorId) : null;
  return (
    <section className="group video" aria-labelledby="video-title" data-testid="video-box">
      <h3 id="video-title">{t('video.title')}</h3>
      {!v && !isPrebooked && coordinators.length > 0 && (
        <Field id="video-to" label={t('video.to')}>
          {(aria) => (
            <select {...aria} value={videoTo} onChange={(e) => setVideoTo(e.target.value)}>
              <option value="">{t('video.toMe')}</option>
              {coordinators.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({t('role.coordinator')})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {!v && !isPrebooked && (
        <button
          type="button"
          className="btn"
          disabled={busy}
          aria-keyshortcuts="Alt+V"
          onClick={() => void escalate()}
        >
          {t('video.escalate')} <kbd>Alt+V</kbd>
        </button>
      )}
      {v && (
        <ul className="video-steps">
          <li>{t('video.requested', { time: hhmm(v.requestedAt) })}</li>
          {handedTo && <li>{t('video.handedTo', { name: handedTo.name })}</li>}
          {v.connectedAt && (
            <li data-testid="video-connected">
              {t('video.connectedAt', { time: hhmm(v.connectedAt) })}
            </li>
          )}
          {v.failedAt && (
            <li data-testid="video-failed">
              {t('video.failedAt', { time: hhmm(v.failedAt), reason: v.failReason ?? '' })}
            </li>
          )}
          {v.endedAt && <li>{t('video.endedAt', { time: hhmm(v.endedAt) })}</li>}
        </ul>
      )}
      {((v && !v.connectedAt && !v.failedAt) || (isPrebooked && !v)) && !failOpen && (
        <div className="button-row">
          <span className="waiting">{t('video.waiting')}</span>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            aria-keyshortcuts="Alt+K"
            onClick={() => void videoConnected()}
          >
            {t('video.connected')} <kbd>Alt+K</kbd>
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy}
            aria-keyshortcuts="Alt+M"
            onClick={() => setFailOpen(true)}
          >
            {t('video.failed')} <kbd>Alt+M</kbd>
          </button>
        </div>
      )}
      {failOpen && !(v && (v.connectedAt || v.failedAt)) && (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!reason.trim()) {
              setReasonError(t('field.required'));
              return;
            }
            await videoFailed(reason.trim());
            if (useCall.getState().contact?.video?.failedAt) {
              setFailOpen(false);
              setReason('');
              setReasonError(null);
            }
          }}
        >
          <Field
            id="video-fail-reason"
            label={t('video.failReason')}
            error={reasonError ?? undefined}
          >
            {(aria) => (
              <input
                {...aria}
                ref={reasonRef}
                type="text"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setFailOpen(false);
                }}
              />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('video.failConfirm')}
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setFailOpen(false)}>
              {t('dialog.cancel')}
            </button>
          </div>
        </form>
      )}
      {v && v.connectedAt && !v.endedAt && (
        <button
          type="button"
          className="btn"
          disabled={busy}
          aria-keyshortcuts="Alt+S"
          onClick={() => void videoEnded()}
        >
          {t('video.end')} <kbd>Alt+S</kbd>
        </button>
      )}
    </section>
  );
}
