export const RANGES = ['1h', '6h', '24h', '7d', '30d'] as const;
export type Range = (typeof RANGES)[number];

export function RangePicker(props: { value: Range; onChange: (r: Range) => void }) {
  return (
    <div class="range-picker" role="group" aria-label="Time range">
      {RANGES.map((r) => (
        <button
          type="button"
          key={r}
          class={r === props.value ? 'active' : ''}
          aria-pressed={r === props.value}
          onClick={() => props.onChange(r)}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
