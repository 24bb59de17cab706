package vn.truongso.school;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ký thay: giving the principal's approvals to a vice-principal for a period (see {@link Delegations}). */
@RestController
@RequestMapping("/api/delegations")
class DelegationController {

    private final Delegations delegations;
    private final UserDirectory users;

    DelegationController(Delegations delegations, UserDirectory users) {
        this.delegations = delegations;
        this.users = users;
    }

    @PostMapping
    ResponseEntity<Delegations.DelegationView> create(@RequestBody Delegations.CreateRequest request) {
        Delegations.DelegationView made = delegations.create(request, users.current());
        return ResponseEntity.created(URI.create("/api/delegations/" + made.id())).body(made);
    }

    @GetMapping
    List<Delegations.DelegationView> list(@RequestParam(required = false) String school) {
        return delegations.list(users.current(), school);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        delegations.revoke(id, users.current());
        return ResponseEntity.noContent().build();
    }
}
