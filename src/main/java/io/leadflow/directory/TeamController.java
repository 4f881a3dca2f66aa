package io.leadflow.directory;

import io.leadflow.directory.DirectoryViews.TeamView;
import io.leadflow.system.Caller;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Teams: admins see and change all, managers see theirs (see {@link DirectoryAccess}). */
@RestController
@RequestMapping("/api/teams")
class TeamController {

  private final TeamRoster teams;

  TeamController(TeamRoster teams) {
    this.teams = teams;
  }

  @GetMapping
  List<TeamView> list() {
    return teams.list(Caller.current());
  }

  @GetMapping("/{id}")
  TeamView get(@PathVariable String id) {
    return teams.get(Caller.current(), id);
  }

  /** 201 when the team was created, 200 when changed. */
  @PutMapping("/{id}")
  ResponseEntity<TeamView> put(@PathVariable String id, @RequestBody TeamRequest request) {
    TeamRoster.Saved saved = teams.put(Caller.current(), id, request);
    return saved.created()
        ? ResponseEntity.created(URI.create("/api/teams/" + id)).body(saved.team())
        : ResponseEntity.ok(saved.team());
  }
}
