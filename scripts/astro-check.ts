// `npm run check` for the .astro files (frontmatter and template expressions): Astro's own checker
// (@astrojs/language-server, what `astro check` runs) under TypeScript 6, pinned in tools/astro-check
// (its own node_modules, so the project's `tsc` stays TypeScript 7), because TypeScript 7 does not ship
// the compiler API the checker needs (withastro/roadmap#1321). Every .ts file is checked by tsc 7.
// `astro check` itself cannot be pointed at another TypeScript: it resolves the project's.
import { glob } from 'node:fs/promises';
import { createRequire, registerHooks } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'tools/astro-check/package.json'));
const TYPESCRIPT = require.resolve('typescript');
// In this process only, `typescript` means TypeScript 6: @volar/kit (under the checker) requires it by name.
const TYPESCRIPT6 = pathToFileURL(TYPESCRIPT).href;
registerHooks({
  resolve: (specifier, context, next) => (specifier === 'typescript' ? { url: TYPESCRIPT6, shortCircuit: true } : next(specifier, context)),
});
const { AstroCheck } = await import('@astrojs/language-server');

const started = performance.now();
const checker = new AstroCheck(ROOT, TYPESCRIPT, join(ROOT, 'site/tsconfig.astro.json'));
// Only the .astro files: every .ts file is already checked by TypeScript 7 (tsc) with the Worker's types.
const astroFiles: string[] = [];
for await (const f of glob('site/**/*.astro', { cwd: ROOT })) astroFiles.push(join(ROOT, f));
const result = await checker.lint({ fileNames: astroFiles });
let problems = 0;
for (const file of result.fileResult) {
  for (const d of file.errors) {
    // Severity 1 = error, 2 = warning; hints (unused, deprecated) are the editor's business.
    if (d.severity !== 1 && d.severity !== 2) continue;
    problems += 1;
    const where = `${relative(ROOT, fileURLToPath(file.fileUrl.href))}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    process.stderr.write(`${where} ${d.severity === 1 ? 'error' : 'warning'} ${d.code ?? ''}: ${d.message}\n`);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stderr.write(`astro check (TypeScript ${(require('typescript/package.json') as { version: string }).version}): ${result.fileChecked} files, ${problems} problems, ${seconds} s\n`);
process.exit(problems ? 1 : 0);
