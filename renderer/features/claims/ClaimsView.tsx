// Claims (docs/rules.md §6): a doctor's own claims, or any doctor's for a supervisor. Choose the open
// shift, a past shift (shift.list) or a date range → preview (claim.preview, marks nothing) → export as CSV, JSON or PDF
// (claim.export marks the lines, R-CLAIM-3) → the past claims with re-print (claim.reprint).
// Which claim it is (R-CLAIM-5): local on a workstation never linked to a server; on a linked one
// the server makes and marks it, and when the server cannot be reached the export is an offline
// statement "foreløbig – ikke afregnet" that marks nothing. The screen says which, in Danish.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { errorText, useT, type MessageKey, type T } from '../../i18n';
import { HostError } from '../../../shared/contract/errors';
import { useSession } from '../../stores/session';
import { useShift } from '../../stores/shift';
import { useStatus } from '../../stores/status';
import { useUi } from '../../stores/ui';
import { dateTime, hhmm, local } from '../../lib/format';
import { formatKr } from '../../../shared/money';
import type { Claim, ClaimFormat } from '../../../shared/claims/model';
import type { ClaimSource, ClaimSummary } from '../../../shared/contract/claims';
import type { ShiftSummary } from '../../../shared/contract/models';
import { downloadBase64 } from '../download';
import { DateRangeFields } from '../../components/DateRangeFields';
import { BackButton, ClaimLinesTable, danish } from '../load/LoadView';
import { lastNightDate } from '../load/model';

const FORMATS: ClaimFormat[] = ['csv', 'json', 'pdf'];

/** The host's notes that only repeat the price level or the continued fee (shown above them). */
function repeats(note: string, continued: boolean): boolean {
  return /april 2021-niveau/i.test(note) || (continued && /videreført/i.test(note));
}

/** "27.05.2025 18:00 – 28.05 08:00 · 12 kontakter · 1.234,56 kr." */
function shiftOption(s: ShiftSummary, t: T): string {
  return t('claims.shiftOption', {
    from: local(s.shift.openedAt).toFormat('dd.MM.yyyy HH:mm'),
    to: s.shift.closedAt ? local(s.shift.closedAt).toFormat('dd.MM HH:mm') : '…',
    n: s.contacts,
    fees: formatKr(s.feesOre),
  });
}

