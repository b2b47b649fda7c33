import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { signIn } from '../../lib/session';
import { Field, FormError, Submit, useSubmit } from '../../lib/ui';

export function SignIn() {
  const { t } = useI18n();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(() => signIn(user, password), undefined, {
    labels: { user: t('user_name'), password: t('password') },
  });
  return (
    <main class="narrow">
      <form noValidate class="card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{t('app_name')}</h1>
        <Field label={t('user_name')} field="user" error={error}>
          <input
            id="f-user"
            name="user"
            autocomplete="username"
            required
            value={user}
            onInput={(e) => setUser(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('password')} field="password" error={error}>
          <input
            id="f-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <FormError error={error} fields={['user', 'password']} />
        <Submit busy={busy} label={t('sign_in')} />
      </form>
    </main>
  );
}
