import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Mounts a uPlot chart sized to its container and rebuilds it when the inputs change. */
export function UChart(props: {
  opts: Omit<uPlot.Options, 'width'>;
  data: uPlot.AlignedData;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = new uPlot({ ...props.opts, width: Math.max(200, el.clientWidth) }, props.data, el);
    const onResize = () => chart.setSize({ width: Math.max(200, el.clientWidth), height: props.opts.height });
    const ro = new ResizeObserver(onResize);
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.destroy();
    };
  }, [props.opts, props.data]);
  return <div class="chart" ref={ref} role="img" aria-label={props.label} />;
}
