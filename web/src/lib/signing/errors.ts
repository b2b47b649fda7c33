// The server's refusals of keys, proposals and signatures (docs/plan-signing.md, "Refusals") in
// the user's language. The server's own English message stays beside it: it names the specifics
// (which key, which day, which diagnostic).
import type { ApiError } from '../../api/client';
import type { StringKey } from '../../i18n/strings';

export function signingErrorKey(e: ApiError): StringKey {
  const field = e.field ?? '';
  switch (e.status) {
    case 0:
      return 'sign_err_unavailable';
    case 400:
      if (field === 'signature') return 'sign_err_signature';
      if (field === 'public_key') return 'sign_err_public_key';
      if (field === 'yaml') return 'sign_err_yaml';
      if (field === 'description') return 'sign_err_description';
      break;
    case 403:
      if (field === 'password') return 'sign_err_password';
      if (field === 'key_id') return 'sign_err_not_your_key';
      return 'sign_err_not_signer';
    case 404:
      return 'sign_err_not_found';
    case 409:
      return field === 'public_key' ? 'sign_err_key_registered' : 'sign_err_already_signed';
    case 422:
      if (field === 'key_id') return 'sign_err_revoked';
      if (field === 'version') return 'sign_err_version';
      if (field === 'agreement.starts' || field === 'agreement.ends') return 'sign_err_term';
      if (/superseded/.test(e.detail ?? e.message)) return 'sign_err_superseded';
      if (/joint meeting/.test(e.detail ?? e.message)) return 'sign_err_meeting';
      break;
    case 429:
      return 'sign_err_too_many';
  }
  return 'sign_err_other';
}
