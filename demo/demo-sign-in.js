// The host page's side of signing in, as a publisher's would be: its own
// button (and the widget's "Sign in to comment") signs the demo reader in and
// hands the widget the token; the widget keeps what the reader typed.
const comments = document.querySelector('news-comments');
const button = document.getElementById('demo-sign-in');
const status = document.getElementById('demo-sign-in-status');

async function signIn() {
  button.disabled = true;
  try {
    const response = await fetch('/demo/sign-in', { method: 'POST', credentials: 'same-origin' });
    if (!response.ok) throw new Error(await response.text());
    comments.token = (await response.json()).token;
    status.textContent = 'Signed in as Demo Reader.';
  } catch (error) {
    status.textContent = `Could not sign in: ${error.message}`;
    button.disabled = false;
  }
}

button.addEventListener('click', signIn);
document.addEventListener('news-sign-in-requested', signIn);
