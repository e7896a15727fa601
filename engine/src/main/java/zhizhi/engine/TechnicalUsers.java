package zhizhi.engine;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The API and the workers call the engine as two users of their own, so that a worker with a
 * stale password (which locks its user after repeated failures) never locks the API out.
 * Created when the engine is built, their passwords reset to the configured ones and unlocked.
 * Cockpit's administrator, once created by Operaton, would keep its first password for good (an
 * install begun with admin/admin would keep it after the configuration changed): it is reset to
 * the configured one at every start as well.
 */
@Component
public class TechnicalUsers extends AbstractProcessEnginePlugin {
  private final String apiPassword;
  private final String workersPassword;
  private final String adminId;
  private final String adminPassword;

  public TechnicalUsers(
      @Value("${zhizhi.users.api-password}") String apiPassword,
      @Value("${zhizhi.users.workers-password}") String workersPassword,
      @Value("${operaton.bpm.admin-user.id}") String adminId,
      @Value("${operaton.bpm.admin-user.password}") String adminPassword) {
    this.apiPassword = apiPassword;
    this.workersPassword = workersPassword;
    this.adminId = adminId;
    this.adminPassword = adminPassword;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    ensure(identity, "zhizhiApi", "Zhizhi API", apiPassword);
    ensure(identity, "zhizhiWorkers", "Zhizhi workers", workersPassword);
    User admin = identity.createUserQuery().userId(adminId).singleResult();
    if (admin != null) {
      admin.setPassword(adminPassword);
      identity.saveUser(admin);
    }
  }

  private static void ensure(IdentityService identity, String id, String name, String password) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName(name);
      user.setLastName("(technical)");
    }
    user.setPassword(password);
    identity.saveUser(user);
    identity.unlockUser(id);
  }
}
