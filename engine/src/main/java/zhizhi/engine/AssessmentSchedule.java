package zhizhi.engine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read by the `assessment` diagram's timer start (`${zhizhiSchedule.assessmentCycle}`): timer
 * start events see no process variables, so the cycle comes from the node's configuration.
 */
@Component("zhizhiSchedule")
public class AssessmentSchedule {
  private final String assessmentCycle;

  public AssessmentSchedule(@Value("${zhizhi.assessment-cycle}") String assessmentCycle) {
    this.assessmentCycle = assessmentCycle;
  }

  public String getAssessmentCycle() {
    return assessmentCycle;
  }
}
