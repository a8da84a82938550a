// The claims office's audit (R-AUDIT-1) in the supervisor's load view: the server's list for the
// period shown, when this is a linked supervisor device and the server answers. The findings'
// texts are the server's, in Danish (the claims office's language).
import { useEffect, useState } from 'react';
import type { RegionAuditReport } from '../../../shared/audit/schema';
import { api } from '../../api';
import { errorText, useT } from '../../i18n';
import { dateTime } from '../../lib/format';
import { useUi } from '../../stores/ui';

export function AuditList({ from, to }: { from: string; to: string }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const [audit, setAudit] = useState<RegionAuditReport | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setAudit(undefined);
    setError(null);
    api()
      .call('audit.region', { from, to })
      .then((r) => live && setAudit(r))
      .catch((err: unknown) => live && setError(errorText(err, t)));
    return () => {
      live = false;
    };
  }, [from, to, t]);

  return (
    <section className="panel" aria-labelledby="audit-title" data-testid="audit-list">
      <h2 id="audit-title">{t('audit.title')}</h2>
      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
      {audit === null && <p className="muted">{t('audit.unavailable')}</p>}
      {audit && !audit.claimsChecked && <p className="muted">{t('audit.claimsNotChecked')}</p>}
      {audit && audit.findings.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      {audit && audit.findings.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.doctor')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.code')}</th>
                <th scope="col">{t('audit.text')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.findings.map((f) => (
                <tr key={f.id}>
                  <td>{f.doctorName}</td>
                  <td>{dateTime(f.at, lang)}</td>
                  <td>{f.code}</td>
                  <td lang="da">{f.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
