package zhizhi.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The task feed: one outbox row per user-task event (created, updated, completed, deleted,
 * candidate group or user added/removed), written through the engine's own connection in the
 * engine's own transaction, so a row exists exactly when the change it describes committed.
 * Zhizhi's inbox consumer reads and deletes the rows (FOR UPDATE SKIP LOCKED); row ids are not
 * in commit order across transactions, so it folds rows per task rather than trusting a cursor.
 */
@Component
public class TaskFeed extends AbstractProcessEnginePlugin implements HistoryEventHandler {
  static final String TABLE = "zhizhi_task_feed";

  private static final String INSERT =
      "INSERT INTO " + TABLE + " (task_id, event_type, process_instance_id, process_definition_id,"
          + " process_definition_key, task_definition_key, name, assignee, owner, due_date, priority,"
          + " delete_reason, link_type, group_id, user_id, end_time)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** The feed's table is the engine migrations' (0001_task_feed.sql): applied before any task can be written. */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    EngineMigrations.apply(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource());
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricTaskInstanceEventEntity task) {
      insert(task.getTaskId(), task.getEventType(), task.getProcessInstanceId(), task.getProcessDefinitionId(),
          task.getProcessDefinitionKey(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
          task.getOwner(), task.getDueDate(), task.getPriority(), task.getDeleteReason(), null, null, null,
          task.getEndTime());
    } else if (event instanceof HistoricIdentityLinkLogEventEntity link && link.getTaskId() != null) {
      insert(link.getTaskId(), "identity-link-" + link.getOperationType(), link.getProcessInstanceId(),
          link.getProcessDefinitionId(), link.getProcessDefinitionKey(), null, null, null, null, null, null,
          null, link.getType(), link.getGroupId(), link.getUserId(), null);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private void insert(String taskId, String eventType, String processInstanceId, String processDefinitionId,
      String processDefinitionKey, String taskDefinitionKey, String name, String assignee, String owner,
      Date dueDate, Integer priority, String deleteReason, String linkType, String groupId, String userId,
      Date endTime) {
    Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement s = connection.prepareStatement(INSERT)) {
      s.setString(1, taskId);
      s.setString(2, eventType);
      s.setString(3, processInstanceId);
      s.setString(4, processDefinitionId);
      s.setString(5, processDefinitionKey);
      s.setString(6, taskDefinitionKey);
      s.setString(7, name);
      s.setString(8, assignee);
      s.setString(9, owner);
      s.setTimestamp(10, dueDate == null ? null : new Timestamp(dueDate.getTime()));
      if (priority == null) s.setNull(11, java.sql.Types.INTEGER); else s.setInt(11, priority);
      s.setString(12, deleteReason);
      s.setString(13, linkType);
      s.setString(14, groupId);
      s.setString(15, userId);
      s.setTimestamp(16, endTime == null ? null : new Timestamp(endTime.getTime()));
      s.executeUpdate();
    } catch (SQLException e) {
      // Failing the engine's transaction keeps the feed and the engine in step.
      throw new ProcessEngineException("cannot write the task feed", e);
    }
  }
}
