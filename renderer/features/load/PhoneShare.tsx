// Load view: per doctor and night, the share of contacts whose answered instant came from the
// phone system and the median time from answer to the doctor's first save (R-PHONE-1).
import { useEffect, useState } from 'react';
import type { PhoneShareRow } from '../../../shared/contract/phone';
import { api } from '../../api';
import { errorText, useT } from '../../i18n';
import { calendarDate, duration } from '../../lib/format';
import { useUi } from '../../stores/ui';

export function PhoneShare({ from, to }: { from: string; to: string }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const [rows, setRows] = useState<PhoneShareRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api()
      .call('phone.share', { from, to })
      .then((r) => live && setRows(r))
      .catch((err: unknown) => live && setError(errorText(err, t)));
    return () => {
      live = false;
    };
  }, [from, to, t]);

  return (
    <section className="panel" aria-labelledby="phone-share-title" data-testid="phone-share">
      <h2 id="phone-share-title">{t('phone.share.title')}</h2>
      <p className="muted">{t('phone.share.hint')}</p>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('phone.share.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('phone.share.night')}</th>
                <th scope="col">{t('phone.share.doctor')}</th>
                <th scope="col" className="num">
                  {t('phone.share.contacts')}
                </th>
                <th scope="col" className="num">
                  {t('phone.share.phone')}
                </th>
                <th scope="col" className="num">
                  {t('phone.share.firstSave')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.doctorId}-${r.night}`}>
                  <td>{calendarDate(r.night, lang)}</td>
                  <td>{r.name}</td>
                  <td className="num">{r.contacts}</td>
                  <td className="num">
                    {r.phone} ({Math.round((100 * r.phone) / Math.max(1, r.contacts))} %)
                  </td>
                  <td className="num">
                    {r.medianFirstSaveSeconds === null
                      ? '–'
                      : duration(r.medianFirstSaveSeconds * 1000, t)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
