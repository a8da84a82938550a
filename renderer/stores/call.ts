// Call concern: the open contact, what the doctor has typed (the draft), and autosave.
// Never lose work: every change is kept locally (memory + localStorage) until the host has
// acknowledged it; a failed save keeps the typed value and shows the error beside the field.
import { create } from 'zustand';
import type { Contact, ContactFields, Outcome, Patient } from '../../shared/contract/models';
import { CALLERS } from '../../shared/contract/models';
import { parseCpr, formatCpr } from '../../shared/cpr';
import { api } from '../api';
import { fieldErrors, errorText, fieldText, t } from '../i18n';
import { hhmm } from '../lib/format';
import { useShift } from './shift';
import { useUi } from './ui';
import { HostError } from '../../shared/contract/errors';

export type Caller = (typeof CALLERS)[number];
export type FieldName = keyof ContactFields;

export interface Draft {
  patientType: 'cpr' | 'visitor';
  cprText: string;
  birthDate: string;
  country: string;
  letters: string;
  group: 1 | 2;
  caller: Caller | '';
  reason: string;
  outcome: Outcome | '';
  transportGranted: boolean;
  note: string;
}

export type DraftKey = keyof Draft;
export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

// Short enough that keypress → durable save → on screen stays under 100 ms (bench/renderer.ts),
// long enough to coalesce a burst of keystrokes into one write.
export const SAVE_DEBOUNCE_MS = 50;
const STORAGE_KEY = 'vagt.draft';

const draftToField: Record<DraftKey, FieldName> = {
  patientType: 'patient',
  cprText: 'patient',
  birthDate: 'patient',
  country: 'patient',
  letters: 'patient',
  group: 'group',
  caller: 'caller',
  reason: 'reason',
  outcome: 'outcome',
  transportGranted: 'transportGranted',
  note: 'note',
};

export function emptyDraft(): Draft {
  return {
    patientType: 'cpr',
    cprText: '',
    birthDate: '',
    country: '',
    letters: '',
    group: 1,
    caller: '',
    reason: '',
    outcome: '',
    transportGranted: false,
    note: '',
  };
}

export function draftFromContact(c: ContactFields): Draft {
  const d = emptyDraft();
  if (c.patient?.type === 'cpr') {
    d.patientType = 'cpr';
    d.cprText = formatCpr(c.patient.cpr);
  } else if (c.patient?.type === 'visitor') {
    d.patientType = 'visitor';
    d.birthDate = c.patient.birthDate;
    d.country = c.patient.country;
    d.letters = c.patient.letters;
  }
  d.group = c.group;
  d.caller = c.caller ?? '';
  d.reason = c.reason;
  d.outcome = c.outcome ?? '';
  d.transportGranted = c.transportGranted;
  d.note = c.note;
  return d;
}

/** Local check of the patient part of the draft: a savable Patient, null (empty), or an error code. */
export function patientFromDraft(
  d: Draft,
): { ok: true; patient: Patient | null } | { ok: false; code: string; incomplete: boolean } {
  if (d.patientType === 'cpr') {
    const text = d.cprText.trim();
    if (text === '') return { ok: true, patient: null };
    const r = parseCpr(text);
    if (r.ok) return { ok: true, patient: { type: 'cpr', cpr: r.cpr } };
    const digits = text.replace(/-/g, '');
    const incomplete = /^\d{0,9}$/.test(digits);
    return { ok: false, code: incomplete ? 'CPR_INCOMPLETE' : r.code, incomplete };
  }
  const { birthDate, country, letters } = d;
  if (!birthDate && !country && !letters) return { ok: true, patient: null };
  if (letters && !/^[A-ZÆØÅ]{1,4}$/.test(letters)) {
    return { ok: false, code: 'VISITOR_LETTERS', incomplete: false };
  }
  if (birthDate && !isValidIsoDate(birthDate)) {
    return { ok: false, code: 'VISITOR_DATE', incomplete: false };
  }
  if (!birthDate || !country || letters.length !== 4) {
    return { ok: false, code: 'VISITOR_INCOMPLETE', incomplete: true };
  }
  return { ok: true, patient: { type: 'visitor', birthDate, country, letters } };
}

function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function fieldValue(d: Draft, f: FieldName): unknown {
  switch (f) {
    case 'group':
      return d.group;
    case 'caller':
      return d.caller === '' ? null : d.caller;
    case 'reason':
      return d.reason;
    case 'outcome':
      return d.outcome === '' ? null : d.outcome;
    case 'transportGranted':
      return d.transportGranted;
    case 'note':
      return d.note;
    case 'patient':
      return undefined;
  }
}

interface Stored {
  contactId: string;
  draft: Draft;
  dirty: FieldName[];
}

function store(s: Stored | null) {
  try {
    if (s) localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage full or unavailable: memory still holds it */
  }
}

function readStored(): Stored | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

