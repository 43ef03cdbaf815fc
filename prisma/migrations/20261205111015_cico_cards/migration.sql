-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "cicoExpectations" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "CicoCard" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "expectations" TEXT[],
    "periods" TEXT[],
    "scaleMax" INTEGER NOT NULL DEFAULT 2,
    "goalPercent" INTEGER NOT NULL DEFAULT 80,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "createdByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CicoCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CicoDay" (
    "districtId" UUID NOT NULL,
    "cardId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "checkedIn" BOOLEAN NOT NULL DEFAULT false,
    "checkedOut" BOOLEAN NOT NULL DEFAULT false,
    "absent" BOOLEAN NOT NULL DEFAULT false,
    "points" INTEGER NOT NULL DEFAULT 0,
    "possible" INTEGER NOT NULL DEFAULT 0,
    "updatedByUserId" UUID NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CicoDay_pkey" PRIMARY KEY ("districtId","cardId","date")
);

-- CreateTable
CREATE TABLE "CicoRating" (
    "districtId" UUID NOT NULL,
    "cardId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "period" VARCHAR(60) NOT NULL,
    "expectation" VARCHAR(80) NOT NULL,
    "value" INTEGER NOT NULL,
    "scaleMax" INTEGER NOT NULL,
    "ratedByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CicoRating_pkey" PRIMARY KEY ("districtId","cardId","date","period","expectation")
);

-- CreateTable
CREATE TABLE "CicoRatingRevision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "cardId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "period" VARCHAR(60) NOT NULL,
    "expectation" VARCHAR(80) NOT NULL,
    "previousValue" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,
    "previousRatedByUserId" UUID NOT NULL,
    "changedByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CicoRatingRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CicoCard_districtId_studentId_idx" ON "CicoCard"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "CicoCard_districtId_planId_idx" ON "CicoCard"("districtId", "planId");

-- CreateIndex
CREATE UNIQUE INDEX "CicoCard_districtId_id_key" ON "CicoCard"("districtId", "id");

-- CreateIndex
CREATE INDEX "CicoRatingRevision_districtId_cardId_date_idx" ON "CicoRatingRevision"("districtId", "cardId", "date");

-- AddForeignKey
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_districtId_goalId_fkey" FOREIGN KEY ("districtId", "goalId") REFERENCES "Goal"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CicoDay" ADD CONSTRAINT "CicoDay_districtId_cardId_fkey" FOREIGN KEY ("districtId", "cardId") REFERENCES "CicoCard"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CicoRating" ADD CONSTRAINT "CicoRating_districtId_cardId_fkey" FOREIGN KEY ("districtId", "cardId") REFERENCES "CicoCard"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CicoRatingRevision" ADD CONSTRAINT "CicoRatingRevision_districtId_cardId_fkey" FOREIGN KEY ("districtId", "cardId") REFERENCES "CicoCard"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (decision 002): grants, checks, one open card per student, RLS.
GRANT SELECT, INSERT, UPDATE ON "CicoCard" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "CicoDay" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "CicoRating" TO mtss_app;
-- A correction's trail is never changed.
GRANT SELECT, INSERT ON "CicoRatingRevision" TO mtss_app;

-- The card's setup as issue 15 bounds it (src/domain/cico.ts CICO_LIMITS says the same to the user first).
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_expectations" CHECK (cardinality("expectations") BETWEEN 3 AND 5);
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_periods" CHECK (cardinality("periods") BETWEEN 2 AND 10);
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_scale" CHECK ("scaleMax" BETWEEN 1 AND 5);
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_goal" CHECK ("goalPercent" BETWEEN 50 AND 100);
ALTER TABLE "CicoCard" ADD CONSTRAINT "CicoCard_dates" CHECK ("endedOn" IS NULL OR "endedOn" >= "startedOn");
ALTER TABLE "CicoRating" ADD CONSTRAINT "CicoRating_value" CHECK ("scaleMax" BETWEEN 1 AND 5 AND "value" BETWEEN 0 AND "scaleMax");
ALTER TABLE "CicoDay" ADD CONSTRAINT "CicoDay_points" CHECK ("points" BETWEEN 0 AND "possible");
ALTER TABLE "CicoDay" ADD CONSTRAINT "CicoDay_absent_unrated" CHECK (NOT "absent" OR "possible" = 0);
-- One open card per student: a second would split the day's ratings and the goal's probes.
CREATE UNIQUE INDEX "CicoCard_one_open_per_student" ON "CicoCard"("districtId", "studentId") WHERE "endedOn" IS NULL;

ALTER TABLE "CicoCard" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CicoCard" FORCE ROW LEVEL SECURITY;
CREATE POLICY cico_card_tenant ON "CicoCard"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "CicoDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CicoDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY cico_day_tenant ON "CicoDay"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "CicoRating" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CicoRating" FORCE ROW LEVEL SECURITY;
CREATE POLICY cico_rating_tenant ON "CicoRating"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "CicoRatingRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CicoRatingRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY cico_rating_revision_tenant ON "CicoRatingRevision"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
