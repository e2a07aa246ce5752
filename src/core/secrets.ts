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
  if (!v) throw new WorkbenchError(`environment variable ${name} is not set`, `export ${name}=... (secrets are read from the environment only)`);
  return v;
}
