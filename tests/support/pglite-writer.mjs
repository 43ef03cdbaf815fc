// A child process for tests/integration/pglite-crash.test.ts: opens an
// embedded data directory with the app's durability settings and commits
// numbered writes from several concurrent "clients", printing "ack <n>" only
// after each commit returned: what a server would acknowledge to a browser.
import { PGlite } from "@electric-sql/pglite";

const [dataDir, clientsArg] = process.argv.slice(2);
const db = await PGlite.create(dataDir, { relaxedDurability: false });
await db.exec(`CREATE TABLE IF NOT EXISTS w (client int NOT NULL, n int NOT NULL, body text NOT NULL, total int NOT NULL, PRIMARY KEY (client, n));
               CREATE TABLE IF NOT EXISTS part (client int NOT NULL, n int NOT NULL, k int NOT NULL, PRIMARY KEY (client, n, k))`);
process.stdout.write("ready\n");
const clients = Number(clientsArg);
await Promise.all(
  Array.from({ length: clients }, async (_, client) => {
    for (let n = 1; ; n++) {
      // One write in two statements and five child rows: half of it must never be visible.
      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO w (client, n, body, total) VALUES ($1, $2, $3, 5)", [client, n, "x".repeat(2000)]);
        for (let k = 0; k < 5; k++) await tx.query("INSERT INTO part (client, n, k) VALUES ($1, $2, $3)", [client, n, k]);
      });
      process.stdout.write(`ack ${client} ${n}\n`);
    }
  }),
);
