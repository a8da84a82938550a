import { DateInput } from './DateInput';

// From/to date fields (local dates, inclusive, dd.mm.åååå), shared by the load view and the claims screen.
export function DateRangeFields(props: {
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  const { from, to, fromLabel, toLabel, onFrom, onTo } = props;
  return (
    <>
      <label>
        {fromLabel}
        <DateInput value={from} required onChange={onFrom} />
      </label>
      <label>
        {toLabel}
        <DateInput value={to} required onChange={onTo} />
      </label>
    </>
  );
}
