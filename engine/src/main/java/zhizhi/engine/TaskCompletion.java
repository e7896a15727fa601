package zhizhi.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Providers;
import java.util.Map;
import java.util.Objects;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.rest.dto.VariableValueDto;
import org.operaton.bpm.engine.rest.exception.InvalidRequestException;
import org.operaton.bpm.engine.rest.util.ProvidersUtil;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.engine.variable.VariableMap;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * `POST /engine-rest/zhizhi/task/{id}/complete-as {userId, variables}`: the task given to the person
 * who did its work and completed, in one engine transaction. Zhizhi's inbox otherwise needs three
 * calls (read the task, claim, complete), and the engine records who held a step only through its
 * assignee, which four eyes reads. Behind the same authentication as the rest of engine REST.
 */
@Component
public class TaskCompletion implements ResourceConfigCustomizer {
  private final ProcessEngine engine;
  private final TransactionTemplate transaction;

  public TaskCompletion(ProcessEngine engine, PlatformTransactionManager transactions) {
    this.engine = engine;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new Resource(engine, transaction));
  }

  /** The request's body. */
  public static class CompleteAs {
    public String userId;
    public Map<String, VariableValueDto> variables;
  }

  @Path("/zhizhi/task")
  public static class Resource {
    private final ProcessEngine engine;
    private final TransactionTemplate transaction;

    Resource(ProcessEngine engine, TransactionTemplate transaction) {
      this.engine = engine;
      this.transaction = transaction;
    }

    @POST
    @Path("/{id}/complete-as")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response completeAs(@PathParam("id") String id, CompleteAs body, @Context Providers providers) {
      if (body == null || body.userId == null || body.userId.isBlank()) {
        throw new InvalidRequestException(Status.BAD_REQUEST, "userId is required");
      }
      ObjectMapper mapper = ProvidersUtil.resolveFromContext(providers, ObjectMapper.class);
      VariableMap variables = VariableValueDto.toMap(body.variables, engine, mapper);
      TaskService tasks = engine.getTaskService();
      // One database transaction, two engine commands: within a single command the engine's
      // history kept the earlier assignee of the step.
      transaction.executeWithoutResult(status -> {
        Task task = tasks.createTaskQuery().taskId(id).singleResult();
        if (task == null) {
          throw new InvalidRequestException(Status.NOT_FOUND, "No task " + id);
        }
        if (!Objects.equals(task.getAssignee(), body.userId)) tasks.setAssignee(id, body.userId);
        tasks.complete(id, variables);
      });
      return Response.noContent().build();
    }
  }
}
