import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';
import { parseDanishDate, toDanishDate } from '../lib/dates';

/**
 * The console's own date field: typed and shown as dd.mm.åååå in both shells, whatever the
 * browser's locale (issue 16). `value` is an ISO date, or the typed text while it is not yet a
 * date (so nothing typed is lost); a form will not submit while the text is not a date.
 */
export function DateInput(props: {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const { value, onChange, ...rest } = props;
  const t = useT();
  const formatId = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => toDanishDate(value));
  useEffect(() => {
    // A change from outside (restored call, reset form): show it, unless the text means it already.
    if ((parseDanishDate(text) ?? text) !== value) setText(toDanishDate(value));
  }, [value]); // only outside changes
  const invalid = text.trim() !== '' && parseDanishDate(text) === null;
  const message = invalid ? t('date.invalid') : '';
  useEffect(() => ref.current?.setCustomValidity(message), [message]);
  const describedBy = [rest['aria-describedby'], formatId].filter(Boolean).join(' ');
  return (
    <>
      <input
        {...rest}
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={10}
        className="input-date"
        placeholder={t('date.format')}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseDanishDate(e.target.value) ?? e.target.value);
        }}
        onBlur={() => {
          const iso = parseDanishDate(text);
          if (iso) setText(toDanishDate(iso));
        }}
      />
      <span id={formatId} className="visually-hidden">
        {t('date.format')}
      </span>
    </>
  );
}
