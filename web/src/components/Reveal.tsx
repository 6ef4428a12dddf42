import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';

type Content = Record<string, unknown>;

/**
 * Content is fetched only on an explicit click, and the server audits the read. Nothing is
 * cached: closing the panel drops it from memory and the page.
 */
export function Reveal(props: { eventId: string; canRead: boolean; hasContent: boolean }) {
  const [content, setContent] = useState<Content | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!props.hasContent) return <span class="muted">no content stored</span>;
  if (!props.canRead)
    return (
      <span class="muted" data-testid="content-restricted">
        content restricted to analysts
      </span>
    );
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ content: Content | null; content_error?: string }>(
        `/v1/events/${encodeURIComponent(props.eventId)}/content?reason=dashboard%20reveal`,
      );
      if (r.content) setContent(r.content);
      else setError(`content ${r.content_error ?? 'unavailable'}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'request failed');
    } finally {
      setBusy(false);
    }
  };
  if (content)
    return (
      <div class="revealed" data-testid="revealed-content">
        {Object.entries(content).map(([k, v]) => (
          <div key={k}>
            <div class="field-name">{k}</div>
            <pre>{typeof v === 'string' ? v : JSON.stringify(v, null, 2)}</pre>
          </div>
        ))}
        <button type="button" onClick={() => setContent(null)}>
          Hide
        </button>
      </div>
    );
  return (
    <span>
      <button
        type="button"
        class="reveal"
        disabled={busy}
        onClick={reveal}
        title="Reading content is audited"
      >
        Reveal content
      </button>
      {error && (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
