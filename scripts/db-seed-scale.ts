// npm run db:seed:scale — adds a 50,000-student district beside the demo
// (for `npm run bench` and for trying the app at district scale).
import "./load-env";
import { seedScale, SCALE_ACCOUNTS, SCALE_DISTRICT } from "../prisma/seed/scale";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { createAppDb } from "../src/server/db/client";
import { dbTargetFromEnv } from "../src/server/db/config";

const started = performance.now();
const db = await createAppDb(dbTargetFromEnv(), { poolSize: 2 });
try {
  const wrote = await seedScale(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(wrote ? `Seeded ${SCALE_DISTRICT.name} in ${seconds} s.` : `${SCALE_DISTRICT.name} is already there; nothing changed.`);
  console.log(`Sign in as ${Object.values(SCALE_ACCOUNTS).join(", ")} (password ${DEMO_PASSWORD}).`);
} finally {
  await db.$disconnect();
}
