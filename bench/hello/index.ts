// The smallest Worker: what wrangler dev + workerd cost per request, nothing else.
export default {
  fetch: () => new Response('Hello world\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
} satisfies ExportedHandler;