/** Claim errors say what the server did (details.claim), else the general text for the code. */
function claimErrorText(err: unknown, t: T): string {
  const code = err instanceof HostError ? err.details?.claim : undefined;
  return code ? t(`claims.error.${code}` as MessageKey) : errorText(err, t);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function ClaimsView() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const announce = useUi((s) => s.announce);
  const session = useSession((s) => s.session)!;
  const roster = useSession((s) => s.roster);
  const shift = useShift((s) => s.shift);
  const hostNow = useStatus((s) => s.hostNow);
  // Linked to a sync server: claims are made on the server (R-CLAIM-5).
  const linked = useStatus((s) => s.configured === true);
  const online = useStatus((s) => s.online);
  const mode = !linked ? 'local' : online === false ? 'offline' : 'region';
  const isSupervisor = session.doctor.roles.includes('supervisor');
  const [doctorId, setDoctorId] = useState(session.doctor.id);
  const ownShift = shift && doctorId === session.doctor.id ? shift : null;
  const [kind, setKind] = useState<'shift' | 'past' | 'range'>(ownShift ? 'shift' : 'range');
  // The chosen doctor's closed shifts (newest first), for a claim per past shift.
  const [pastShifts, setPastShifts] = useState<ShiftSummary[]>([]);
  const [pastId, setPastId] = useState('');
  const past = pastShifts.find((s) => s.shift.id === pastId) ?? null;
  const effectiveKind =
    kind === 'shift' && !ownShift ? 'range' : kind === 'past' && !past ? 'range' : kind;
  const [from, setFrom] = useState(() => lastNightDate(hostNow()));
  const [to, setTo] = useState(() => addDays(lastNightDate(hostNow()), 1));
  const [claim, setClaim] = useState<Claim | null>(null);
  const [history, setHistory] = useState<ClaimSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ source: ClaimSource; fileName: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const target = () =>
    effectiveKind === 'shift' && ownShift
      ? { shiftId: ownShift.id }
      : effectiveKind === 'past' && past
        ? { shiftId: past.shift.id }
        : { doctorId: isSupervisor ? doctorId : undefined, from, to };

  async function refreshShifts() {
    const list = await api().call('shift.list', { doctorId: isSupervisor ? doctorId : undefined });
    const closed = list.filter((s) => s.shift.closedAt !== null);
    setPastShifts(closed);
    setPastId((cur) =>
      closed.some((s) => s.shift.id === cur) ? cur : (closed[0]?.shift.id ?? ''),
    );
  }

  async function refreshHistory() {
    setHistory(await api().call('claim.list', { doctorId: isSupervisor ? doctorId : undefined }));
  }

  async function preview() {
    setBusy(true);
    setError(null);
    try {
      setClaim(await api().call('claim.preview', target()));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function exportAs(format: ClaimFormat) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const file = await api().call('claim.export', { ...target(), format });
      downloadBase64(file);
      setResult({ source: file.source, fileName: file.fileName });
      announce(
        file.source === 'offline'
          ? `${t('claims.result.offlineTitle')}. ${t('claims.result.offline', { file: file.fileName })}`
          : file.source === 'region'
            ? t('claims.result.region', { file: file.fileName })
            : t('claims.exported', { file: file.fileName }),
      );
      await refreshHistory();
    } catch (err) {
      setError(claimErrorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function reprint(c: ClaimSummary, format: ClaimFormat) {
    setError(null);
    try {
      const file = await api().call('claim.reprint', { claimId: c.claimId, format });
      downloadBase64(file);
      announce(t('claims.exported', { file: file.fileName }));
    } catch (err) {
      setError(claimErrorText(err, t));
    }
  }

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    setClaim(null);
    setResult(null);
    void refreshHistory().catch((err: unknown) => setError(errorText(err, t)));
    void refreshShifts().catch((err: unknown) => setError(errorText(err, t)));
  }, [doctorId]);

  const periodText = (p: ClaimSummary['period']) =>
    p.from === p.to ? danish(p.from) : `${danish(p.from)} – ${danish(p.to)}`;

  return (
    <section className="screen claims-view" aria-labelledby="claims-title">
      <div className="screen-head">
        <h1 id="claims-title" tabIndex={-1} ref={headingRef}>
          {t('claims.title')}
        </h1>
        <BackButton />
      </div>
      <p className={`claim-mode claim-mode-${mode}`} data-testid="claim-mode" data-mode={mode}>
        {t(`claims.mode.${mode}`)}
      </p>
      <form
        className="period-form"
        onSubmit={(e) => {
          e.preventDefault();
          void preview();
        }}
      >
        {isSupervisor && (
          <label>
            {t('claims.doctor')}
            <select value={doctorId} onChange={(e) => setDoctorId(e.target.value)}>
              {roster.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset>
          <legend>{t('claims.periodKind')}</legend>
          <label className="inline">
            <input
              type="radio"
              name="claim-kind"
              checked={effectiveKind === 'shift'}
              disabled={!ownShift}
              onChange={() => setKind('shift')}
            />
            {ownShift
              ? t('claims.currentShift', { time: hhmm(ownShift.openedAt) })
              : t('claims.noShift')}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="claim-kind"
              checked={effectiveKind === 'past'}
              disabled={pastShifts.length === 0}
              onChange={() => setKind('past')}
            />
            {pastShifts.length > 0 ? t('claims.pastShift') : t('claims.pastShiftNone')}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="claim-kind"
              checked={effectiveKind === 'range'}
              onChange={() => setKind('range')}
            />
            {t('claims.range')}
          </label>
        </fieldset>
        {effectiveKind === 'past' && (
          <label>
            {t('claims.shift')}
            <select value={pastId} onChange={(e) => setPastId(e.target.value)}>
              {pastShifts.map((s) => (
                <option key={s.shift.id} value={s.shift.id}>
                  {shiftOption(s, t)}
                </option>
              ))}
            </select>
          </label>
        )}
        {effectiveKind === 'range' && (
          <DateRangeFields
            from={from}
            to={to}
            fromLabel={t('claims.from')}
            toLabel={t('claims.to')}
            onFrom={setFrom}
            onTo={setTo}
          />
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('claims.preview')}
        </button>
      </form>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {result &&
        (result.source === 'offline' ? (
          <div
            className="error-banner claim-result claim-preliminary"
            role="alert"
            data-testid="claim-result"
            data-source="offline"
          >
            <strong>{t('claims.result.offlineTitle')}</strong>{' '}
            {t('claims.result.offline', { file: result.fileName })}
          </div>
        ) : (
          <p className="card claim-result" data-testid="claim-result" data-source={result.source}>
            {t(`claims.result.${result.source}`, { file: result.fileName })}
          </p>
        ))}
      {claim && (
        <section className="card claim-preview" aria-labelledby="claim-preview-title">
          <h2 id="claim-preview-title">
            {claim.doctor.name} ({claim.doctor.authId}) · {periodText(claim.period)}
          </h2>
          <p className="muted">{t(linked ? 'claims.draftLinked' : 'claims.draft')}</p>
          <ul className="claim-meta">
            <li>
              {t('claims.rules', {
                rules: claim.ruleSets.map((r) => `${r.name} [${r.id}]`).join(', ') || '–',
              })}
            </li>
            <li>{t('claims.priceLevel', { level: claim.priceLevel })}</li>
            {claim.continued && <li data-testid="claim-continued">{t('claims.continued')}</li>}
            {claim.notes
              .filter((n) => !repeats(n, claim.continued))
              .map((n) => (
                <li key={n}>{n}</li>
              ))}
            {claim.pending > 0 && <li>{t('claims.pending', { n: claim.pending })}</li>}
          </ul>
          <h3>{t('claims.lines')}</h3>
          {claim.lines.length === 0 ? (
            <p className="muted">{t('claims.noLines')}</p>
          ) : (
            <ClaimLinesTable lines={claim.lines} t={t} testId="claim-lines" />
          )}
          {claim.separate.length > 0 && (
            <>
              <h3>{t('claims.separate')}</h3>
              <ClaimLinesTable
                lines={claim.separate}
                t={t}
                testId="claim-separate"
                showReason
                label={t('claims.separate')}
              />
            </>
          )}
          <h3>{t('claims.totals')}</h3>
          <table className="data-table claim-totals" data-testid="claim-totals">
            <thead>
              <tr>
                <th scope="col">{t('claims.col.code')}</th>
                <th scope="col">{t('claims.col.band')}</th>
                <th scope="col">{t('claims.col.regional')}</th>
                <th scope="col" className="num">
                  {t('claims.col.count')}
                </th>
                <th scope="col" className="num">
                  {t('claims.col.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {claim.totals.byCode.map((x) => (
                <tr key={`${x.code}-${x.band}`}>
                  <th scope="row">{x.code}</th>
                  <td>{x.band}</td>
                  <td>{x.regionalCode ?? '–'}</td>
                  <td className="num">{x.count}</td>
                  <td className="num">{formatKr(x.amountOre)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('claims.grandTotal')}
                </th>
                <td className="num grand-total" data-testid="claim-grand-total">
                  {claim.totals.grandTotal}
                </td>
              </tr>
            </tfoot>
          </table>
          <div className="export-bar" role="group" aria-labelledby="export-label">
            <span id="export-label" className="export-label">
              {t('claims.export')}:
            </span>
            {FORMATS.map((f) => (
              <button
                key={f}
                type="button"
                className="btn"
                disabled={busy}
                aria-label={t('claims.exportAs', { format: f.toUpperCase() })}
                onClick={() => void exportAs(f)}
              >
                {f.toUpperCase()}
              </button>
            ))}
          </div>
          <p className="muted">{t('claims.exportNote')}</p>
        </section>
      )}
      <section aria-labelledby="claim-history-title" className="claim-history">
        <h2 id="claim-history-title">{t('claims.history')}</h2>
        {history.length === 0 ? (
          <p className="muted">{t('claims.historyEmpty')}</p>
        ) : (
          <table className="data-table" data-testid="claim-history">
            <thead>
              <tr>
                <th scope="col">{t('claims.col.created')}</th>
                {isSupervisor && <th scope="col">{t('claims.doctor')}</th>}
                <th scope="col">{t('claims.col.period')}</th>
                <th scope="col">{t('claims.col.source')}</th>
                <th scope="col" className="num">
                  {t('claims.col.lines')}
                </th>
                <th scope="col" className="num">
                  {t('claims.col.total')}
                </th>
                <th scope="col">{t('claims.col.reprint')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((c) => (
                <tr key={c.claimId}>
                  <th scope="row">{dateTime(c.createdAt, lang)}</th>
                  {isSupervisor && <td>{c.doctorName}</td>}
                  <td>{periodText(c.period)}</td>
                  <td>{t(`claims.source.${c.source}`)}</td>
                  <td className="num">
                    {c.lines}
                    {c.separate > 0 && ` + ${c.separate}`}
                  </td>
                  <td className="num">{formatKr(c.grandTotalOre)}</td>
                  <td className="actions">
                    {FORMATS.map((f) => (
                      <button
                        key={f}
                        type="button"
                        className="btn btn-small"
                        aria-label={t('claims.reprintAs', {
                          period: periodText(c.period),
                          format: f.toUpperCase(),
                        })}
                        onClick={() => void reprint(c, f)}
                      >
                        {f.toUpperCase()}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
