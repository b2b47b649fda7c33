// S1: the plan's register of backup suppliers (contact, service scope, price reference), as the
// suppliers page shows it and the contact sheet prints it on its second page.
import { api, unwrap, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Mail, Tel } from './contactLinks';
import { useLive } from './useLive';

export type Register = Schemas['SupplierRegister'];

export const useRegister = () => useLive(() => unwrap(api.GET('/api/v1/suppliers')), null, []);

export function SupplierTable(props: { register: Register }) {
  const { t, text } = useI18n();
  return (
    <table class="suppliers">
      <thead>
        <tr>
          <th>{t('suppliers_name')}</th>
          <th>{t('suppliers_contact')}</th>
          <th>{t('suppliers_phone')}</th>
          <th>{t('suppliers_email')}</th>
          <th>{t('suppliers_scope')}</th>
          <th>{t('suppliers_price')}</th>
        </tr>
      </thead>
      <tbody>
        {props.register.suppliers.map((s) => (
          <tr key={s.id} data-supplier={s.id}>
            <td>
              <span class="rule">{s.id}</span> {text(s.name)}
            </td>
            <td class="nowrap">{text(s.contact.name)}</td>
            <td class="nowrap">
              <Tel number={s.contact.phone} />
            </td>
            <td class="email">
              <Mail address={s.contact.email} />
            </td>
            <td>{text(s.scope)}</td>
            <td>{text(s.price)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** S1: the register lists fewer suppliers than the plan requires (the server's warning). */
export function SupplierWarning(props: { register: Register | null }) {
  const { t, text } = useI18n();
  const r = props.register;
  if (!r?.warning) return null;
  return (
    <div class="warning-banner s1-warning" role="alert" data-listed={r.listed} data-required={r.required}>
      <strong>⚠ {t('s1_warning_title')}</strong> {text(r.warning)} <a href="#/suppliers">{t('nav_suppliers')}</a>
    </div>
  );
}
