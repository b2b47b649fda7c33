import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// The built app is embedded in the pactum binary (CMake) and served at /. During development,
// `npx vite` proxies the API to a running `pactum serve` on 127.0.0.1:8080.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
