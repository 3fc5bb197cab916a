// A `fetch` for @libsql/client that lets it talk to tursodb 0.6 (the local libSQL server the
// tests use instead of Turso). tursodb answers Hrana pipelines without a baton and rejects the
// `close` request @libsql/client appends to each stream ("unknown variant `close`"), which fails
// every statement; drizzle-kit migrate hangs on it. This fetch speaks Hrana 2 over JSON (it
// answers the v3 probes with 404), sends each pipeline without its `close` requests and answers
// those itself. Every other byte goes to the server unchanged. Turso itself needs none of this.
type HranaResult = { type: string; response?: unknown; error?: unknown };

export async function tursodbFetch(input: Request): Promise<Response> {
  const url = new URL(input.url);
  if (input.method === 'GET' && url.pathname.startsWith('/v3')) {
    return new Response('', { status: 404 });
  }
  if (input.method !== 'POST' || !url.pathname.endsWith('/pipeline')) return fetch(input);
  const body = JSON.parse(await input.text());
  const requests: { type: string }[] = body.requests;
  const sent = requests.filter((r) => r.type !== 'close');
  let results: HranaResult[] = [];
  if (sent.length > 0) {
    const resp = await fetch(url, {
      method: 'POST',
      headers: input.headers,
      body: JSON.stringify({ ...body, requests: sent }),
    });
    if (!resp.ok) return resp;
    results = (await resp.json()).results;
  }
  const all: HranaResult[] = requests.map((r) =>
    r.type === 'close' ? { type: 'ok', response: { type: 'close' } } : results.shift()!,
  );
  return new Response(JSON.stringify({ baton: null, base_url: null, results: all }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
