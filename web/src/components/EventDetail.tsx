import type { EventRow } from '../types.js';
import { Reveal } from './Reveal.js';

/** Metadata of one event (never content), with Reveal for roles that may read content. */
export function EventDetail(props: { event: EventRow; canContent: boolean }) {
  const e = props.event;
  return (
    <div class="event-detail" data-testid="event-detail">
      <dl>
        {Object.entries(e)
          .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'object' ? <pre>{JSON.stringify(v, null, 2)}</pre> : String(v)}</dd>
            </div>
          ))}
      </dl>
      {e.trace_id && <a href={`#/trace/${encodeURIComponent(e.trace_id)}`}>Open trace</a>}
      <div class="content-box">
        <Reveal eventId={e.id} canRead={props.canContent} hasContent={e.has_content} />
      </div>
    </div>
  );
}
