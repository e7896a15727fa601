-- The task feed (TaskFeed.java): one row per user-task event, written in the engine's transaction.
-- IF NOT EXISTS: launchers before the migrations created the same table at boot.
CREATE TABLE IF NOT EXISTS zhizhi_task_feed (
  id BIGSERIAL PRIMARY KEY,
  task_id VARCHAR(64) NOT NULL,
  event_type VARCHAR(32) NOT NULL,
  process_instance_id VARCHAR(64),
  process_definition_id VARCHAR(64),
  process_definition_key VARCHAR(255),
  task_definition_key VARCHAR(255),
  name VARCHAR(255),
  assignee VARCHAR(255),
  owner VARCHAR(255),
  due_date TIMESTAMPTZ,
  priority INT,
  delete_reason VARCHAR(4000),
  link_type VARCHAR(32),
  group_id VARCHAR(255),
  user_id VARCHAR(255),
  end_time TIMESTAMPTZ,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
-- The consumer asks per task (is its creation row still coming? where does the feed stand for
-- it?): without this index each question reads the whole backlog.
CREATE INDEX IF NOT EXISTS zhizhi_task_feed_task ON zhizhi_task_feed (task_id, id);
