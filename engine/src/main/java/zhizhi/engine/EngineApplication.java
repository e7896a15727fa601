package zhizhi.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the Operaton engine with its REST API and webapps, configured by application.yaml. */
@SpringBootApplication
public class EngineApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(EngineApplication.class);
    app.addListeners(new ProductionSecrets());
    app.run(args);
  }
}
