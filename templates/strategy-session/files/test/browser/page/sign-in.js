/* global document, fetch, FormData */
// The smallest web client of the session API: it keeps the CSRF token in memory and lets the
// browser handle the cookie.
const status = document.querySelector('#status');
let csrfToken = '';

async function call(method, path, body) {
  const headers = { 'X-CSRF-Token': csrfToken };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text === '' ? {} : JSON.parse(text);
  if (typeof data.csrfToken === 'string') csrfToken = data.csrfToken;
  return { status: response.status, data };
}

function show(label, result) {
  const detail = result.data.user?.email ?? result.data.code ?? '';
  status.textContent = `${label} ${result.status} ${detail}`.trim();
}

document.querySelector('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const action = event.submitter.value;
  const result = await call('POST', `/auth/${action}`, {
    email: form.get('email'),
    password: form.get('password'),
    deviceName: 'browser',
  });
  show(action, result);
});

document.querySelector('#me').addEventListener('click', async () => {
  show('me', await call('GET', '/auth/me'));
});

document.querySelector('#logout').addEventListener('click', async () => {
  show('logout', await call('POST', '/auth/logout'));
});

await call('GET', '/auth/csrf');
status.textContent = 'ready';
