// One JSON API call, with what the client can know about its fate.

export type Reply =
  /** The server answered (any status). */
  | { kind: 'answer'; status: number; body: unknown }
  /** The connection was refused: the request never reached a server. */
  | { kind: 'not-sent' }
  /** Sent, but no (complete) answer came back: the server may or may not have acted on it. */
  | { kind: 'lost'; error: string };

const TIMEOUT_MS = 10_000;

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

export async function call(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
): Promise<Reply> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    if (causeCode(err) === 'ECONNREFUSED') return { kind: 'not-sent' };
    return { kind: 'lost', error: causeCode(err) ?? String(err) };
  }
  try {
    const text = await response.text();
    return {
      kind: 'answer',
      status: response.status,
      body: text === '' ? null : (JSON.parse(text) as unknown),
    };
  } catch (err) {
    return { kind: 'lost', error: `answer cut off: ${String(err)}` };
  }
}
