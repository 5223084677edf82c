// The /api/stats response: the tick's pre-serialized body as is.
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export const statsResponse = (body: string | undefined): Response => new Response(body, { headers: JSON_HEADERS });
