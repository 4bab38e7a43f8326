import { defineConfig, type Plugin } from 'vite';

const LOADER_GZIP_BUDGET_BYTES = 10 * 1024;

async function gzipSize(text: string): Promise<number> {
  const compressed = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(compressed).arrayBuffer()).byteLength;
}

/** The loader runs on customers' pages, so a size regression fails the build. */
function gzipBudget(maxBytes: number): Plugin {
  return {
    name: 'loader-gzip-budget',
    async generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const size = await gzipSize(output.code);
        if (size > maxBytes) {
          this.error(`${output.fileName} is ${size} bytes gzipped, over its ${maxBytes} budget`);
        }
      }
    },
  };
}

/** One self-contained classic script, written beside the frame build in dist/. */
export default defineConfig({
  publicDir: false,
  plugins: [gzipBudget(LOADER_GZIP_BUDGET_BYTES)],
  build: {
    emptyOutDir: false,
    rollupOptions: {
      input: 'src/loader/main.ts',
      output: { format: 'iife', entryFileNames: 'widget.js' },
    },
  },
});
