import { defineConfig } from 'vite';

// React's automatic JSX runtime through Vite's own transformer: @vitejs/plugin-react 6 does not
// install here (its optional Babel 8 peers conflict with Jest's Babel 7), and the app needs no
// fast refresh in production builds.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // antd marks modules "use client" for React Server Components; a browser bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
