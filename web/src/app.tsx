import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { AlertDetail } from './pages/AlertDetail.js';
import { Alerts } from './pages/Alerts.js';
import { Audit } from './pages/Audit.js';
import { Coverage } from './pages/Coverage.js';
import { Overview } from './pages/Overview.js';
import { Search } from './pages/Search.js';
import { SignIn } from './pages/SignIn.js';
import { Trace } from './pages/Trace.js';
import { useHashRoute } from './route.js';
import type { Me } from './types.js';

/** Navigation mirrors the role's permissions; the API enforces them regardless. */
const NAV: { path: string; label: string; permission: string }[] = [
  { path: 'overview', label: 'Overview', permission: 'events:read' },
  { path: 'alerts', label: 'Alerts', permission: 'alerts:read' },
  { path: 'search', label: 'Search', permission: 'events:read' },
  { path: 'coverage', label: 'Coverage', permission: 'rules:read' },
  { path: 'audit', label: 'Audit', permission: 'audit:read' },
];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [page = 'overview', arg] = useHashRoute();
  useEffect(() => {
    api<Me>('/v1/session').then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return null;
  if (me === null) return <SignIn onSignedIn={setMe} />;
  const signOut = async () => {
    await api('/v1/session', { method: 'DELETE' }).catch(() => undefined);
    setMe(null);
  };
  return (
    <>
      <nav class="top">
        <span class="brand">Sightline</span>
        {NAV.filter((n) => me.permissions.includes(n.permission)).map((n) => (
          <a
            key={n.path}
            href={`#/${n.path}`}
            class={page === n.path || (page === 'trace' && n.path === 'search') ? 'active' : ''}
          >
            {n.label}
          </a>
        ))}
        <span class="who" data-testid="who">
          {me.principal} · {me.role}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </nav>
      {page === 'alerts' && arg ? (
        <AlertDetail id={arg} me={me} />
      ) : page === 'alerts' ? (
        <Alerts />
      ) : page === 'search' ? (
        <Search me={me} />
      ) : page === 'trace' && arg ? (
        <Trace id={arg} me={me} />
      ) : page === 'coverage' ? (
        <Coverage />
      ) : page === 'audit' ? (
        <Audit />
      ) : (
        <Overview me={me} />
      )}
    </>
  );
}
