import type { ReactNode } from 'react';

/** A labelled control with optional hint and error, wired with aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  info?: ReactNode;
  children: (aria: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ReactNode;
  className?: string;
}) {
  const { id, label, hint, error, info, children, className } = props;
  const describedBy = [
    hint ? `${id}-hint` : null,
    error ? `${id}-err` : null,
    info ? `${id}-info` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${error ? ' field-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {info && (
        <span className="info" id={`${id}-info`}>
          {info}
        </span>
      )}
      {error && (
        <span className="error-text" id={`${id}-err`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
