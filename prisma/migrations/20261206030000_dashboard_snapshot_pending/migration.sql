-- Issue 18: a dashboard whose figures are known to take longer than a request
-- may (the scale district's intervention effectiveness: tens of seconds) is
-- not computed inside the first view of a new filter; the view records the
-- snapshot with no figures yet (data NULL), queues its refresh job and says the
-- figures are being computed. The job fills the row in.
ALTER TABLE "DashboardSnapshot" ALTER COLUMN "data" DROP NOT NULL;
