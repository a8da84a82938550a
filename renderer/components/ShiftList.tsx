import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useT, errorText, fieldErrors, fieldText, type MessageKey } from '../i18n';
import { useShift } from '../stores/shift';
import { useUi } from '../stores/ui';
import { useSession } from '../stores/session';
import { api } from '../api';
import type { Contact, ContactFields, Outcome, Revision } from '../../shared/contract/models';
import { CallerOptions, OutcomeOptions } from './ChoiceOptions';
import { formatKr } from '../../shared/money';
import { maskCpr } from '../../shared/cpr';
import { hhmm, duration, dateTime } from '../lib/format';
import { toDanishDate } from '../lib/dates';
import { BandBadge } from './Header';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { draftFromContact, patientFromDraft, type Draft, type Caller } from '../stores/call';
import { useStatus } from '../stores/status';
import { PhoneTag } from '../features/phone/PhoneCallInfo';

export function patientLabel(c: Pick<Contact, 'patient'>, t: ReturnType<typeof useT>): string {
  const p = c.patient;
  if (!p) return t('list.noPatient');
  if (p.type === 'cpr') return maskCpr(p.cpr);
  return `${toDanishDate(p.birthDate)} ${p.country} ${p.letters}`;
}

function feeTotal(c: Contact): number {
  return c.lines.reduce((s, l) => s + l.amountOre, 0);
}

