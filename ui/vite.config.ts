import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is served by Tauri's asset protocol in builds and by this dev server
// (loopback only) under `tauri dev`.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
});
