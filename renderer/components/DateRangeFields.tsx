// From/to date inputs (local dates, inclusive), shared by the load view and the claims screen.
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
        <input type="date" value={from} required onChange={(e) => onFrom(e.target.value)} />
      </label>
      <label>
        {toLabel}
        <input type="date" value={to} min={from} required onChange={(e) => onTo(e.target.value)} />
      </label>
    </>
  );
}
