package io.leadflow.directory;

import io.leadflow.directory.DirectoryViews.RepView;
import io.leadflow.system.Caller;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reps: admins see and change all, managers their teams' reps' availability, reps their own
 * out-of-office and contacts (see {@link DirectoryAccess}).
 */
@RestController
@RequestMapping("/api/reps")
class RepController {

  private final RepRoster reps;

  RepController(RepRoster reps) {
    this.reps = reps;
  }

  @GetMapping
  List<RepView> list(@RequestParam(required = false) String team) {
    return reps.list(Caller.current(), team);
  }

  @GetMapping("/{userId}")
  RepView get(@PathVariable String userId) {
    return reps.get(Caller.current(), userId);
  }

  /** 201 when the user or their rep profile was created, 200 when changed. */
  @PutMapping("/{userId}")
  ResponseEntity<RepView> put(@PathVariable String userId, @RequestBody RepRequest request) {
    RepRoster.Saved saved = reps.put(Caller.current(), userId, request);
    return saved.created()
        ? ResponseEntity.created(URI.create("/api/reps/" + userId)).body(saved.rep())
        : ResponseEntity.ok(saved.rep());
  }
}
