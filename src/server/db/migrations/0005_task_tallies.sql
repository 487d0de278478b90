CREATE TABLE "statistics_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_tallies" (
	"organization_id" integer NOT NULL,
	"day" date NOT NULL,
	"total" integer NOT NULL,
	"completed_on_time" integer NOT NULL,
	"completed_late" integer NOT NULL,
	"in_progress" integer NOT NULL,
	"overdue" integer NOT NULL,
	"no_deadline" integer NOT NULL,
	CONSTRAINT "task_tallies_organization_id_day_pk" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
CREATE TABLE "task_tally_contributions" (
	"task_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"day" date NOT NULL,
	"total" integer NOT NULL,
	"completed_on_time" integer NOT NULL,
	"completed_late" integer NOT NULL,
	"in_progress" integer NOT NULL,
	"overdue" integer NOT NULL,
	"no_deadline" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "task_tally_contributions_task_idx" ON "task_tally_contributions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_extensions_requested_deadline_idx" ON "task_extensions" USING btree ("requested_deadline");--> statement-breakpoint
INSERT INTO "statistics_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
-- Taken first by every writer that can change a statistic: the row lock also orders them.
CREATE FUNCTION bump_statistics_version() RETURNS void LANGUAGE sql AS $$
  UPDATE statistics_version SET version = version + 1 WHERE id = 1;
$$;
--> statement-breakpoint
CREATE FUNCTION statistics_version_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_statistics_version();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_statistics_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION statistics_version_trigger();
--> statement-breakpoint
CREATE TRIGGER directives_statistics_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directives FOR EACH STATEMENT EXECUTE FUNCTION statistics_version_trigger();
--> statement-breakpoint
-- The running sums are read by one backward index-only probe per organization: the key carries them.
ALTER TABLE "task_tallies" DROP CONSTRAINT "task_tallies_organization_id_day_pk";
--> statement-breakpoint
ALTER TABLE "task_tallies" ADD CONSTRAINT "task_tallies_organization_id_day_pk" PRIMARY KEY ("organization_id", "day")
  INCLUDE ("total", "completed_on_time", "completed_late", "in_progress", "overdue", "no_deadline");
--> statement-breakpoint
-- The due-soon window: counted tasks by original deadline, read from the index alone.
CREATE INDEX "tasks_due_window_idx" ON "tasks" USING btree ("original_deadline")
  INCLUDE ("lead_organization_id", "assigned_on", "cancelled_on", "completed_on", "extension_count")
  WHERE NOT "is_container";
--> statement-breakpoint
-- The changes a task makes to the timeliness counts of its lead organization (domain.md, "Task
-- timeliness, as of a date"), one row per day on which a count changes: +1 when the task enters a
-- category, −1 when it leaves it. `task_ids` null = every task. A counted task exists on
-- [assigned_on, cancelled_on); before its completion it is in progress, overdue or without a
-- deadline according to the deadline in force on each day (the original deadline, then the
-- requested deadline of the approved extension with the latest decision date, the highest id on a
-- tie — read only when extension_count > 0, as the plain query does); from its completion it is
-- completed on time or late according to the deadline in force on the completion date.
CREATE FUNCTION task_tally_events(task_ids integer[]) RETURNS TABLE (
  task_id integer, organization_id integer, day date, total integer, completed_on_time integer,
  completed_late integer, in_progress integer, overdue integer, no_deadline integer
) LANGUAGE sql STABLE AS $$
  with counted as (
    select t.id, t.lead_organization_id as org, t.assigned_on as starts,
           coalesce(t.cancelled_on, 'infinity'::date) as ends, t.completed_on as completed,
           t.original_deadline, t.extension_count
      from tasks t
     where (task_ids is null or t.id = any(task_ids))
       and not t.is_container and t.lead_organization_id is not null
       and (t.cancelled_on is null or t.cancelled_on > t.assigned_on)
  ), changes as (
    select distinct on (x.task_id, x.decided_on) x.task_id, x.decided_on as from_day, x.requested_deadline as deadline
      from task_extensions x join counted c on c.id = x.task_id
     where c.extension_count > 0 and x.status = 'approved' and x.decided_on is not null
     order by x.task_id, x.decided_on, x.id desc
  ), starts_of_segments as (
    select c.id as task_id, '-infinity'::date as from_day, c.original_deadline as deadline from counted c
    union all
    select ch.task_id, ch.from_day, ch.deadline from changes ch
  ), segments as (
    select s.task_id, s.from_day,
           coalesce(lead(s.from_day) over (partition by s.task_id order by s.from_day), 'infinity'::date) as to_day,
           s.deadline
      from starts_of_segments s
  ), spans as (
    select c.id, c.org, c.starts as a, c.ends as b, 'total'::text as k from counted c
    union all
    select c.id, c.org, greatest(c.starts, c.completed), c.ends,
           case when g.deadline is null or c.completed <= g.deadline then 'completed_on_time' else 'completed_late' end
      from counted c
      join segments g on g.task_id = c.id and g.from_day <= c.completed and c.completed < g.to_day
     where c.completed is not null and greatest(c.starts, c.completed) < c.ends
    union all
    select c.id, c.org, p.a, p.b, p.k
      from counted c
      join segments g on g.task_id = c.id
     cross join lateral (
       select greatest(g.from_day, c.starts) as a0,
              least(g.to_day, c.ends, coalesce(c.completed, 'infinity'::date)) as b0
     ) w
     cross join lateral (
       select w.a0 as a, w.b0 as b, 'no_deadline'::text as k where g.deadline is null
       union all
       select w.a0, least(w.b0, g.deadline + 1), 'in_progress' where g.deadline is not null
       union all
       select greatest(w.a0, g.deadline + 1), w.b0, 'overdue' where g.deadline is not null
     ) p
     where p.a < p.b
  ), steps as (
    select id, org, a as day, k, 1 as delta from spans
    union all
    select id, org, b, k, -1 from spans where b <> 'infinity'::date
  )
  select id, org, day,
         coalesce(sum(delta) filter (where k = 'total'), 0)::int,
         coalesce(sum(delta) filter (where k = 'completed_on_time'), 0)::int,
         coalesce(sum(delta) filter (where k = 'completed_late'), 0)::int,
         coalesce(sum(delta) filter (where k = 'in_progress'), 0)::int,
         coalesce(sum(delta) filter (where k = 'overdue'), 0)::int,
         coalesce(sum(delta) filter (where k = 'no_deadline'), 0)::int
    from steps
   group by id, org, day
$$;
--> statement-breakpoint
-- Recomputes the contributions of `task_ids` from their current state and applies the difference
-- to the running sums. The lock on the statistics version row, taken first, serialises the writers
-- that change the sums: every statement after it reads what the others committed.
-- Custom plans only: a generic plan of `task_ids is null or t.id = any(task_ids)` scans every task.
CREATE FUNCTION refresh_task_tallies(task_ids integer[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  IF task_ids IS NULL OR cardinality(task_ids) = 0 THEN
    RETURN;
  END IF;
  -- Even when no running sum changes, the due-soon figures (read from the tasks) may.
  PERFORM bump_statistics_version();
  IF to_regclass('pg_temp.task_tally_changes') IS NULL THEN
    CREATE TEMP TABLE task_tally_changes (
      organization_id integer, day date, total integer, completed_on_time integer,
      completed_late integer, in_progress integer, overdue integer, no_deadline integer
    ) ON COMMIT DELETE ROWS;
  END IF;
  DELETE FROM task_tally_changes;
  WITH removed AS (
    DELETE FROM task_tally_contributions c WHERE c.task_id = any(task_ids)
    RETURNING c.organization_id, c.day, -c.total AS total, -c.completed_on_time AS completed_on_time,
              -c.completed_late AS completed_late, -c.in_progress AS in_progress, -c.overdue AS overdue,
              -c.no_deadline AS no_deadline
  ), added AS (
    INSERT INTO task_tally_contributions SELECT * FROM task_tally_events(task_ids)
    RETURNING task_tally_contributions.organization_id, task_tally_contributions.day, task_tally_contributions.total,
              task_tally_contributions.completed_on_time, task_tally_contributions.completed_late,
              task_tally_contributions.in_progress, task_tally_contributions.overdue, task_tally_contributions.no_deadline
  )
  INSERT INTO task_tally_changes
  SELECT x.organization_id, x.day, sum(x.total), sum(x.completed_on_time), sum(x.completed_late),
         sum(x.in_progress), sum(x.overdue), sum(x.no_deadline)
    FROM (SELECT * FROM removed UNION ALL SELECT * FROM added) x
   GROUP BY x.organization_id, x.day
  HAVING sum(x.total) <> 0 OR sum(x.completed_on_time) <> 0 OR sum(x.completed_late) <> 0
      OR sum(x.in_progress) <> 0 OR sum(x.overdue) <> 0 OR sum(x.no_deadline) <> 0;
  -- A row for every day that changes, holding the sums as they were on that day.
  INSERT INTO task_tallies (organization_id, day, total, completed_on_time, completed_late, in_progress, overdue, no_deadline)
  SELECT ch.organization_id, ch.day, coalesce(p.total, 0), coalesce(p.completed_on_time, 0), coalesce(p.completed_late, 0),
         coalesce(p.in_progress, 0), coalesce(p.overdue, 0), coalesce(p.no_deadline, 0)
    FROM (SELECT DISTINCT c.organization_id, c.day FROM task_tally_changes c) ch
    LEFT JOIN LATERAL (
      SELECT * FROM task_tallies s WHERE s.organization_id = ch.organization_id AND s.day < ch.day
       ORDER BY s.day DESC LIMIT 1
    ) p ON true
  ON CONFLICT (organization_id, day) DO NOTHING;
  UPDATE task_tallies t
     SET total = t.total + s.total, completed_on_time = t.completed_on_time + s.completed_on_time,
         completed_late = t.completed_late + s.completed_late, in_progress = t.in_progress + s.in_progress,
         overdue = t.overdue + s.overdue, no_deadline = t.no_deadline + s.no_deadline
    FROM (
      SELECT r.organization_id, r.day, sum(ch.total) AS total, sum(ch.completed_on_time) AS completed_on_time,
             sum(ch.completed_late) AS completed_late, sum(ch.in_progress) AS in_progress,
             sum(ch.overdue) AS overdue, sum(ch.no_deadline) AS no_deadline
        FROM task_tallies r
        JOIN task_tally_changes ch ON ch.organization_id = r.organization_id AND ch.day <= r.day
       GROUP BY r.organization_id, r.day
    ) s
   WHERE t.organization_id = s.organization_id AND t.day = s.day;
END
$$;
--> statement-breakpoint
-- Rebuilds the summary from the tasks (after a bulk load made with thucthi.defer_tallies = on).
CREATE FUNCTION rebuild_task_tallies() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_statistics_version();
  TRUNCATE task_tally_contributions, task_tallies;
  INSERT INTO task_tally_contributions SELECT * FROM task_tally_events(null);
  INSERT INTO task_tallies (organization_id, day, total, completed_on_time, completed_late, in_progress, overdue, no_deadline)
  SELECT organization_id, day,
         sum(sum(total)) OVER w, sum(sum(completed_on_time)) OVER w, sum(sum(completed_late)) OVER w,
         sum(sum(in_progress)) OVER w, sum(sum(overdue)) OVER w, sum(sum(no_deadline)) OVER w
    FROM task_tally_contributions
   GROUP BY organization_id, day
  WINDOW w AS (PARTITION BY organization_id ORDER BY day);
END
$$;
--> statement-breakpoint
CREATE FUNCTION tasks_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('thucthi.defer_tallies', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_task_tallies(array(SELECT n.id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_task_tallies(array(SELECT o.id FROM old_rows o));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_task_tallies(array(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.lead_organization_id, n.assigned_on, n.cancelled_on, n.completed_on, n.original_deadline, n.extension_count, n.is_container)
             IS DISTINCT FROM (o.lead_organization_id, o.assigned_on, o.cancelled_on, o.completed_on, o.original_deadline, o.extension_count, o.is_container)));
  ELSE
    PERFORM bump_statistics_version();
    TRUNCATE task_tally_contributions, task_tallies;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION task_extensions_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('thucthi.defer_tallies', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_task_tallies(array(SELECT DISTINCT n.task_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_task_tallies(array(SELECT DISTINCT o.task_id FROM old_rows o));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_task_tallies(array(SELECT n.task_id FROM new_rows n UNION SELECT o.task_id FROM old_rows o));
  ELSE
    PERFORM rebuild_task_tallies();
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_tally_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tasks_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER tasks_tally_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tasks_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER tasks_tally_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tasks_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER tasks_tally_truncate AFTER TRUNCATE ON tasks FOR EACH STATEMENT EXECUTE FUNCTION tasks_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER task_extensions_tally_insert AFTER INSERT ON task_extensions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_extensions_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER task_extensions_tally_update AFTER UPDATE ON task_extensions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_extensions_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER task_extensions_tally_delete AFTER DELETE ON task_extensions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_extensions_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER task_extensions_tally_truncate AFTER TRUNCATE ON task_extensions FOR EACH STATEMENT EXECUTE FUNCTION task_extensions_tally_trigger();
--> statement-breakpoint
SELECT rebuild_task_tallies();
