package vn.truongso.register;

import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.TaskGroups;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentSearchQuery;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentSummary;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.RemoteSignatures;

/**
 * "Where is that document?": every document the caller may read (the document module's rule) found by title, register
 * number or symbol, or person (owner's name or username), with its register symbol and where it is now — the open
 * step of the process that handles it (the process whose variable {@code documentId} is the document), who holds
 * it and since when — and its status.
 */
@Service
@Transactional(readOnly = true)
public class DocumentSearch {

    /** Filters on status or process are applied after the query, to at most this many newest matches. */
    static final int CANDIDATES = 500;

    private final DocumentService documents;
    private final OutgoingEntryRepository outgoing;
    private final IncomingEntryRepository incoming;
    private final UserDirectory users;
    private final TaskService tasks;
    private final HistoryService history;
    private final RemoteSignatures signatures;
    private final List<DocumentStatusSource> statusSources;

    DocumentSearch(DocumentService documents, OutgoingEntryRepository outgoing, IncomingEntryRepository incoming,
                   UserDirectory users, TaskService tasks, HistoryService history, RemoteSignatures signatures,
                   List<DocumentStatusSource> statusSources) {
        this.documents = documents;
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.users = users;
        this.tasks = tasks;
        this.history = history;
        this.signatures = signatures;
        this.statusSources = statusSources;
    }

    /** Where the document is now: the open step, who holds it (assignee or candidate groups), since when. */
    public record Whereabouts(String process, String processInstanceId, String step, String stepName,
                              String assignee, String assigneeName, List<String> candidateGroups,
                              OffsetDateTime since) {
    }

    public record Found(UUID id, String title, DocumentKind kind, String organisationCode, String owner,
                        String ownerName, int version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                        String registerSymbol, String registerNumber, String status, String statusText,
                        String process, Whereabouts currentStep) {
    }

    public record Result(List<Found> items, long total, boolean truncated, int page, int size) {
    }

    public Result search(String q, DocumentKind kind, String status, String process, int page, int size,
                         CurrentUser user) {
        String text = q == null ? "" : q.strip();
        List<UUID> bySymbol = new ArrayList<>();
        List<String> byName = new ArrayList<>();
        if (!text.isEmpty() && user.organisationCode() != null) {
            bySymbol.addAll(outgoing.documentsWithSymbol(user.organisationCode(),
                    RegisterText.like(RegisterText.normalized(text))));
        }
        if (!text.isEmpty()) {
            String wanted = fold(text);
            users.all().stream().filter(u -> u.fullName() != null && fold(u.fullName()).contains(wanted))
                    .map(CurrentUser::username).forEach(byName::add);
        }
        boolean postFilter = (status != null && !status.isBlank()) || (process != null && !process.isBlank());
        // long arithmetic: (page + 1) × size overflows an int for a hostile page number
        int limit = postFilter ? CANDIDATES : (int) Math.min(((long) page + 1) * size, CANDIDATES * 4L);
        List<DocumentSummary> matches = documents.search(new DocumentSearchQuery(text.isEmpty() ? null : text, kind,
                bySymbol, byName, limit + 1), user);
        boolean truncated = matches.size() > limit;
        if (truncated) {
            matches = matches.subList(0, limit);
        }
        if (!postFilter) {
            int from = (int) Math.min((long) page * size, matches.size());
            List<DocumentSummary> shown = matches.subList(from, Math.min(from + size, matches.size()));
            // Without filters the total is known only up to the limit; "truncated" says there are more.
            return new Result(describe(shown), matches.size(), truncated, page, size);
        }
        List<Found> all = describe(matches).stream()
                .filter(f -> status == null || status.isBlank() || status.strip().equalsIgnoreCase(f.status()))
                .filter(f -> process == null || process.isBlank() || process.strip().equals(f.process()))
                .toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new Result(all.subList(from, Math.min(from + size, all.size())), all.size(), truncated, page, size);
    }

