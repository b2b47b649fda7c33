import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { lang } from '../i18n/i18n';
import { Field, Submit, useSubmit } from './ui';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});
function mount(vnode: preact.ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(vnode, root));
  return root;
}

describe('Field', () => {
  it('binds its label to its control, uniquely when a field is on the page twice', () => {
    const r = mount(
      <>
        <Field label="原因" field="reason" error={null}>
          <textarea />
        </Field>
        <Field label="原因" field="reason" error={null}>
          <textarea />
        </Field>
      </>,
    );
    const [a, b] = [...r.querySelectorAll('textarea')];
    expect(a!.id).not.toBe(b!.id);
    expect(a!.labels?.[0]?.textContent).toBe('原因');
    expect(b!.labels?.[0]?.textContent).toBe('原因');
  });
  it('keeps a control’s own id, and binds the hint and the error to it', () => {
    const error = new ApiError(400, 'invalid_argument', '金额须大于 0', 'amount');
    const r = mount(
      <Field label="金额" field="amount" error={error} hint="单位：元">
        <input id="f-amount" />
      </Field>,
    );
    const input = r.querySelector('input')!;
    expect(input.id).toBe('f-amount');
    expect(input.labels?.[0]?.textContent).toBe('金额');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const said = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => r.querySelector(`#${id}`)?.textContent);
    expect(said).toEqual(['单位：元', '金额须大于 0']);
  });
});

function Form(props: { action: () => Promise<string> }) {
  const { error, busy, submit } = useSubmit(props.action);
  return (
    <form noValidate onSubmit={submit}>
      <Field label="Amount" field="amount" error={error}>
        <input type="number" min="1" value="0" />
      </Field>
      <Submit busy={busy} label="Send" />
    </form>
  );
}

describe('useSubmit', () => {
  it('says the form’s own problem next to the field, in the reader’s language, and sends nothing', async () => {
    lang.set('en');
    const action = vi.fn(() => Promise.resolve('sent'));
    const r = mount(<Form action={action} />);
    await act(async () => {
      r.querySelector('form')!.requestSubmit();
    });
    expect(action).not.toHaveBeenCalled();
    const input = r.querySelector('input')!;
    const error = r.querySelector(`#${input.getAttribute('aria-describedby')}`);
    expect(error?.textContent).toBe('At least 1');
    expect(document.activeElement).toBe(input);
    act(() => lang.set('zh-CN'));
    await act(async () => {
      r.querySelector('form')!.requestSubmit();
    });
    expect(r.querySelector('.error')?.textContent).toBe('不能小于 1');
  });
});
