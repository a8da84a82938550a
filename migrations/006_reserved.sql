-- 006: PLACEHOLDER on branch issue-15 only. Number 006 belongs to another branch; this file
-- exists so 007 can run here (the runner refuses a gap). The integrator deletes it when the
-- branch that owns 006 is merged. It changes nothing.
SELECT 1;
