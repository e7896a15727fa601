package zhizhi.engine;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * With NODE_ENV=production (the one switch every Zhizhi process reads) the node refuses to start
 * when a password is missing, one of the well-known development values or too short. Checked
 * once the configuration is read and before the engine or the web server exist, so a bad
 * deployment stops in a second with one line naming the variable, before admin/admin is created.
 */
public class ProductionSecrets implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
  static final int MIN_LENGTH = 16;

  /** The development defaults of application.yaml, scripts/engine.sh and the old compose file. */
  private static final Set<String> KNOWN_DEFAULTS =
      Set.of("admin", "zhizhiApi", "zhizhiWorkers", "zhizhi", "postgres", "password", "changeme");

  /** Each property with the environment variable a deployment sets it through. */
  private record Secret(String property, String variable) {}

  private static final List<Secret> SECRETS =
      List.of(
          new Secret("operaton.bpm.admin-user.password", "ZHIZHI_ENGINE_ADMIN_PASSWORD"),
          new Secret("zhizhi.users.api-password", "ZHIZHI_ENGINE_API_PASSWORD"),
          new Secret("zhizhi.users.workers-password", "ZHIZHI_ENGINE_WORKERS_PASSWORD"));

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    String problem = problem(event.getEnvironment());
    if (problem == null) return;
    System.err.println(problem);
    System.exit(2);
  }

  static String problem(Environment env) {
    if (!"production".equals(env.getProperty("NODE_ENV"))) return null;
    for (Secret s : SECRETS) {
      String value = env.getProperty(s.property());
      if (value == null || value.isEmpty())
        return "配置错误 / invalid configuration — " + s.variable() + ": 生产环境必须设置 / required in production";
      if (KNOWN_DEFAULTS.contains(value))
        return "配置错误 / invalid configuration — " + s.variable() + ": 不得使用默认值 / a known default is refused in production";
      if (value.length() < MIN_LENGTH)
        return "配置错误 / invalid configuration — " + s.variable() + ": 至少 " + MIN_LENGTH + " 个字符 / at least " + MIN_LENGTH + " characters in production";
    }
    return null;
  }
}
