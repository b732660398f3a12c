// A Vite plugin for the Astro build: the jSquash codecs' Emscripten glue assigns `import.meta.url` when
// it is undefined and builds its .wasm URL from it. An assignment to import.meta.url is not valid once a
// later Vite pass (the vitest plugin loading dist/ for the `pages` tests) turns it into a string, so the
// glue reads a constant instead. The URL is never fetched: functions/media/codecs.ts hands every codec its
// compiled module.
const CODEC = /[\\/]@jsquash[\\/][^\\/]+[\\/]codec[\\/].*\.js$/;

export function codecUrl() {
  return {
    name: 'bientap:codec-import-meta-url',
    enforce: 'pre',
    transform(code, id) {
      if (!CODEC.test(id.split('?')[0]) || !code.includes('import.meta.url')) return null;
      return { code: `let __codecUrl = "https://localhost/";\n${code.replaceAll('import.meta.url===undefined', 'false').replaceAll('import.meta.url', '__codecUrl')}`, map: null };
    },
  };
}
