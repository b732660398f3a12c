// WebAssembly files imported as modules: wrangler, @cloudflare/vite-plugin (the Astro build) and the
// vitest plugin all hand the import a compiled WebAssembly.Module (workerd's CompiledWasm).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}
