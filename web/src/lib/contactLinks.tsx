// Numbers and addresses people can act on: a phone number is a tel: link (a tap calls it on a
// phone), an email address a mailto: link. Printed, they read as plain text.

/** "tel:+862155550101" for "+86 21 5555 0101": only the digits and a leading plus. */
export function telHref(number: string): string {
  const plus = number.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${number.replace(/[^0-9]/g, '')}`;
}

export function Tel(props: { number: string }) {
  if (!props.number) return null;
  return (
    <a class="tel" href={telHref(props.number)}>
      {props.number}
    </a>
  );
}

export function Mail(props: { address: string }) {
  if (!props.address) return null;
  return (
    <a class="mailto" href={`mailto:${props.address}`}>
      {props.address}
    </a>
  );
}
