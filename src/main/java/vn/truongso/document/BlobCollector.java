package vn.truongso.document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes blobs no document version refers to, in whichever {@link BlobStore} is configured. Uploads never delete a
 * blob when their transaction rolls back (another transaction may have committed the same bytes), so what a refused or
 * failed upload wrote is collected here.
 *
 * <p>Only blobs untouched for the grace period are candidates: an upload touches its blob before its row is
 * committed, so an upload in flight is never collected. A candidate is first renamed to a name only this run knows
 * ("set aside"), then checked again — still old, still unreferenced by any committed row — and only then deleted;
 * otherwise it is put back. So several nodes may collect the same store at once: a rename succeeds for one of them.
 */
@Component
class BlobCollector {

    private static final Logger log = LoggerFactory.getLogger(BlobCollector.class);
    private static final int BATCH = 500;

    private final BlobStore blobs;
    private final JdbcTemplate jdbc;
    private final Duration grace;

    BlobCollector(BlobStore blobs, JdbcTemplate jdbc, StorageProperties properties) {
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.grace = properties.gc().grace();
    }

    /** What one run did. */
    record Collected(int examined, int deleted, int leftoversDeleted) {
    }

    @Scheduled(cron = "${truongso.storage.gc.cron:0 40 3 * * *}")
    void scheduled() {
        Collected c = collect();
        log.info("Document store collected: {} blobs examined, {} unreferenced deleted, {} leftovers deleted",
                c.examined(), c.deleted(), c.leftoversDeleted());
    }

    /** One collection run over the whole store, now. */
    Collected collect() {
        Instant cutoff = Instant.now().minus(grace);
        List<String> candidates = new ArrayList<>();
        int[] examined = {0};
        int[] leftovers = {0};
        blobs.forEach(s -> {
            switch (s.kind()) {
                case BLOB -> {
                    examined[0]++;
                    if (s.modified().isBefore(cutoff)) {
                        candidates.add(s.sha256());
                    }
                }
                case TEMP -> {
                    // an upload's temporary file left by a crash (live ones are renamed within milliseconds)
                    if (s.modified().isBefore(cutoff)) {
                        blobs.remove(s.key());
                        leftovers[0]++;
                    }
                }
                case SET_ASIDE -> {
                    if (staleSetAside(s.key(), cutoff)) {
                        leftovers[0] += settleLeftover(s.key(), s.sha256()) ? 1 : 0;
                    }
                }
            }
        });
        int deleted = 0;
        for (int i = 0; i < candidates.size(); i += BATCH) {
            List<String> batch = candidates.subList(i, Math.min(candidates.size(), i + BATCH));
            Set<String> referenced = referenced(batch);
            for (String sha : batch) {
                if (!referenced.contains(sha) && collectOne(sha, cutoff)) {
                    deleted++;
                }
            }
        }
        return new Collected(examined[0], deleted, leftovers[0]);
    }

    private boolean collectOne(String sha, Instant cutoff) {
        String aside = blobs.setAside(sha);
        if (aside == null) {
            return false;
        }
        // Touched by an upload since we listed it, or committed meanwhile: it is in use, put it back.
        if (!blobs.modified(aside).isBefore(cutoff) || !referenced(List.of(sha)).isEmpty()) {
            blobs.restore(aside, sha);
            return false;
        }
        blobs.remove(aside);
        return true;
    }

    /** A file a collector set aside and never settled (its node stopped): put back if in use, else delete. */
    private boolean settleLeftover(String aside, String sha) {
        if (!referenced(List.of(sha)).isEmpty() && !blobs.exists(sha)) {
            blobs.restore(aside, sha);
            return false;
        }
        blobs.remove(aside);
        return true;
    }

    /** Set aside longer than the grace period ago (a live run settles its own within milliseconds). */
    private static boolean staleSetAside(String key, Instant cutoff) {
        Matcher m = BlobStore.SET_ASIDE_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
        return m.matches() && Instant.ofEpochMilli(Long.parseLong(m.group(2))).isBefore(cutoff);
    }

    /** Which of these blobs a committed document version names. */
    private Set<String> referenced(List<String> shas) {
        if (shas.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(",", Collections.nCopies(shas.size(), "?"));
        return new HashSet<>(jdbc.queryForList(
                "select distinct sha256 from document_version where sha256 in (" + marks + ")", String.class,
                shas.toArray()));
    }

    /** Scheduling for the collector (and any later @Scheduled job); the cron may be "-" to switch it off. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Schedule {
    }
}
