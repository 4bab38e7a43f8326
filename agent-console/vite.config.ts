import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** First-load JavaScript (entry chunks and what they import statically) may not exceed this, gzipped. */
const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

function firstLoadBudget(): Plugin {
  return {
    name: 'first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const needed = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (!chunk || chunk.type !== 'chunk' || needed.has(fileName)) return;
        needed.add(fileName);
        chunk.imports.forEach(visit);
      };
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && output.isEntry) visit(output.fileName);
      }
      let total = 0;
      for (const fileName of needed) {
        const chunk = bundle[fileName];
        if (chunk?.type !== 'chunk') continue;
        const size = gzipSync(chunk.code).length;
        total += size;
        console.log(`first-load JS: ${fileName} ${(size / 1024).toFixed(1)} KB gzipped`);
      }
      const budget = FIRST_LOAD_BUDGET_BYTES / 1024;
      console.log(
        `first-load JS total: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget} KB)`,
      );
      if (total > FIRST_LOAD_BUDGET_BYTES)
        this.error(
          `first-load JS is ${(total / 1024).toFixed(1)} KB gzipped, over the ${budget} KB budget`,
        );
    },
  };
}

export default defineConfig({
  base: '/console/',
  plugins: [firstLoadBudget()],
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