    private List<Found> describe(List<DocumentSummary> docs) {
        if (docs.isEmpty()) {
            return List.of();
        }
        Set<UUID> ids = docs.stream().map(DocumentSummary::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<UUID, OutgoingEntry> issued = outgoing.findByDocumentIdIn(ids).stream()
                .collect(Collectors.toMap(OutgoingEntry::getDocumentId, e -> e, (a, b) -> a));
        Map<UUID, IncomingEntry> received = new HashMap<>();
        for (IncomingEntry e : incoming.findByDocumentIdInOrderByReceivedAtDesc(ids)) {
            received.putIfAbsent(e.getDocumentId(), e);
        }
        Map<UUID, DocumentStatusSource.Status> own = new HashMap<>();
        for (DocumentStatusSource source : statusSources) {
            own.putAll(source.statusOf(ids));
        }
        Map<String, String> names = new HashMap<>();
        List<Found> out = new ArrayList<>();
        for (DocumentSummary d : docs) {
            Optional<ProcessRef> proc = processOf(d.id());
            Whereabouts where = proc.filter(ProcessRef::active).flatMap(p -> whereabouts(d.id(), p, names))
                    .orElse(null);
            DocumentStatusSource.Status st = own.get(d.id());
            OutgoingEntry out1 = issued.get(d.id());
            IncomingEntry in1 = received.get(d.id());
            if (st == null) {
                if (out1 != null) {
                    st = new DocumentStatusSource.Status("ISSUED", "Đã ban hành, số " + out1.getSymbol());
                } else if (in1 != null && in1.getStatus() == IncomingEntry.Status.ACCEPTED) {
                    st = new DocumentStatusSource.Status("RECEIVED", "Đã vào sổ văn bản đến, số đến "
                            + RegisterText.number(in1.getArrivalNumber()));
                } else if (in1 != null) {
                    st = new DocumentStatusSource.Status("RETURNED", "Đã trả lại nơi gửi");
                } else if (where != null) {
                    st = new DocumentStatusSource.Status("IN_PROCESS", "Đang xử lý: " + where.stepName());
                } else {
                    st = new DocumentStatusSource.Status("STORED", "Đã lưu, chưa ban hành");
                }
            }
            out.add(new Found(d.id(), d.title(), d.kind(), d.organisationCode(), d.owner(),
                    name(d.owner(), names), d.version(), d.createdAt(), d.updatedAt(),
                    out1 == null ? null : out1.getSymbol(), out1 == null ? null : RegisterText.number(out1.getNumber()),
                    st.code(), st.text(), proc.map(ProcessRef::key).orElse(null), where));
        }
        return out;
    }

    private record ProcessRef(String id, String key, boolean active) {
    }

    /** The newest top-level process that carries this document (running ones first). */
    private Optional<ProcessRef> processOf(UUID documentId) {
        List<HistoricVariableInstance> vars = history.createHistoricVariableInstanceQuery()
                .variableValueEquals(DOCUMENT_ID, documentId.toString()).list();
        Set<String> instanceIds = vars.stream().map(HistoricVariableInstance::getProcessInstanceId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        if (instanceIds.isEmpty()) {
            return Optional.empty();
        }
        return history.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
                .filter(p -> p.getSuperProcessInstanceId() == null)
                .sorted(Comparator.comparing((HistoricProcessInstance p) -> p.getEndTime() == null ? 0 : 1)
                        .thenComparing(HistoricProcessInstance::getStartTime, Comparator.reverseOrder()))
                .findFirst()
                .map(p -> new ProcessRef(p.getId(), p.getProcessDefinitionKey(), p.getEndTime() == null));
    }

    private Optional<Whereabouts> whereabouts(UUID documentId, ProcessRef p, Map<String, String> names) {
        Task task = tasks.createTaskQuery().processInstanceId(p.id()).active().orderByTaskCreateTime().desc().list()
                .stream().findFirst().orElse(null);
        if (task != null) {
            return Optional.of(new Whereabouts(p.key(), p.id(), task.getTaskDefinitionKey(), task.getName(),
                    task.getAssignee(), task.getAssignee() == null ? null : name(task.getAssignee(), names),
                    TaskGroups.candidates(tasks, task.getId()), VietnamTime.of(task.getCreateTime())));
        }
        return signatures.waitingIn(p.id()).map(w -> new Whereabouts(p.key(), p.id(), w.step(), w.name(), w.signer(),
                name(w.signer(), names), List.of(), w.since()));
    }

    private String name(String username, Map<String, String> cache) {
        return cache.computeIfAbsent(username,
                u -> users.find(u).map(CurrentUser::fullName).orElse(u));
    }

    /** Lower case without Vietnamese diacritics, so "nguyen thi lan" finds "Nguyễn Thị Lan". */
    static String fold(String s) {
        return vn.truongso.common.TextFolding.fold(s);
    }

}
