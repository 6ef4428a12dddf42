import type { ComponentChildren } from 'preact';
import type { Level } from '../thresholds.js';
import type { Threshold } from '../types.js';

/** One overview tile: title, threshold state, and the chart or table. */
export function Panel(props: {
  id: string;
  title: string;
  level?: Level;
  threshold?: Threshold;
  unit?: string;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const lvl = props.level ?? 'ok';
  const t = props.threshold;
  return (
    <section class={`panel level-${lvl}${props.wide ? ' wide' : ''}`} data-panel={props.id} data-level={lvl}>
      <header>
        <h2>{props.title}</h2>
        <span class={`badge ${lvl}`}>{lvl}</span>
      </header>
      <div class="panel-body">{props.children}</div>
      {t && (
        <footer class="thresholds">
          warning {t.direction === 'below' ? '≤' : '≥'} {t.warning}
          {props.unit ?? ''} · critical {t.direction === 'below' ? '≤' : '≥'} {t.critical}
          {props.unit ?? ''}
        </footer>
      )}
    </section>
  );
}

export function Empty(props: { text?: string }) {
  return <p class="empty">{props.text ?? 'No data in this range.'}</p>;
}
