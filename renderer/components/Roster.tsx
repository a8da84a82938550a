import { useState, type FormEvent } from 'react';
import { useT, errorText, fieldErrors, type MessageKey } from '../i18n';
import { useSession } from '../stores/session';
import { useUi } from '../stores/ui';
import { api } from '../api';
import type { Doctor, Role } from '../../shared/contract/models';
import { TextField } from './Setup';
import { Dialog } from './Dialog';

const ROLES: Role[] = ['doctor', 'coordinator', 'supervisor'];
const PIN_RE = /^\d{4,8}$/;

function RolePicker({
  idPrefix,
  roles,
  onChange,
  error,
}: {
  idPrefix: string;
  roles: Role[];
  onChange(r: Role[]): void;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <fieldset className={`group compact${error ? ' field-error' : ''}`}>
      <legend>{t('roster.roles')}</legend>
      {ROLES.map((r) => (
        <label key={r} className="choice-inline" htmlFor={`${idPrefix}-${r}`}>
          <input
            id={`${idPrefix}-${r}`}
            type="checkbox"
            checked={roles.includes(r)}
            onChange={(e) =>
              onChange(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))
            }
          />
          {t(`role.${r}` as MessageKey)}
        </label>
      ))}
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

export function Roster() {
  const t = useT();
  const roster = useSession((s) => s.roster);
  const refresh = useSession((s) => s.refreshRoster);
  const announce = useUi((s) => s.announce);
  const [name, setName] = useState('');
  const [authId, setAuthId] = useState('');
  const [pin, setPin] = useState('');
  const [roles, setRoles] = useState<Role[]>(['doctor']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<Doctor | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('field.required');
    if (!authId.trim()) errs.authId = t('field.required');
    if (!PIN_RE.test(pin)) errs.pin = t('field.PIN_FORMAT');
    if (roles.length === 0) errs.roles = t('roster.rolesRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      const d = await api().call('roster.add', {
        name: name.trim(),
        authId: authId.trim(),
        pin,
        roles,
      });
      announce(t('roster.added', { name: d.name }));
      setName('');
      setAuthId('');
      setPin('');
      setRoles(['doctor']);
      await refresh();
    } catch (err) {
      setErrors({ ...fieldErrors(err, t), _: errorText(err, t) });
    }
  }

  async function toggleActive(d: Doctor) {
    setRowError(null);
    try {
      await api().call('roster.update', { id: d.id, active: !d.active });
      announce(t('roster.saved'));
      await refresh();
    } catch (err) {
      setRowError(errorText(err, t));
    }
  }

  return (
    <section className="screen roster" aria-labelledby="roster-title">
      <h1 id="roster-title">{t('roster.title')}</h1>
      {rowError && (
        <p className="error-banner" role="alert">
          {rowError}
        </p>
      )}
      <div className="table-wrap panel">
        <table data-testid="roster-table">
          <thead>
            <tr>
              <th scope="col">{t('roster.name')}</th>
              <th scope="col">{t('roster.authId')}</th>
              <th scope="col">{t('roster.roles')}</th>
              <th scope="col">{t('roster.status')}</th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((d) => (
              <tr key={d.id} className={d.active ? '' : 'row-inactive'}>
                <td>{d.name}</td>
                <td className="mono">{d.authId}</td>
                <td>{d.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</td>
                <td>{d.active ? t('roster.active') : t('roster.inactive')}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`${t('roster.edit')} ${d.name}`}
                    onClick={() => setEditing(d)}
                  >
                    {t('roster.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`${d.active ? t('roster.deactivate') : t('roster.activate')} ${d.name}`}
                    onClick={() => void toggleActive(d)}
                  >
                    {d.active ? t('roster.deactivate') : t('roster.activate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form className="card" onSubmit={add} noValidate aria-labelledby="roster-add-title">
        <h2 id="roster-add-title">{t('roster.add')}</h2>
        {errors._ && (
          <p className="error-banner" role="alert">
            {errors._}
          </p>
        )}
        <div className="row">
          <TextField
            id="r-name"
            label={t('roster.name')}
            value={name}
            onChange={setName}
            error={errors.name}
          />
          <TextField
            id="r-auth"
            label={t('roster.authId')}
            value={authId}
            onChange={setAuthId}
            error={errors.authId}
          />
          <TextField
            id="r-pin"
            label={t('roster.pin')}
            value={pin}
            onChange={setPin}
            error={errors.pin}
            type="password"
            inputMode="numeric"
          />
        </div>
        <RolePicker idPrefix="r-role" roles={roles} onChange={setRoles} error={errors.roles} />
        <button type="submit" className="btn btn-primary">
          {t('roster.add')}
        </button>
      </form>
      {editing && <EditDoctor doctor={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function EditDoctor({ doctor, onClose }: { doctor: Doctor; onClose(): void }) {
  const t = useT();
  const refresh = useSession((s) => s.refreshRoster);
  const announce = useUi((s) => s.announce);
  const [name, setName] = useState(doctor.name);
  const [authId, setAuthId] = useState(doctor.authId);
  const [pin, setPin] = useState('');
  const [roles, setRoles] = useState<Role[]>(doctor.roles);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('field.required');
    if (!authId.trim()) errs.authId = t('field.required');
    if (pin && !PIN_RE.test(pin)) errs.pin = t('field.PIN_FORMAT');
    if (roles.length === 0) errs.roles = t('roster.rolesRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      await api().call('roster.update', {
        id: doctor.id,
        name: name.trim(),
        authId: authId.trim(),
        roles,
        ...(pin ? { pin } : {}),
      });
      announce(t('roster.saved'));
      await refresh();
      onClose();
    } catch (err) {
      setErrors({ ...fieldErrors(err, t), _: errorText(err, t) });
    }
  }

  return (
    <Dialog title={t('roster.editTitle', { name: doctor.name })} onClose={onClose}>
      <form onSubmit={save} noValidate className="dialog-form">
        {errors._ && (
          <p className="error-banner" role="alert">
            {errors._}
          </p>
        )}
        <TextField
          id="e-name"
          label={t('roster.name')}
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <TextField
          id="e-auth"
          label={t('roster.authId')}
          value={authId}
          onChange={setAuthId}
          error={errors.authId}
        />
        <TextField
          id="e-pin"
          label={t('roster.newPin')}
          value={pin}
          onChange={setPin}
          error={errors.pin}
          type="password"
          inputMode="numeric"
        />
        <RolePicker idPrefix="e-role" roles={roles} onChange={setRoles} error={errors.roles} />
        <div className="button-row">
          <button type="submit" className="btn btn-primary">
            {t('roster.save')}
          </button>
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
