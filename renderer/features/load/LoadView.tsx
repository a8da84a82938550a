// Load view (R-LOAD-1, R-LOAD-2; supervisors only): a night or a date range, per doctor and per
// clock hour. Heat map doctor × hour (number, colour and a "høj"/"meget høj" marker), sortable
// totals, drill-down to one doctor, CSV of the totals. The DOM is one cell per doctor-hour.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api';
import { errorText, useT, type MessageKey, type T } from '../../i18n';
import { useStatus } from '../../stores/status';
import { useUi } from '../../stores/ui';
import { duration, dateTime, hhmm, local } from '../../lib/format';
import { formatKr } from '../../../shared/money';
import type { LoadReport, ShiftSummary } from '../../../shared/contract/models';
import type { Claim, ClaimLine } from '../../../shared/claims/model';
import { downloadBlob } from '../download';
import { DateRangeFields } from '../../components/DateRangeFields';
import { DateInput } from '../../components/DateInput';
import { PhoneShare } from './PhoneShare';
import { AuditList } from '../audit/AuditList';
import {
  csvFileName,
  grandTotals,
  heatMatrix,
  lastNightDate,
  level,
  localDate,
  localMinuteKey,
  nightPeriod,
  rangePeriod,
  sortRows,
  totalsCsv,
  totalsRows,
  type HeatMatrix,
  type Sort,
  type SortKey,
  type TotalsRow,
} from './model';

type Mode = 'night' | 'range';

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function LoadView() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const hostNow = useStatus((s) => s.hostNow);
  const [mode, setMode] = useState<Mode>('night');
  const [night, setNight] = useState(() => lastNightDate(hostNow()));
  const [from, setFrom] = useState(() => addDays(lastNightDate(hostNow()), -6));
  const [to, setTo] = useState(() => lastNightDate(hostNow()));
  const [report, setReport] = useState<LoadReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<string | null>(null);
  const started = useRef(0);
  const timing = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function load() {
    const period = mode === 'night' ? nightPeriod(night) : rangePeriod(from, to);
    setLoading(true);
    setError(null);
    started.current = performance.now();
    try {
      const r = await api().call('load.local', period);
      setDrill(null);
      setReport(r);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    headingRef.current?.focus();
    void load();
  }, []); // first report on entry

  // Request → committed DOM, measured (bench/renderer.ts reads data-render-ms).
  useLayoutEffect(() => {
    if (!report || !timing.current) return;
    const ms = Math.round(performance.now() - started.current);
    timing.current.dataset.renderMs = String(ms);
    timing.current.textContent = t('load.renderMs', { ms });
  }, [report]);

  const matrix = useMemo(() => (report ? heatMatrix(report) : null), [report]);
  const rows = useMemo(
    () => (report && matrix ? totalsRows(report, matrix) : []),
    [report, matrix],
  );
  const drillRow = drill ? (report?.doctors.find((d) => d.doctorId === drill) ?? null) : null;

  return (
    <section className="screen load-view" aria-labelledby="load-title">
      <div className="screen-head">
        <h1 id="load-title" tabIndex={-1} ref={headingRef}>
          {t('load.title')}
        </h1>
        <BackButton />
      </div>
      <form
        className="period-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <fieldset>
          <legend>{t('load.period')}</legend>
          <label className="inline">
            <input
              type="radio"
              name="load-mode"
              checked={mode === 'night'}
              onChange={() => setMode('night')}
            />
            {t('load.night')}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="load-mode"
              checked={mode === 'range'}
              onChange={() => setMode('range')}
            />
            {t('load.range')}
          </label>
        </fieldset>
        {mode === 'night' ? (
          <label>
            {t('load.nightOf')}
            <DateInput value={night} required onChange={setNight} />
          </label>
        ) : (
          <DateRangeFields
            from={from}
            to={to}
            fromLabel={t('load.from')}
            toLabel={t('load.to')}
            onFrom={setFrom}
            onTo={setTo}
          />
        )}
        <button type="submit" className="btn btn-primary" disabled={loading}>
          {t('load.show')}
        </button>
      </form>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {loading && !report && <p className="muted">{t('load.loading')}</p>}
      {report && matrix && (
        <>
          <div className="load-meta" data-testid="load-source">
            <p className="source">
              <strong>
                {report.source === 'server'
                  ? t('load.sourceServer', { time: dateTime(report.asOf, lang) })
                  : t('load.sourceLocal', { time: dateTime(report.asOf, lang) })}
              </strong>{' '}
              {t('load.periodLabel', {
                from: dateTime(report.from, lang),
                to: dateTime(report.to, lang),
              })}
            </p>
            <p className="muted">
              {t('load.thresholds', report.thresholds)}{' '}
              <span ref={timing} data-testid="load-render-ms" />
            </p>
          </div>
          {report.doctors.length === 0 ? (
            <p className="muted">{t('load.empty')}</p>
          ) : (
            <>
              <HeatMap matrix={matrix} thresholds={report.thresholds} t={t} onDrill={setDrill} />
              <TotalsTable rows={rows} report={report} t={t} onDrill={setDrill} />
            </>
          )}
          <PhoneShare from={report.from} to={report.to} />
          <AuditList
            from={localDate(Date.parse(report.from))}
            to={localDate(Date.parse(report.to) - 1)}
          />
          {drillRow && (
            <DoctorDetail
              key={drillRow.doctorId}
              doctor={drillRow}
              report={report}
              t={t}
              onClose={() => setDrill(null)}
            />
          )}
        </>
      )}
    </section>
  );
}