interface CallState {
  contact: Contact | null;
  draft: Draft;
  /** Fields changed locally and not yet acknowledged by the host, with a change counter. */
  dirty: Partial<Record<FieldName, number>>;
  /** Host-reported errors per field (Danish text). */
  errors: Partial<Record<FieldName | '_', string>>;
  saveState: SaveState;
  busy: boolean;
  load(): Promise<void>;
  start(kind: Contact['kind']): Promise<void>;
  set<K extends DraftKey>(key: K, value: Draft[K]): void;
  flush(): Promise<boolean>;
  /** Who takes the video part (R-CON-5): '' = the answering doctor, else a coordinator's id. */
  videoTo: string;
  setVideoTo(id: string): void;
  escalate(): Promise<void>;
  videoConnected(): Promise<void>;
  videoFailed(reason: string): Promise<void>;
  videoEnded(): Promise<void>;
  end(): Promise<boolean>;
  clear(): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
const RETRY_MS = 2000;
let inFlight: Promise<void> | null = null;
let changeSeq = 0;

export const useCall = create<CallState>((set, get) => {
  function persist() {
    const { contact, draft, dirty } = get();
    if (!contact) return;
    store({ contactId: contact.id, draft, dirty: Object.keys(dirty) as FieldName[] });
  }

  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (Object.keys(get().dirty).length > 0) void saveNow();
    }, RETRY_MS);
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void saveNow();
    }, SAVE_DEBOUNCE_MS);
  }

  async function saveNow(): Promise<void> {
    if (inFlight) {
      await inFlight;
    }
    const { contact, dirty, draft } = get();
    if (!contact || contact.status !== 'open') return;
    const fields = Object.keys(dirty) as FieldName[];
    if (fields.length === 0) {
      if (get().saveState !== 'error') set({ saveState: 'saved' });
      return;
    }
    const patch: Partial<ContactFields> = {};
    const sent: Partial<Record<FieldName, number>> = {};
    let localProblem = false;
    for (const f of fields) {
      if (f === 'patient') {
        const p = patientFromDraft(draft);
        if (!p.ok) {
          localProblem = true;
          continue;
        }
        patch.patient = p.patient;
      } else {
        (patch as Record<string, unknown>)[f] = fieldValue(draft, f);
      }
      sent[f] = dirty[f];
    }
    if (Object.keys(patch).length === 0) {
      set({ saveState: localProblem ? 'pending' : 'saved' });
      return;
    }
    set({ saveState: 'saving' });
    const run = (async () => {
      try {
        const updated = await api().call('contact.update', { id: contact.id, patch });
        const nowDirty = { ...get().dirty };
        const errors = { ...get().errors };
        for (const f of Object.keys(sent) as FieldName[]) {
          if (nowDirty[f] === sent[f]) delete nowDirty[f];
          delete errors[f];
        }
        delete errors._;
        const recovered = get().saveState === 'error';
        set({
          contact: updated,
          dirty: nowDirty,
          errors,
          saveState: Object.keys(nowDirty).length === 0 ? 'saved' : 'pending',
        });
        // After a failed save, "saved" is news: said once (every quiet autosave is not).
        if (recovered && Object.keys(nowDirty).length === 0) say(t('announce.saved'));
        useShift.getState().upsert(updated);
        persist();
      } catch (err) {
        const fe = fieldErrors(err);
        const errors = { ...get().errors };
        if (Object.keys(fe).length > 0) Object.assign(errors, fe);
        else {
          errors._ = errorText(err);
          // Not the doctor's input but the host (busy, restarting): keep the value, try again.
          if (!(err instanceof HostError && err.code === 'NOT_SIGNED_IN')) retryLater();
        }
        set({ errors, saveState: 'error' });
      }
    })();
    inFlight = run;
    await run;
    inFlight = null;
    if (
      Object.keys(get().dirty).some((f) => get().dirty[f as FieldName] !== sent[f as FieldName])
    ) {
      if (!timer) schedule();
    }
  }

  function say(text: string) {
    useUi.getState().announce(text);
  }

  /** Says the video step that an action just recorded (issue 16: live changes announced once). */
  function sayVideo(before: Contact['video'], after: Contact | null) {
    const v = after?.video;
    if (!v) return;
    if (!before?.connectedAt && v.connectedAt)
      say(t('announce.videoConnected', { time: hhmm(v.connectedAt) }));
    else if (!before?.failedAt && v.failedAt)
      say(t('announce.videoFailed', { time: hhmm(v.failedAt) }));
    else if (!before?.endedAt && v.endedAt)
      say(t('announce.videoEnded', { time: hhmm(v.endedAt) }));
    else if (!before) say(t('announce.videoRequested', { time: hhmm(v.requestedAt) }));
  }

  function adopt(c: Contact) {
    set({ contact: c });
    useShift.getState().upsert(c);
  }

  async function action(fn: () => Promise<Contact>): Promise<boolean> {
    set({ busy: true });
    try {
      const c = await fn();
      adopt(c);
      const errors = { ...get().errors };
      delete errors._;
      set({ errors });
      return true;
    } catch (err) {
      const fe = fieldErrors(err);
      set({ errors: { ...get().errors, ...fe, _: errorText(err) } });
      return false;
    } finally {
      set({ busy: false });
    }
  }

  return {
    contact: null,
    draft: emptyDraft(),
    dirty: {},
    errors: {},
    saveState: 'saved',
    busy: false,

    async load() {
      const c = await api().call('contact.current', {});
      if (!c) {
        set({ contact: null, draft: emptyDraft(), dirty: {}, errors: {}, saveState: 'saved' });
        const stored = readStored();
        if (stored) store(null);
        return;
      }
      let draft = draftFromContact(c);
      const dirty: Partial<Record<FieldName, number>> = {};
      const stored = readStored();
      if (stored && stored.contactId === c.id && stored.dirty.length > 0) {
        // Work typed but not acknowledged before the reload: put it back and save it.
        const merged = { ...draft };
        for (const k of Object.keys(draftToField) as DraftKey[]) {
          if (stored.dirty.includes(draftToField[k])) {
            (merged as Record<string, unknown>)[k] = stored.draft[k];
          }
        }
        draft = merged;
        for (const f of stored.dirty) dirty[f] = ++changeSeq;
      }
      set({
        contact: c,
        draft,
        dirty,
        errors: {},
        saveState: Object.keys(dirty).length ? 'pending' : 'saved',
      });
      if (Object.keys(dirty).length) schedule();
    },

    async start(kind) {
      await get().flush();
      set({ busy: true });
      try {
        const c = await api().call('contact.start', { kind });
        set({
          contact: c,
          draft: draftFromContact(c),
          dirty: {},
          errors: {},
          saveState: 'saved',
          videoTo: '',
        });
        useShift.getState().upsert(c);
        persist();
      } catch (err) {
        // e.g. CALL_ALREADY_OPEN from another window: show the open call, then say why.
        await get()
          .load()
          .catch(() => {});
        set({ errors: { ...get().errors, _: errorText(err) } });
      } finally {
        set({ busy: false });
      }
    },

    set(key, value) {
      const draft = { ...get().draft, [key]: value };
      const f = draftToField[key];
      const dirty = { ...get().dirty, [f]: ++changeSeq };
      const errors = { ...get().errors };
      delete errors[f];
      set({ draft, dirty, errors, saveState: 'pending' });
      persist();
      schedule();
    },

    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (inFlight) await inFlight;
      if (Object.keys(get().dirty).length > 0) await saveNow();
      return Object.keys(get().errors).length === 0;
    },

    videoTo: '',
    setVideoTo(videoTo) {
      set({ videoTo });
    },
    async escalate() {
      const c = get().contact;
      if (!c || c.status !== 'open' || c.kind !== 'telefon' || c.video) return;
      await get().flush();
      const to = get().videoTo;
      if (
        await action(() =>
          api().call('contact.escalate', to ? { id: c.id, toDoctorId: to } : { id: c.id }),
        )
      )
        sayVideo(c.video, get().contact);
    },
    async videoConnected() {
      const c = get().contact;
      if (!c || c.status !== 'open') return;
      if (c.video ? c.video.connectedAt || c.video.failedAt : c.kind !== 'video-forvisiteret')
        return;
      if (await action(() => api().call('contact.videoConnected', { id: c.id })))
        sayVideo(c.video, get().contact);
    },
    async videoFailed(reason) {
      const c = get().contact;
      if (!c || c.status !== 'open') return;
      if (c.video ? c.video.connectedAt || c.video.failedAt : c.kind !== 'video-forvisiteret')
        return;
      if (await action(() => api().call('contact.videoFailed', { id: c.id, reason })))
        sayVideo(c.video, get().contact);
    },
    async videoEnded() {
      const c = get().contact;
      if (!c?.video?.connectedAt || c.video.endedAt) return;
      if (await action(() => api().call('contact.videoEnded', { id: c.id })))
        sayVideo(c.video, get().contact);
    },
    async end() {
      const c = get().contact;
      if (!c || c.status !== 'open') return false;
      const p = patientFromDraft(get().draft);
      if (!p.ok) {
        // Ending now would throw away what was typed: say why, beside the field.
        set({ errors: { ...get().errors, patient: fieldText(p.code) } });
        return false;
      }
      const saved = await get().flush();
      if (!saved || Object.keys(get().dirty).length > 0) return false;
      const ok = await action(() => api().call('contact.end', { id: c.id }));
      if (ok) {
        store(null);
        set({ contact: null, draft: emptyDraft(), dirty: {}, errors: {}, saveState: 'saved' });
        say(t('announce.ended'));
      }
      return ok;
    },
    clear() {
      set({ contact: null, draft: emptyDraft(), dirty: {}, errors: {}, saveState: 'saved' });
    },
  };
});
