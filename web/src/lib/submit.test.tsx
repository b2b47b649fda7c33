import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { lang } from '../i18n/i18n';
import { useSubmit, type SubmitOptions } from './submit';
import { Toasts } from './toast';

// A form as the app writes them: one text field, submitted through useSubmit.
function NoteForm(props: { action: (text: string) => Promise<string>; options?: Partial<SubmitOptions> }) {
  const [text, setText] = useState('第一条备注');
  const { error, busy, submit } = useSubmit(() => props.action(text), undefined, {
    confirm: '备注已添加',
    reset: () => setText(''),
    labels: { text: '备注' },
    ...props.options,
  });
  return (
    <form onSubmit={submit}>
      <textarea value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {error && <p class="error">{error.message}</p>}
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

  it('says a refusal in the reader’s language and keeps what was typed', async () => {
    const refusal = new ApiError(400, 'invalid_argument', '"text" is required', 'text', 'field.required', {});
    mount(<NoteForm action={() => Promise.reject(refusal)} />);
    act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(root.querySelector('.error')!.textContent).toBe('请填写「备注」');
    expect(root.querySelector('textarea')!.value).toBe('第一条备注');
  });
});