export function BackButton() {
  const t = useT();
  const setScreen = useUi((s) => s.setScreen);
  return (
    <button type="button" className="btn" onClick={() => setScreen('console')}>
      {t('nav.back')}
    </button>
  );
}

function Marker({ lvl, t }: { lvl: 0 | 1 | 2; t: T }) {
  if (lvl === 0) return null;
  return (
    <span className="heat-mark" title={lvl === 2 ? t('load.veryHigh') : t('load.high')}>
      <span aria-hidden="true">{lvl === 2 ? '▲▲' : '▲'}</span>
      <span className="visually-hidden">{lvl === 2 ? t('load.veryHigh') : t('load.high')}</span>
    </span>
  );
}

const HeatMap = memo(function HeatMap({
  matrix,
  thresholds,
  t,
  onDrill,
}: {
  matrix: HeatMatrix;
  thresholds: { amber: number; red: number };
  t: T;
  onDrill(id: string): void;
}) {
  const pad = (h: number) => String(h).padStart(2, '0');
  return (
    // Not a named landmark itself: its scroll region below carries the title (landmark-unique).
    <section className="heat-section">
      <h2 id="heat-title">{t('load.heatTitle')}</h2>
      <p className="muted" id="heat-caption">
        {matrix.mode === 'hourly' ? t('load.heatCaption') : t('load.heatCaptionPeak')}
      </p>
      <p className="heat-legend" aria-label={t('load.legend')}>
        <span className="heat heat-0">{t('load.legendNormal', thresholds)}</span>
        <span className="heat heat-1">
          ≥ {thresholds.amber} <span aria-hidden="true">▲</span> {t('load.high')}
        </span>
        <span className="heat heat-2">
          ≥ {thresholds.red} <span aria-hidden="true">▲▲</span> {t('load.veryHigh')}
        </span>
      </p>
      {/* A scrolling region must be reachable by keyboard (axe scrollable-region-focusable). */}
      <div
        className="heat-scroll"
        tabIndex={0}
        role="region"
        aria-labelledby="heat-title"
        data-testid="heatmap"
      >
        <table className="heat-table" aria-describedby="heat-caption">
          <thead>
            <tr>
              <th scope="col">{t('load.doctor')}</th>
              {matrix.columns.map((c) => (
                <th
                  scope="col"
                  key={c.key}
                  title={c.ms !== null ? local(c.ms).toFormat('dd.MM HH:mm') : undefined}
                >
                  {pad(c.hour)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r) => (
              <tr key={r.doctorId}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onDrill(r.doctorId)}
                    aria-label={t('load.drill', { name: r.name })}
                  >
                    {r.name}
                  </button>
                </th>
                {r.values.map((v, i) => {
                  const lvl = level(v, thresholds);
                  return (
                    <td key={i} className={`heat heat-${v === 0 ? 'none' : lvl}`}>
                      {v}
                      <Marker lvl={lvl} t={t} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

const COLUMNS: Array<{ key: SortKey; label: MessageKey; num: boolean }> = [
  { key: 'name', label: 'load.doctor', num: false },
  { key: 'contacts', label: 'load.col.contacts', num: true },
  { key: 'A', label: 'load.col.A', num: true },
  { key: 'B', label: 'load.col.B', num: true },
  { key: 'C', label: 'load.col.C', num: true },
  { key: 'DAY', label: 'load.col.DAY', num: true },
  { key: 'talk', label: 'load.col.talk', num: true },
  { key: 'video', label: 'load.col.video', num: true },
  { key: 'transport', label: 'load.col.transport', num: true },
  { key: 'mean', label: 'load.col.mean', num: true },
  { key: 'fees', label: 'load.col.fees', num: true },
  { key: 'peak', label: 'load.col.peak', num: true },
];

function cells(r: TotalsRow | { totals: TotalsRow['totals']; peak: number | null }, t: T) {
  const x = r.totals;
  return (
    <>
      <td className="num">{x.contacts}</td>
      <td className="num">{x.byBand.A}</td>
      <td className="num">{x.byBand.B}</td>
      <td className="num">{x.byBand.C}</td>
      <td className="num">{x.byBand.DAY}</td>
      <td className="num">{duration(x.talkSeconds * 1000, t)}</td>
      <td className="num">{t('load.videoOf', { n: x.videoEscalations, c: x.videoConnected })}</td>
      <td className="num">{x.transportGranted}</td>
      <td className="num">{duration(x.meanHandlingSeconds * 1000, t)}</td>
      <td className="num">{formatKr(x.feesOre)}</td>
      <td className="num">{r.peak ?? ''}</td>
    </>
  );
}

const TotalsTable = memo(function TotalsTable({
  rows,
  report,
  t,
  onDrill,
}: {
  rows: TotalsRow[];
  report: { from: string; to: string };
  t: T;
  onDrill(id: string): void;
}) {
  const announce = useUi((s) => s.announce);
  const [sort, setSort] = useState<Sort>({ key: 'contacts', dir: 'desc' });
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const grand = useMemo(() => grandTotals(rows), [rows]);

  function exportCsv() {
    const csv = totalsCsv(sorted, {
      doctor: t('load.doctor'),
      contacts: t('load.col.contacts'),
      A: t('load.col.A'),
      B: t('load.col.B'),
      C: t('load.col.C'),
      DAY: t('load.col.DAY'),
      talkMin: `${t('load.col.talk')} (min)`,
      video: t('load.col.video'),
      videoConnected: t('load.col.video').replace(/\s*\(.*\)/, '') + ' ✓',
      transport: t('load.col.transport'),
      meanMin: `${t('load.col.mean')} (min)`,
      fees: `${t('load.col.fees')} (kr.)`,
      peak: t('load.col.peak'),
      total: t('load.total'),
    });
    const file = csvFileName(report);
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), file);
    announce(t('load.exported', { file }));
  }

  return (
    // Not a named landmark itself: its scroll region below carries the title (landmark-unique).
    <section className="totals-section">
      <div className="section-head">
        <h2 id="totals-title">{t('load.tableTitle')}</h2>
        <button type="button" className="btn" onClick={exportCsv}>
          {t('load.export')}
        </button>
      </div>
      <p className="muted" id="totals-hint">
        {t('load.sortHint')}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="totals-title">
        <table className="data-table" data-testid="load-totals" aria-describedby="totals-hint">
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.num ? 'num' : undefined}
                    aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        setSort(
                          active
                            ? { key: c.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' }
                            : { key: c.key, dir: c.num ? 'desc' : 'asc' },
                        )
                      }
                    >
                      {t(c.label)}
                      <span aria-hidden="true" className="sort-arrow">
                        {active ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ' ↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.doctorId}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onDrill(r.doctorId)}>
                    {r.name}
                  </button>
                </th>
                {cells(r, t)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('load.total')}</th>
              {cells({ totals: grand, peak: null }, t)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
});

function DoctorDetail({
  doctor,
  report,
  t,
  onClose,
}: {
  doctor: LoadReport['doctors'][number];
  report: LoadReport;
  t: T;
  onClose(): void;
}) {
  const headRef = useRef<HTMLHeadingElement>(null);
  const [lines, setLines] = useState<ClaimLine[] | null>(null);
  const [shifts, setShifts] = useState<ShiftSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hours = useMemo(
    () => doctor.hours.filter((h) => h.contacts > 0 || h.talkSeconds > 0),
    [doctor],
  );

  useEffect(() => {
    headRef.current?.focus();
    const fromMs = Date.parse(report.from);
    const toMs = Date.parse(report.to);
    const lo = localMinuteKey(fromMs);
    const hi = localMinuteKey(toMs);
    api()
      .call('claim.preview', {
        doctorId: doctor.doctorId,
        from: localDate(fromMs),
        to: localDate(toMs - 1),
        // The drill-down shows the period as it stands, claimed contacts included.
        includeClaimed: true,
      })
      .then((c: Claim) => {
        const inPeriod = (l: ClaimLine) => {
          const k = `${l.date}T${l.time}`;
          return k >= lo && k < hi;
        };
        setLines([...c.lines, ...c.separate].filter(inPeriod).sort(byTime));
      })
      .catch((err: unknown) => setError(errorText(err, t)));
    // R-LOAD-1 per shift: the doctor's shifts that overlap the period, with their figures.
    api()
      .call('shift.list', { doctorId: doctor.doctorId, from: report.from, to: report.to })
      .then(setShifts)
      .catch((err: unknown) => setError(errorText(err, t)));
  }, [doctor.doctorId, report]);

  return (
    <section className="drill card" aria-labelledby="drill-title" data-testid="drill">
      <div className="section-head">
        <h2 id="drill-title" tabIndex={-1} ref={headRef}>
          {t('load.drillTitle', { name: doctor.name })}
        </h2>
        <button type="button" className="btn" onClick={onClose}>
          {t('load.drillClose')}
        </button>
      </div>
      <h3>{t('load.drillHours')}</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('load.drillHours')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('load.hour')}</th>
              <th scope="col" className="num">
                {t('load.col.contacts')}
              </th>
              <th scope="col">{t('claims.col.band')}</th>
              <th scope="col" className="num">
                {t('load.col.talk')}
              </th>
              <th scope="col" className="num">
                {t('load.col.video')}
              </th>
              <th scope="col" className="num">
                {t('load.col.transport')}
              </th>
              <th scope="col" className="num">
                {t('load.col.mean')}
              </th>
              <th scope="col" className="num">
                {t('load.col.fees')}
              </th>
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.hour}>
                <th scope="row">
                  {local(h.hour).toFormat('dd.MM')} {hhmm(h.hour)}–
                  {hhmm(Date.parse(h.hour) + 3_600_000)}
                </th>
                <td className="num">{h.contacts}</td>
                <td>
                  {(['A', 'B', 'C', 'DAY'] as const)
                    .filter((b) => h.byBand[b] > 0)
                    .map((b) => `${b === 'DAY' ? t('load.col.DAY') : b}: ${h.byBand[b]}`)
                    .join(', ')}
                </td>
                <td className="num">{duration(h.talkSeconds * 1000, t)}</td>
                <td className="num">
                  {t('load.videoOf', { n: h.videoEscalations, c: h.videoConnected })}
                </td>
                <td className="num">{h.transportGranted}</td>
                <td className="num">{duration(h.meanHandlingSeconds * 1000, t)}</td>
                <td className="num">{formatKr(h.feesOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="drill-shifts-title">{t('load.drillShifts')}</h3>
      <p className="muted">{t('load.drillShiftsNote')}</p>
      {shifts && shifts.length === 0 && <p className="muted">{t('load.drillShiftsNone')}</p>}
      {shifts && shifts.length > 0 && <ShiftsTable shifts={shifts} t={t} />}
      <h3>{t('load.drillContacts')}</h3>
      <p className="muted">{t('load.drillContactsNote')}</p>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {lines && lines.length === 0 && <p className="muted">{t('load.drillNone')}</p>}
      {lines && lines.length > 0 && (
        <ClaimLinesTable
          lines={lines}
          t={t}
          testId="drill-contacts"
          showReason
          label={t('load.drillContacts')}
        />
      )}
    </section>
  );
}

/** "27.05 18:00" */
function dayTime(iso: string): string {
  return `${local(iso).toFormat('dd.MM')} ${hhmm(iso)}`;
}

function ShiftsTable({ shifts, t }: { shifts: ShiftSummary[]; t: T }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="drill-shifts-title">
      <table className="data-table" data-testid="drill-shifts">
        <thead>
          <tr>
            <th scope="col">{t('load.col.opened')}</th>
            <th scope="col">{t('load.col.closed')}</th>
            <th scope="col" className="num">
              {t('load.col.contacts')}
            </th>
            <th scope="col">{t('claims.col.band')}</th>
            <th scope="col" className="num">
              {t('load.col.video')}
            </th>
            <th scope="col" className="num">
              {t('load.col.fees')}
            </th>
          </tr>
        </thead>
        <tbody>
          {shifts.map((s) => (
            <tr key={s.shift.id}>
              <th scope="row">{dayTime(s.shift.openedAt)}</th>
              <td>{s.shift.closedAt ? dayTime(s.shift.closedAt) : t('load.shiftOpen')}</td>
              <td className="num">{s.contacts}</td>
              <td>
                {(['A', 'B', 'C', 'DAY'] as const)
                  .filter((b) => s.byBand[b] > 0)
                  .map((b) => `${b === 'DAY' ? t('load.col.DAY') : b}: ${s.byBand[b]}`)
                  .join(', ')}
              </td>
              <td className="num">
                {t('load.videoOf', { n: s.videoEscalations, c: s.videoConnected })}
              </td>
              <td className="num">{formatKr(s.feesOre)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function byTime(a: ClaimLine, b: ClaimLine): number {
  const ka = `${a.date}T${a.time}`;
  const kb = `${b.date}T${b.time}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Claim lines as a table (used by the drill-down and the claims screen). */
export function ClaimLinesTable({
  lines,
  t,
  testId,
  showReason = false,
  label,
}: {
  lines: ClaimLine[];
  t: T;
  testId?: string;
  showReason?: boolean;
  /** The scroll region's name; two tables on one screen need different ones (landmark-unique). */
  label?: string;
}) {
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-label={label ?? t('claims.lines')}
    >
      <table className="data-table claim-lines" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('claims.col.entry')}</th>
            <th scope="col">{t('claims.col.date')}</th>
            <th scope="col">{t('claims.col.time')}</th>
            <th scope="col">{t('claims.col.band')}</th>
            <th scope="col">{t('claims.col.part')}</th>
            <th scope="col">{t('claims.col.code')}</th>
            <th scope="col">{t('claims.col.regional')}</th>
            <th scope="col">{t('claims.col.patient')}</th>
            <th scope="col" className="num">
              {t('claims.col.group')}
            </th>
            <th scope="col" className="num">
              {t('claims.col.unit')}
            </th>
            <th scope="col" className="num">
              {t('claims.col.count')}
            </th>
            <th scope="col" className="num">
              {t('claims.col.amount')}
            </th>
            {showReason && <th scope="col">{t('claims.col.reason')}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={`${l.contactId}-${l.part}-${l.entry}-${i}`} className={`entry-${l.entry}`}>
              <td>{t(`claims.entry.${l.entry}`)}</td>
              <td>{danish(l.date)}</td>
              <td>{l.time}</td>
              <td>{l.band === 'DAY' ? t('load.col.DAY') : l.band}</td>
              <td>{t(`claims.part.${l.part}`)}</td>
              <td>{l.code ?? '–'}</td>
              <td>{l.regionalCode ?? '–'}</td>
              <td>{l.patientId || '–'}</td>
              <td className="num">{l.group}</td>
              <td className="num">{formatKr(l.unitOre)}</td>
              <td className="num">{l.count}</td>
              <td className="num">{formatKr(l.amountOre)}</td>
              {showReason && <td>{l.reason ? t(`claims.reason.${l.reason}`) : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "2025-05-28" → "28.05.2025" */
export function danish(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
