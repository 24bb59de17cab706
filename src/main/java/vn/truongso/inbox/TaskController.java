package vn.truongso.inbox;

import org.springframework.http.ResponseEntity;
import vn.truongso.signing.RemoteSignatures;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.school.UserDirectory;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final InboxQueries queries;
    private final InboxCommands commands;
    private final UserDirectory users;

    TaskController(InboxQueries queries, InboxCommands commands, UserDirectory users) {
        this.queries = queries;
        this.commands = commands;
        this.users = users;
    }

    @GetMapping
    InboxQueries.TaskPage list(@RequestParam(required = false) String process,
                               @RequestParam(required = false) Boolean overdue,
                               @RequestParam(required = false) String submitter,
                               @RequestParam(required = false) String subjectGroup,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        return queries.inbox(users.current(), new InboxQueries.Filter(process, overdue, submitter, subjectGroup), page,
                size);
    }

    @PostMapping("/{id}/claim")
    InboxQueries.TaskView claim(@PathVariable String id) {
        return commands.claim(id, users.current());
    }

    @PostMapping("/{id}/unclaim")
    InboxQueries.TaskView unclaim(@PathVariable String id) {
        return commands.unclaim(id, users.current());
    }

    /**
     * 204 when the step is done; 202 with the sign transaction when the decision signs the document: the process
     * moves on once the signer confirms it with their one-time code (POST /api/sign-transactions/{id}/confirm).
     */
    @PostMapping("/{id}/complete")
    ResponseEntity<RemoteSignatures.Confirmation> complete(@PathVariable String id,
                                                           @RequestBody(required = false) InboxCommands.Completion completion) {
        return commands.complete(id, completion, users.current())
                .map(c -> ResponseEntity.accepted().body(c))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** APPROVE for many tasks at once (all or none), with one sign transaction for all their signatures. */
    @PostMapping("/approve-batch")
    ResponseEntity<InboxCommands.BatchResult> approveBatch(@RequestBody(required = false) InboxCommands.Batch batch) {
        InboxCommands.BatchResult result = commands.approveBatch(batch, users.current());
        return result.signTransaction() == null ? ResponseEntity.ok(result) : ResponseEntity.accepted().body(result);
    }
}