/** The shift's contacts; `head` (opened at, close shift) sits beside the title. */
export function ShiftList({ head }: { head?: ReactNode } = {}) {
  const t = useT();
  const contacts = useShift((s) => s.contacts);
  const openDialog = useUi((s) => s.openDialog);
  const hostNow = useStatus((s) => s.hostNow);
  const sorted = [...contacts].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  const hasOpen = sorted.some((c) => c.status === 'open');
  const [, setTick] = useState(0);
  useEffect(() => {
    // The open call's duration runs while it is open.
    if (!hasOpen) return;
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [hasOpen]);
  const total = sorted.filter((c) => c.status !== 'voided').reduce((s, c) => s + feeTotal(c), 0);

  return (
    <section
      className="panel shift-list"
      aria-labelledby="list-title"
      id="list-region"
      data-region="list"
      tabIndex={-1}
    >
      <div className="list-head">
        <h2 id="list-title" tabIndex={-1}>
          {t('list.title')}
        </h2>
        {head}
      </div>
      {sorted.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="shift-table">
            <thead>
              <tr>
                <th scope="col">{t('list.time')}</th>
                <th scope="col">{t('list.band')}</th>
                <th scope="col">{t('list.patient')}</th>
                <th scope="col">{t('list.outcome')}</th>
                <th scope="col">{t('list.duration')}</th>
                <th scope="col" className="num">
                  {t('list.fees')}
                </th>
                <th scope="col">{t('list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => {
                const time = hhmm(c.answeredAt);
                const dur =
                  (c.endedAt ? Date.parse(c.endedAt) : hostNow()) - Date.parse(c.answeredAt);
                return (
                  <tr
                    key={c.id}
                    className={`row-${c.status}`}
                    data-testid="contact-row"
                    data-contact-id={c.id}
                  >
                    <td>
                      {time}
                      {c.kind === 'video-forvisiteret' && (
                        <span className="tag">{t('list.prebooked')}</span>
                      )}
                      <PhoneTag contact={c} />
                    </td>
                    <td>
                      <BandBadge band={c.band} />
                    </td>
                    <td className={c.patient ? 'mono' : 'patient-none'}>{patientLabel(c, t)}</td>
                    <td>
                      {c.outcome ? t(`outcome.${c.outcome}` as MessageKey) : t('outcome.none')}
                      {c.video && (
                        <span className="tag">
                          {t('list.video')}
                          {c.video.connectedAt ? ' ✓' : c.video.failedAt ? ' ✗' : ''}
                        </span>
                      )}
                      {c.status === 'voided' && (
                        <span className="tag tag-void">{t('list.voided')}</span>
                      )}
                      {c.status === 'open' && (
                        <span className="tag tag-open">{t('list.open')}</span>
                      )}
                      {c.status === 'ended' && c.revisionReason && (
                        <span className="tag">{t('list.corrected')}</span>
                      )}
                    </td>
                    <td>{duration(dur, t)}</td>
                    <td className="num fees" data-testid="contact-fees">
                      {c.lines.length === 0 && <span className="muted">{formatKr(0)}</span>}
                      {c.lines.map((l, i) => (
                        <div key={i} className={c.status === 'voided' ? 'struck' : ''}>
                          <span className="code">{l.code}</span>{' '}
                          <span className="amount">{formatKr(l.amountOre)}</span>
                        </div>
                      ))}
                      {c.flags
                        .filter((f) => f !== 'april-2021-niveau' && f !== 'takst-videreført')
                        .map((f) => (
                          <div key={f} className="flag">
                            {t(`flag.${f}` as MessageKey)}
                          </div>
                        ))}
                    </td>
                    <td className="actions">
                      {c.status === 'ended' && (
                        <>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`${t('list.correct')} – ${t('list.rowLabel', { time })}`}
                            onClick={() => openDialog({ kind: 'correct', contactId: c.id })}
                          >
                            {t('list.correct')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`${t('list.void')} – ${t('list.rowLabel', { time })}`}
                            onClick={() => openDialog({ kind: 'void', contactId: c.id })}
                          >
                            {t('list.void')}
                          </button>
                        </>
                      )}
                      <button
                        type="button"
                        className="btn btn-small btn-quiet"
                        aria-label={`${t('list.history')} – ${t('list.rowLabel', { time })}`}
                        onClick={() => openDialog({ kind: 'history', contactId: c.id })}
                      >
                        {t('list.history')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  {t('list.total')}
                </th>
                <td className="num total" data-testid="shift-total">
                  {formatKr(total)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export function ContactDialogs() {
  const dialog = useUi((s) => s.dialog);
  const openDialog = useUi((s) => s.openDialog);
  const contacts = useShift((s) => s.contacts);
  if (!dialog || dialog.kind === 'closeShift') return null;
  const c = contacts.find((x) => x.id === dialog.contactId);
  if (!c) return null;
  const close = () => openDialog(null);
  if (dialog.kind === 'correct') return <CorrectDialog contact={c} onClose={close} />;
  if (dialog.kind === 'void') return <VoidDialog contact={c} onClose={close} />;
  return <HistoryDialog contact={c} onClose={close} />;
}

function CorrectDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const t = useT();
  const announce = useUi((s) => s.announce);
  const [d, setD] = useState<Draft>(() => draftFromContact(contact));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const upd = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const p = patientFromDraft(d);
    if (!p.ok) errs.patient = fieldText(p.code, t);
    if (reason.trim().length < 3) errs.revisionReason = t('reason.tooShort');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const orig = draftFromContact(contact);
    const patch: Partial<ContactFields> = {};
    if (p.ok && JSON.stringify(p.patient) !== JSON.stringify(contact.patient))
      patch.patient = p.patient;
    if (d.group !== orig.group) patch.group = d.group;
    if (d.caller !== orig.caller) patch.caller = d.caller === '' ? null : d.caller;
    if (d.reason !== orig.reason) patch.reason = d.reason;
    if (d.outcome !== orig.outcome) patch.outcome = d.outcome === '' ? null : d.outcome;
    if (d.transportGranted !== orig.transportGranted) patch.transportGranted = d.transportGranted;
    if (d.note !== orig.note) patch.note = d.note;
    setBusy(true);
    try {
      const updated = await api().call('contact.correct', {
        id: contact.id,
        patch,
        reason: reason.trim(),
      });
      useShift.getState().upsert(updated);
      announce(t('correct.done'));
      onClose();
    } catch (err) {
      const fe = fieldErrors(err, t);
      if (fe.reason && !patch.reason) {
        fe.revisionReason = fe.reason;
        delete fe.reason;
      }
      setErrors({ ...fe, _: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('correct.title', { time: hhmm(contact.answeredAt) })} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="dialog-form">
        {errors._ && (
          <p className="error-banner" role="alert">
            {errors._}
          </p>
        )}
        {d.patientType === 'cpr' ? (
          <Field id="cor-cpr" label={t('call.cpr')} hint={t('call.cprHint')} error={errors.patient}>
            {(aria) => (
              <input
                {...aria}
                type="text"
                className="input-cpr"
                maxLength={11}
                value={d.cprText}
                onChange={(e) => upd('cprText', e.target.value)}
              />
            )}
          </Field>
        ) : (
          <p>
            {t('call.patient')}: {patientLabel(contact, t)}
          </p>
        )}
        <div className="row">
          <Field id="cor-group" label={t('call.group')} error={errors.group}>
            {(aria) => (
              <select
                {...aria}
                value={d.group}
                onChange={(e) => upd('group', Number(e.target.value) as 1 | 2)}
              >
                <option value={1}>{t('call.group1')}</option>
                <option value={2}>{t('call.group2')}</option>
              </select>
            )}
          </Field>
          <Field id="cor-caller" label={t('call.caller')} error={errors.caller}>
            {(aria) => (
              <select
                {...aria}
                value={d.caller}
                onChange={(e) => upd('caller', e.target.value as Caller | '')}
              >
                <CallerOptions />
              </select>
            )}
          </Field>
        </div>
        <Field id="cor-reason-field" label={t('call.reason')} error={errors.reason}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              value={d.reason}
              onChange={(e) => upd('reason', e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <Field id="cor-outcome" label={t('call.outcome')} error={errors.outcome}>
            {(aria) => (
              <select
                {...aria}
                value={d.outcome}
                onChange={(e) => {
                  const v = e.target.value as Outcome | '';
                  setD((x) => ({
                    ...x,
                    outcome: v,
                    transportGranted: v === 'konsultation' ? x.transportGranted : false,
                  }));
                }}
              >
                <OutcomeOptions />
              </select>
            )}
          </Field>
          {d.outcome === 'konsultation' && (
            <div className="field checkbox">
              <label className="choice-inline" htmlFor="cor-transport">
                <input
                  id="cor-transport"
                  type="checkbox"
                  checked={d.transportGranted}
                  onChange={(e) => upd('transportGranted', e.target.checked)}
                />
                {t('call.transport')}
              </label>
            </div>
          )}
        </div>
        <Field id="cor-note" label={t('call.note')} error={errors.note}>
          {(aria) => (
            <textarea
              {...aria}
              rows={3}
              value={d.note}
              onChange={(e) => upd('note', e.target.value)}
            />
          )}
        </Field>
        <Field id="cor-why" label={t('correct.reason')} error={errors.revisionReason}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              value={reason}
              required
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('correct.submit')}
          </button>
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function VoidDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const t = useT();
  const announce = useUi((s) => s.announce);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError(t('reason.tooShort'));
      return;
    }
    setBusy(true);
    try {
      const updated = await api().call('contact.void', { id: contact.id, reason: reason.trim() });
      useShift.getState().upsert(updated);
      announce(t('void.done'));
      onClose();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('void.title', { time: hhmm(contact.answeredAt) })} onClose={onClose}>
      <form onSubmit={submit} noValidate className="dialog-form">
        <p>{t('void.intro')}</p>
        <Field id="void-why" label={t('void.reason')} error={error ?? undefined}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              value={reason}
              required
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {t('void.submit')}
          </button>
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function HistoryDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const roster = useSession((s) => s.roster);
  const [revs, setRevs] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api()
      .call('contact.history', { id: contact.id })
      .then(setRevs, (err: unknown) => setError(errorText(err, t)));
  }, [contact.id]); // re-fetch only for another contact
  return (
    <Dialog
      title={`${t('history.title')} – ${t('list.rowLabel', { time: hhmm(contact.answeredAt) })}`}
      onClose={onClose}
      wide
    >
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {revs && (
        <div className="table-wrap">
          <table data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">{t('history.rev')}</th>
                <th scope="col">{t('history.action')}</th>
                <th scope="col">{t('history.by')}</th>
                <th scope="col">{t('history.at')}</th>
                <th scope="col">{t('history.reason')}</th>
                <th scope="col">{t('history.content')}</th>
              </tr>
            </thead>
            <tbody>
              {revs.map((r) => (
                <tr key={r.rev}>
                  <td>{r.rev}</td>
                  <td>{t(`history.action.${r.action}` as MessageKey)}</td>
                  <td>{r.byName || roster.find((d) => d.id === r.by)?.name || r.by}</td>
                  <td>{dateTime(r.at, lang)}</td>
                  <td>{r.reason ?? ''}</td>
                  <td>
                    {patientLabel(r.contact, t)} ·{' '}
                    {r.contact.outcome
                      ? t(`outcome.${r.contact.outcome}` as MessageKey)
                      : t('outcome.none')}{' '}
                    · {formatKr(r.contact.lines.reduce((s, l) => s + l.amountOre, 0))}
                    {r.contact.note && <div className="muted small">{r.contact.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
