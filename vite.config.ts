import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Vite configuration of the web app (src/web).
 *
 * The built app lands in dist/web, which the server serves; in development `/api` is proxied to
 * the backend on port 3000, so cookies stay same-origin in both cases.
 */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Large libraries in chunks of their own: the app's code changes often, they rarely do,
        // and the charting library is only loaded by the pages that draw charts. A group takes the
        // dependencies of its modules too, so the groups everything shares (React) come first.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack|cookie|set-cookie-parser)[\\/]/, priority: 40 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design[\\/](?!icons)|@rc-component|rc-[^\\/]+|@ctrl|@emotion|@babel|dayjs|classnames|clsx|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|json2mq|string-convert|stylis|toggle-selection|copy-to-clipboard)/, priority: 30 },
            { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 20 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib|fast-deep-equal)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
