import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { lang } from '../i18n/i18n';
import { useSubmit, type SubmitOptions } from './submit';
import { Toasts } from './toast';
import { Field, FormError } from './ui';

// A form as the app writes them: one required text field, submitted through useSubmit.
function NoteForm(props: {
  action: (text: string) => Promise<string>;
  options?: Partial<SubmitOptions>;
  initial?: string;
}) {
  const [text, setText] = useState(props.initial ?? '第一条备注');
  const { error, busy, submit } = useSubmit(() => props.action(text), undefined, {
    confirm: '备注已添加',
    reset: () => setText(''),
    labels: { text: '备注' },
    ...props.options,
  });
  return (
    <form noValidate onSubmit={submit}>
      <Field label="备注" field="text" error={error}>
        <textarea required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <FormError error={error} fields={['text']} />
      <button type="submit" disabled={busy}>
        添加备注
      </button>
    </form>
  );
}

let root: HTMLElement;
function mount(node: preact.ComponentChildren) {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
}
afterEach(() => {
  render(null, root);
  root.remove();
});

const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

describe('useSubmit', () => {
  lang.set('zh-CN');

  it('submits once however often it is clicked while the request runs', async () => {
    let calls = 0;
    let answer: (v: string) => void = () => {};
    const action = () => {
      calls += 1;
      return new Promise<string>((r) => {
        answer = r;
      });
    };
    mount(<NoteForm action={action} />);
    const button = root.querySelector('button')!;
    const form = root.querySelector('form')!;
    act(() => {
      // Two clicks in the same frame: the second comes before any re-render disables the button.
      form.requestSubmit();
      form.requestSubmit();
    });
    expect(calls).toBe(1);
    expect(button.disabled).toBe(true);
    answer('ok');
    await settle();
    expect(button.disabled).toBe(false);
  });

  it('confirms in a live region and resets the form once it succeeded', async () => {
    mount(
      <>
        <NoteForm action={() => Promise.resolve('ok')} />
        <Toasts />
      </>,
    );
    act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(root.querySelector('textarea')!.value).toBe('');
    const region = root.querySelector('[aria-live="polite"]')!;
    expect(region.textContent).toContain('备注已添加');
  });

  it('runs the form’s own checks first: nothing sent, the problem by its field, which takes the focus', async () => {
    let calls = 0;
    const action = () => {
      calls += 1;
      return Promise.resolve('ok');
    };
    mount(
      <>
        <NoteForm action={action} initial="" />
        <Toasts />
      </>,
    );
    const toasts = () => root.querySelectorAll('.toast').length; // earlier tests' may still show
    const before = toasts();
    act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(calls).toBe(0);
    const textarea = root.querySelector('textarea')!;
    expect(document.activeElement).toBe(textarea);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('.field-error .error')!.textContent).toBe('请填写此项');
    expect(toasts()).toBe(before);
    act(() => {
      textarea.value = '补上的备注';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(calls).toBe(1);
    expect(root.querySelector('.error')).toBeNull();
  });

  it('says a refusal in the reader’s language and keeps what was typed', async () => {
    const refusal = new ApiError(400, 'invalid_argument', '"text" is required', 'text', 'field.required', {});
    mount(<NoteForm action={() => Promise.reject(refusal)} />);
    act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(root.querySelector('.error')!.textContent).toBe('请填写「备注」');
    expect(root.querySelector('textarea')!.value).toBe('第一条备注');
  });
});
