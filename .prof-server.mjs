import http from "node:http";
import inspector from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import next from "next";
const app = next({ dev: false, dir: "/work/main", hostname: "127.0.0.1", port: 3400 });
await app.prepare();
const handle = app.getRequestHandler();
const session = new inspector.Session(); session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
http.createServer(async (req, res) => {
  if (req.url === "/__prof/start") { await session.post("Profiler.start"); res.end("started"); return; }
  if (req.url?.startsWith("/__prof/stop")) { const { profile } = await session.post("Profiler.stop"); const f = `/tmp/prof/steady-${Date.now()}.cpuprofile`; writeFileSync(f, JSON.stringify(profile)); res.end(f); return; }
  handle(req, res);
}).listen(3400, "127.0.0.1", () => console.log("ready"));
