package io.leadflow.collaboration;

import static io.leadflow.models.LeadCollaboration.*;

import io.leadflow.engine.DecisionPreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Which of a lead's tags ask another team for help, asked before the process is told. */
@Component
public class CollaborationRules {

  private final DecisionPreview decisions;

  CollaborationRules(DecisionPreview decisions) {
    this.decisions = decisions;
  }

  /**
   * The tags that may ask for help: only these are handed to the lead's process (LeadTagged),
   * where the collaboration table decides, recorded, and creates the tasks. Most tags are plain
   * labels (a campaign, a trade show); asking the process about each of them cost a quarter of an
   * intake. A tag is left out only when the latest LeadCollaboration table, reading nothing but
   * the tag, gives it no rule or a rule without a team; a table that reads more than the tag (or
   * gives several rules, which the process refuses) sees every tag in the process, as before.
   */
  public List<String> tagsAskingForHelp(List<String> tags) {
    if (tags.isEmpty()) {
      return new ArrayList<>();
    }
    var table = decisions.latest(DECISION_KEY);
    if (!table.readsOnly(Set.of(TAG))) {
      return new ArrayList<>(tags);
    }
    List<String> asking = new ArrayList<>();
    for (String tag : tags) {
      var result = table.evaluate(Map.of(TAG, tag));
      if (result.size() > 1
          || (result.size() == 1 && result.getFirstResult().get(COLLABORATION_TEAM) != null)) {
        asking.add(tag);
      }
    }
    return asking;
  }
}
