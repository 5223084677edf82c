// The daemon's bearer token, asked for once (on a 401) and kept in sessionStorage: it lasts while the tab does and
// is never written to disk or sent anywhere but this daemon.

const KEY = 'cco.token';

export interface TokenStore {
  get(): string | undefined;
  /** Shows the form and resolves once a token is entered (and stored). */
  ask(refused: boolean): Promise<void>;
}

export function tokenStore(storage: Storage, form: HTMLFormElement): TokenStore {
  const input = form.elements.namedItem('token');
  if (!(input instanceof HTMLInputElement)) throw new Error('the token form has no input named "token"');
  const message = form.querySelector('[data-role="message"]');
  return {
    get: () => storage.getItem(KEY) ?? undefined,
    ask(refused) {
      if (message)
        message.textContent = refused
          ? 'That token was refused. Enter the token the daemon was started with.'
          : 'This daemon requires a token (--token or CCO_TOKEN).';
      form.hidden = false;
      input.value = '';
      input.focus();
      return new Promise((resolve) => {
        const submit = (event: SubmitEvent) => {
          event.preventDefault();
          const token = input.value.trim();
          if (token === '') return;
          storage.setItem(KEY, token);
          form.hidden = true;
          form.removeEventListener('submit', submit);
          resolve();
        };
        form.addEventListener('submit', submit);
      });
    },
  };
}
