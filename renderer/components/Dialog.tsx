import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

/** Modal dialog on the native <dialog> element: focus is trapped, Escape closes it. */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal();
    return () => {
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${props.wide ? ' dialog-wide' : ''}`}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('dialog.close')}
        </button>
      </div>
      {props.children}
    </dialog>
  );
}
