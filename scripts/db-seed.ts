// npm run db:seed — builds the demo districts if they are not there yet.
import "./load-env";
import { seedDemo } from "../prisma/seed/demo";
import { describeDemoSignIns } from "../prisma/seed/demo-data";
import { createAppDb } from "../src/server/db/client";
import { dbTargetFromEnv } from "../src/server/db/config";

const db = await createAppDb(dbTargetFromEnv(), { poolSize: 2 });
try {
  const { districts, libraryRows, benchmarks, accommodations, plans, probes, sessions, invitations, behavior, iep504, screening } = await seedDemo(db);
  if (districts) console.log("Seeded the demo districts.");
  else if (libraryRows || benchmarks || accommodations || plans || probes || sessions || invitations || behavior || iep504 || screening) {
    console.log(
      `The demo districts were there; added ${libraryRows} measures and interventions, ${benchmarks} benchmarks, ${accommodations} accommodations, ${plans} plans, ${probes} probes, ${sessions} sessions, ${invitations} invitations, ${behavior} behaviour codes and incidents, ${iep504} IEP/504 records and ${screening} screening scores they lacked.`,
    );
  } else console.log("The demo districts are already there; nothing changed.");
  console.log(describeDemoSignIns());
} finally {
  await db.$disconnect();
}
