import { WorkbenchError } from './errors';

/** Replaces every occurrence of each secret (of 4+ characters) with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

/** A secret from the environment only; the error names the variable, never a value. */
export function secretFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const v = env[name];
  if (!v)
    throw new WorkbenchError(
      `environment variable ${name} is not set`,
      `export ${name}=... (secrets are read from the environment only)`,
    );
  return v;
}

/** The URL with any user name, password, query and fragment replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const cred = u.username || u.password ? '[redacted]@' : '';
    return `${u.protocol}//${cred}${u.host}${u.pathname}${u.search ? '?[redacted]' : ''}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Refuses a base URL that carries credentials (`http://user:key@host/v1`): they would be sent
 * and printed as part of the URL everywhere. Keys come from environment variables only. The
 * error never repeats the credential.
 */
export function assertNoUrlCredentials(url: string, what = 'base URL'): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WorkbenchError(
      `${what} is not a valid URL: ${redactUrl(url)}`,
      'pass a full http(s) URL, e.g. https://host/v1',
    );
  }
  if (u.username || u.password) {
    throw new WorkbenchError(
      `${what} ${redactUrl(url)} carries credentials in the URL; refused (they would be sent and logged with every request)`,
      'remove user:password@ from the URL and put the key in its environment variable (e.g. --api-key-env NAME)',
    );
  }
  return url;
}
