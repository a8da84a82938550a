// Host phone events in the renderer (R-PHONE-1): a contact opened by the phone system is loaded
// into the call panel at once; a refused event is announced with its reason.
import type { HostEvent } from '../../../shared/contract/events';
import { t, type MessageKey } from '../../i18n';
import { draftFromContact, useCall } from '../../stores/call';
import { useSession } from '../../stores/session';
import { useShift } from '../../stores/shift';
import { useUi } from '../../stores/ui';

/** Refusals at the door (bad key, bad JSON) are for the supervisor's list, not the doctor's screen. */
const TRANSPORT = new Set(['MALFORMED', 'UNAUTHORIZED', 'TOO_LARGE']);

export function onPhoneEvent(e: HostEvent): void {
  if (!useSession.getState().session) return;
  if (e.type === 'phone' && e.status === 'created') {
    const call = useCall.getState();
    if (
      e.contact &&
      !call.contact &&
      e.contact.doctorId === useSession.getState().session?.doctor.id
    ) {
      // Shown at once from the event (no round trip); the host has just written exactly this.
      useCall.setState({
        contact: e.contact,
        draft: draftFromContact(e.contact),
        dirty: {},
        errors: {},
        saveState: 'saved',
        videoTo: '',
      });
      useShift.getState().upsert(e.contact);
      useUi.getState().announce(t('phone.created'));
      return;
    }
    void (async () => {
      await useCall.getState().load();
      const c = useCall.getState().contact;
      if (c?.id === e.contactId) {
        useShift.getState().upsert(c);
        useUi.getState().announce(t('phone.created'));
      }
    })().catch(() => {});
  } else if (e.type === 'phoneRefused' && !TRANSPORT.has(e.reason)) {
    useUi
      .getState()
      .announce(
        t('phone.refusedToast', { reason: t(`phone.reason.${e.reason}` as MessageKey) }),
        'error',
      );
  }
}
