package zhizhi.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngineException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Zhizhi's own tables in the engine's database, made and changed by numbered scripts
 * (resources/engine-migrations/NNNN_name.sql), each applied once, in name order, and recorded in
 * zhizhi_engine_migration: an upgrade changes them the way the app database's migrations do,
 * instead of whatever a boot of the new launcher creates when missing.
 */
final class EngineMigrations {
  static final String TABLE = "zhizhi_engine_migration";

  private EngineMigrations() {}

  static void apply(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // Nodes starting side by side: the second waits here, then finds every script recorded.
        s.execute("SELECT pg_advisory_xact_lock(hashtext('" + TABLE + "'))");
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
            + " (version VARCHAR(255) PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        Set<String> applied = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT version FROM " + TABLE)) {
          while (rs.next()) applied.add(rs.getString(1));
        }
        for (Resource script : scripts()) {
          String version = script.getFilename().replaceFirst("\\.sql$", "");
          if (applied.contains(version)) continue;
          s.execute(script.getContentAsString(StandardCharsets.UTF_8));
          try (PreparedStatement record = c.prepareStatement("INSERT INTO " + TABLE + " (version) VALUES (?)")) {
            record.setString(1, version);
            record.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException | IOException e) {
      throw new ProcessEngineException("cannot migrate Zhizhi's tables in the engine database", e);
    }
  }

  private static Resource[] scripts() throws IOException {
    Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath:engine-migrations/*.sql");
    Arrays.sort(scripts, Comparator.comparing(Resource::getFilename));
    return scripts;
  }
}
