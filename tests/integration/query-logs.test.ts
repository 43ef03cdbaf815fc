// Prisma keeps the last 100 debug messages with their arguments, even with
// debugging off: the driver adapter logs every statement with its parameters
// (src/server/db/client.ts, decision 056). A large import's statements must
// not stay alive in that ring once they have run.
import { randomUUID } from "node:crypto";
import { getLogs } from "@prisma/debug";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { bulkInsert } from "@/server/imports/bulk";
import { makeDistrict } from "../factories";
import { asOwner } from "../support/db";

let districtId: string;
const everything = () => getLogs(Number.MAX_SAFE_INTEGER);

beforeAll(async () => {
  districtId = await asOwner(async (tx) => (await makeDistrict(tx, { name: "Query Logs" })).id);
});

describe("Prisma's query logs", () => {
  it("hold an ordinary statement's parameters (what the forgetting is for)", async () => {
    const marker = `kept-${randomUUID()}`;
    await withTenant(districtId, (tx) => tx.$queryRawUnsafe("SELECT $1::text AS v", marker));
    expect(everything()).toContain(marker);
  });

  it("let go of a bulk statement's parameters, and of those before it, once it has run", async () => {
    const before = `before-${randomUUID()}`;
    const bulk = `bulk-${randomUUID()}`;
    const inserted = await withTenant(districtId, async (tx) => {
      await tx.$queryRawUnsafe("SELECT $1::text AS v", before);
      return bulkInsert(
        tx,
        "School",
        [
          { name: "id", type: "uuid" },
          { name: "districtId", type: "uuid" },
          { name: "name", type: "text" },
          { name: "level", type: { enum: "SchoolLevel" } },
        ],
        [[randomUUID(), districtId, bulk, "ELEMENTARY"]],
      );
    });
    expect(inserted).toBe(1);
    const logs = everything();
    expect(logs).not.toContain(before);
    expect(logs).not.toContain(bulk);
    const saved = await asOwner((tx) => tx.school.count({ where: { districtId, name: bulk } }));
    expect(saved).toBe(1);
  });
});
