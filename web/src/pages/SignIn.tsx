import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import type { Me } from '../types.js';

export function SignIn(props: { onSignedIn: (me: Me) => void }) {
  const [mode, setMode] = useState<'password' | 'key'>('password');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const body =
      mode === 'password'
        ? { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') }
        : { api_key: String(form.get('api_key') ?? '') };
    try {
      props.onSignedIn(await api<Me>('/v1/session', { body }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'sign-in failed');
    }
  };
  return (
    <main class="signin">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>Sightline</h1>
        <div class="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'password'}
            onClick={() => setMode('password')}
          >
            User
          </button>
          <button type="button" role="tab" aria-selected={mode === 'key'} onClick={() => setMode('key')}>
            API key
          </button>
        </div>
        {mode === 'password' ? (
          <>
            <label>
              Name
              <input name="username" autocomplete="username" required />
            </label>
            <label>
              Password
              <input name="password" type="password" autocomplete="current-password" required />
            </label>
          </>
        ) : (
          <label>
            API key
            <input name="api_key" type="password" autocomplete="off" required />
          </label>
        )}
        <button type="submit" class="primary">
          Sign in
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
